/**
 * Tiers that need a tool which may be absent on a contributor's machine (Terraform, PostgreSQL, Python
 * packages). They skip loudly when the tool is missing; CI sets MATHESAR_REQUIRE_TOOLS=1, which turns a
 * missing tool into a failing test instead of a skip.
 */
import { spawnSync } from "child_process";

/** True when `command --version` (or the given probe) runs successfully. */
export function hasTool(command: string, probe: string[] = ["--version"]): boolean {
  const result = spawnSync(command, probe, { stdio: "ignore" });
  return result.status === 0;
}

/** `describe` that runs only when `available`; otherwise skips with a message, or fails in CI. */
export function describeWithTool(tool: string, available: boolean, name: string, body: () => void): void {
  if (available) {
    describe(name, body);
  } else if (process.env.MATHESAR_REQUIRE_TOOLS === "1") {
    describe(name, () => {
      test(`${tool} is installed (required because MATHESAR_REQUIRE_TOOLS=1)`, () => {
        throw new Error(`${tool} is missing: .ci/run must install it. This tier may not be skipped in CI.`);
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": ${tool} is not installed. Install it (see .ci/run) to run this tier.`);
    describe.skip(name, body);
  }
}
