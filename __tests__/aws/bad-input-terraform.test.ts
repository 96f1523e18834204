/**
 * The shared bad-input table (bad-input-cases.ts) against terraform-aws-mathesar's root variables: Terraform
 * refuses each case at plan with the words the construct says, naming the variable. Only the variables are
 * planned (no provider needed), as `terraform plan` evaluates validations before anything else.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderAwsModule } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";
import { AWS_BAD_INPUTS } from "./bad-input-cases";

const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
let dir: string;

/** `terraform plan` over the root variables with these values; output with Terraform's box and line breaks removed. */
function plan(variables: Record<string, unknown>): { ok: boolean; output: string } {
  fs.writeFileSync(
    path.join(dir, "case.tfvars.json"),
    JSON.stringify({ domain_name: "mathesar.example.org", ...variables }),
  );
  const result = spawnSync(
    "terraform",
    ["plan", "-input=false", "-refresh=false", "-lock=false", "-no-color", "-var-file=case.tfvars.json"],
    { cwd: dir, encoding: "utf8", env },
  );
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ") };
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "the shared bad-input table against terraform-aws-mathesar's variables",
  () => {
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-aws-bad-"));
      const variable = renderAwsModule().modules[""].variable;
      fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable }));
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: dir,
        encoding: "utf8",
        env,
      });
      if (init.status !== 0) throw new Error(init.stderr);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the defaults pass (the table's cases fail for their own reason)", () => {
      expect(plan({})).toMatchObject({ ok: true });
    });

    test.each(AWS_BAD_INPUTS.map((c) => [c.what, c] as const))(
      "refuses %s with the construct's words",
      (_what, bad) => {
        const result = plan(bad.variables);
        expect(result.ok).toBe(false);
        expect(result.output).toContain(`Invalid ${bad.variable}`);
        expect(result.output).toContain(bad.because);
      },
    );
  },
);
