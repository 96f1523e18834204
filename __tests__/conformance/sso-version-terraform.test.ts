/**
 * The published modules refuse Mathesar's SSO for releases that ignore it (0.10.x reads only OIDC_CONFIG_DICT),
 * evaluated by Terraform itself on each target's root variables, with the construct's words.
 */
import * as fs from "fs";
import { describeWithTool, hasTool } from "../support/tools";
import { variableClosure, variablesOnly } from "./terraform-variables";
import { CONFORMANCE_TARGETS } from "./targets";

const digest = `sha256:${"a".repeat(64)}`;

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "published modules refuse SSO for Mathesar older than 0.11.0",
  () => {
    describe.each(CONFORMANCE_TARGETS)("$name", (target) => {
      let folder: ReturnType<typeof variablesOnly>;
      let required: Record<string, string> = {};
      const plan = (_dir: string, vars: Record<string, string>) => folder.plan(vars);
      const dir = "";
      beforeAll(() => {
        const variables = variableClosure(target.moduleRoot().variable, [
          "mathesar_version",
          "require_sso_login",
          target.ssoVariable.name,
        ]);
        // A variable without a default gets a placeholder only when a validation refers to it (none does today).
        required = Object.fromEntries(
          Object.entries(variables)
            .filter(([, v]) => !("default" in v))
            .map(([name]) => [name, "x"]),
        );
        folder = variablesOnly(variables);
      });
      afterAll(() => fs.rmSync(folder.dir, { recursive: true, force: true }));

      test("the SSO variable with 0.10.1 is refused, naming the variable and the version", () => {
        const result = plan(dir, {
          ...required,
          mathesar_version: "0.10.1",
          [target.ssoVariable.name]: target.ssoVariable.value,
        });
        expect(result.ok).toBe(false);
        expect(result.output).toContain(
          `Invalid ${target.ssoVariable.name} with mathesar_version "0.10.1": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0.11.0`,
        );
      });

      test("require_sso_login with 0.10.9 is refused", () => {
        // Without the SSO variable, so that its own refusal does not stop Terraform first.
        const result = plan(dir, { ...required, mathesar_version: "0.10.9", require_sso_login: "true" });
        expect(result.ok).toBe(false);
        expect(result.output).toContain('Invalid require_sso_login with mathesar_version "0.10.9"');
      });

      test.each(["0.11.0", `0.11.0@${digest}`, "1.0.0"])("SSO with %s passes", (version) => {
        const result = plan(dir, {
          ...required,
          mathesar_version: version,
          [target.ssoVariable.name]: target.ssoVariable.value,
          require_sso_login: "true",
        });
        expect(result.output).not.toMatch(/Error/);
      });

      test("0.10.1 without SSO passes", () => {
        expect(plan(dir, { ...required, mathesar_version: "0.10.1" }).output).not.toMatch(/Error/);
      });
    });
  },
);
