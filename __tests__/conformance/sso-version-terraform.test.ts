/**
 * The published modules refuse Mathesar's SSO for releases that ignore it (0.10.x reads only OIDC_CONFIG_DICT),
 * evaluated by Terraform itself on each target's root variables, with the construct's words.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeWithTool, hasTool } from "../support/tools";
import type { TerraformJson } from "../support/synth";
import { CONFORMANCE_TARGETS } from "./targets";

/** The variables named, plus every variable their validations refer to (Terraform needs them declared). */
function variableClosure(all: Record<string, TerraformJson>, names: string[]): Record<string, TerraformJson> {
  const picked: Record<string, TerraformJson> = {};
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (picked[name] || !all[name]) continue;
    picked[name] = all[name];
    for (const match of JSON.stringify(all[name].validation ?? []).matchAll(/var\.([a-z0-9_]+)/g)) queue.push(match[1]);
  }
  return picked;
}

function plan(dir: string, vars: Record<string, string>): { ok: boolean; output: string } {
  const args = ["plan", "-input=false", "-refresh=false", "-no-color", "-lock=false"];
  for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
  const result = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" } });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ") };
}

const digest = `sha256:${"a".repeat(64)}`;

describeWithTool("terraform", hasTool("terraform", ["version"]), "published modules refuse SSO for Mathesar older than 0.11.0", () => {
  describe.each(CONFORMANCE_TARGETS)("$name", (target) => {
    let dir = "";
    let required: Record<string, string> = {};
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "sso-version-"));
      const variables = variableClosure(target.moduleRoot().variable, ["mathesar_version", "require_sso_login", target.ssoVariable.name]);
      // A variable without a default gets a placeholder only when a validation refers to it (none does today).
      required = Object.fromEntries(Object.entries(variables).filter(([, v]) => !("default" in v)).map(([name]) => [name, "x"]));
      fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: variables }));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the SSO variable with 0.10.1 is refused, naming the variable and the version", () => {
      const result = plan(dir, { ...required, mathesar_version: "0.10.1", [target.ssoVariable.name]: target.ssoVariable.value });
      expect(result.ok).toBe(false);
      expect(result.output).toContain(`Invalid ${target.ssoVariable.name} with mathesar_version "0.10.1": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0.11.0`);
    });

    test("require_sso_login with 0.10.9 is refused", () => {
      // Without the SSO variable, so that its own refusal does not stop Terraform first.
      const result = plan(dir, { ...required, mathesar_version: "0.10.9", require_sso_login: "true" });
      expect(result.ok).toBe(false);
      expect(result.output).toContain('Invalid require_sso_login with mathesar_version "0.10.9"');
    });

    test.each(["0.11.0", `0.11.0@${digest}`, "1.0.0"])("SSO with %s passes", (version) => {
      const result = plan(dir, { ...required, mathesar_version: version, [target.ssoVariable.name]: target.ssoVariable.value, require_sso_login: "true" });
      expect(result.output).not.toMatch(/Error/);
    });

    test("0.10.1 without SSO passes", () => {
      expect(plan(dir, { ...required, mathesar_version: "0.10.1" }).output).not.toMatch(/Error/);
    });
  });
});
