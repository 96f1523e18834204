/**
 * The deployable AWS stack exactly as `npm run synth` / `cdktf deploy aws` write it (cdktf.out/stacks/aws,
 * local backend included), run through Terraform the way `cdktf deploy` does: `init`, `validate`, `plan`,
 * against the real hashicorp/aws provider with the read calls answered by the local mock.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { TARGETS } from "../../stacks/targets";
import { AwsMock, TerraformWorkspace, awsProviderMirror, planned, type PlanJson } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";

const mirror = awsProviderMirror();
const mock = new AwsMock();
const workspaces: TerraformWorkspace[] = [];

/** Synthesizes the AWS deployable stack with `env` as MATHESAR_* settings into a workspace, as main.ts does. */
function synthesized(label: string, env: Record<string, string>): { ws: TerraformWorkspace; dir: string } {
  const ws = new TerraformWorkspace(mirror!, label);
  workspaces.push(ws);
  const saved = { ...process.env };
  try {
    for (const key of Object.keys(process.env))
      if (key.startsWith("MATHESAR_") && key !== "MATHESAR_REQUIRE_TOOLS") delete process.env[key];
    Object.assign(process.env, env);
    const outdir = path.join(ws.dir, "cdktf.out");
    fs.mkdirSync(outdir, { recursive: true });
    const app = new App({ outdir });
    TARGETS.find((target) => target.stackName === "aws")!.addDeployableStack(app);
    app.synth();
  } finally {
    process.env = saved;
  }
  const dir = path.join("cdktf.out", "stacks", "aws");
  ws.write(path.join(dir, "mock_override.tf.json"), mock.providerOverride());
  return { ws, dir };
}

describeWithTool(
  "terraform with the hashicorp/aws provider mirror",
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "the deployable AWS stack under Terraform",
  () => {
    beforeAll(() => mock.start());
    afterAll(async () => {
      await mock.stop();
      for (const ws of workspaces) ws.dispose();
      fs.rmSync(path.join(os.tmpdir(), "terraform.aws.tfstate"), { force: true });
    });

    test("requires Terraform 1.11 or later (ephemeral resources, write-only arguments)", () => {
      const { ws, dir } = synthesized("deploy-version", {});
      const config = JSON.parse(fs.readFileSync(path.join(ws.dir, dir, "cdk.tf.json"), "utf8")) as {
        terraform: { required_version?: string };
      };
      expect(config.terraform.required_version).toBe(">= 1.11");
    });

    test("without MATHESAR_DOMAIN_NAME: init and validate pass, plan stops with the placeholder message", () => {
      const { ws, dir } = synthesized("deploy-placeholder", {});
      for (const step of [["init", "-input=false"], ["validate"]]) {
        const result = ws.run(step, dir);
        expect([step[0], result.ok, result.ok ? "" : result.output]).toEqual([step[0], true, ""]);
      }
      const plan = ws.run(["plan", "-refresh=false", "-input=false", "-lock=false"], dir);
      expect(plan.ok).toBe(false);
      expect(plan.output.replace(/[│\s]+/g, " ")).toContain(
        "Set MATHESAR_DOMAIN_NAME: mathesar.example.com is only a placeholder for synthesis.",
      );
    });

    test("with MATHESAR_DOMAIN_NAME: init, validate and plan pass; MATHESAR_DELETION_PROTECTION=false reaches RDS and the load balancer", () => {
      const { ws, dir } = synthesized("deploy-domain", {
        MATHESAR_DOMAIN_NAME: "data.example.org",
        MATHESAR_DELETION_PROTECTION: "false",
      });
      for (const step of [
        ["init", "-input=false"],
        ["validate"],
        ["plan", "-refresh=false", "-input=false", "-lock=false", "-out=plan.bin"],
      ]) {
        const result = ws.run(step, dir);
        expect([step[0], result.ok, result.ok ? "" : result.output]).toEqual([step[0], true, ""]);
      }
      const plan = JSON.parse(ws.run(["show", "-json", "plan.bin"], dir).output) as PlanJson;
      expect(planned(plan, "aws_db_instance")[0].deletion_protection).toBe(false);
      expect(planned(plan, "aws_lb")[0].enable_deletion_protection).toBe(false);
      expect(planned(plan, "terraform_data")[0].input).toEqual({ protected: false });
    });
  },
);
