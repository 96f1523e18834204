/**
 * Every deployable stack, as `npm run synth` writes it for `cdktf deploy`, goes through `terraform init` the
 * way a user's first deploy does. Terraform reads and checks the whole configuration before it installs any
 * provider, so a configuration error (an invalid precondition, a bad reference in a lifecycle block, an
 * unknown block type) fails here for every target. Providers these machines hold (hashicorp/aws) are
 * installed from the mirror and the AWS stack is validated too; for the others the only error allowed is
 * that the registry cannot be reached. The AWS plan tier plans the AWS stack in full.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { TARGETS } from "../../stacks/targets";
import { TerraformWorkspace, awsProviderMirror } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";

/** The error Terraform gives for a provider it cannot download: expected here, never a configuration error. */
const UNREACHABLE_REGISTRY = "Failed to query available provider packages";

/** Synthesizes every deployable stack the way `npm run synth` does; returns stack name → Terraform JSON text. */
function synthesizeDeployableStacks(): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-deploy-stacks-"));
  try {
    const app = new App({ outdir });
    for (const target of TARGETS) target.addDeployableStack(app);
    app.synth();
    const stacksDir = path.join(outdir, "stacks");
    return new Map(
      fs
        .readdirSync(stacksDir)
        .map((name) => [name, fs.readFileSync(path.join(stacksDir, name, "cdk.tf.json"), "utf8")]),
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Error titles in Terraform's output (`Error: <title>`). */
function errorTitles(output: string): string[] {
  return [...output.matchAll(/^Error: (.+)$/gm)].map((m) => m[1].trim());
}

const mirror = awsProviderMirror();

describeWithTool(
  "terraform with the hashicorp/aws provider mirror",
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "terraform init of every deployable stack",
  () => {
    const stacks = synthesizeDeployableStacks();

    test("every target's deployable stack is synthesized", () => {
      expect([...stacks.keys()].sort()).toEqual(expect.arrayContaining(TARGETS.map((t) => t.stackName)));
    });

    test.each([...stacks.keys()])(
      "%s: declares the Terraform it needs (>= 1.11 where it uses ephemeral values or write-only arguments)",
      (name) => {
        const text = stacks.get(name)!;
        const config = JSON.parse(text) as { terraform?: { required_version?: string }; ephemeral?: unknown };
        expect(config.terraform?.required_version).toMatch(/^>=\s*1\.[0-9]+(\.[0-9]+)?$/);
        const needs111 = config.ephemeral !== undefined || /"[a-z_]+_wo"\s*:/.test(text);
        if (needs111) expect(config.terraform?.required_version).toMatch(/^>=\s*1\.(1[1-9]|[2-9][0-9])(\.[0-9]+)?$/);
      },
    );

    test.each([...stacks.keys()])("%s: terraform init finds no configuration error", (name) => {
      const workspace = new TerraformWorkspace(mirror!, `deploy-${name}`);
      try {
        workspace.write("cdk.tf.json", stacks.get(name)!);
        const init = workspace.run(["init", "-backend=false", "-input=false"]);
        const titles = errorTitles(init.output);
        // A configuration problem is reported before any provider is installed, under this heading.
        expect(init.output).not.toContain("problems with the configuration");
        expect(titles.filter((t) => t !== UNREACHABLE_REGISTRY)).toEqual([]);
        const providers = Object.values(
          (JSON.parse(stacks.get(name)!) as { terraform: { required_providers: Record<string, { source: string }> } })
            .terraform.required_providers,
        ).map((p) => (p.source.includes("/") ? p.source : `hashicorp/${p.source}`));
        if (providers.every((source) => source === "hashicorp/aws")) {
          expect(init.ok).toBe(true);
          const validate = workspace.run(["validate"]);
          expect(validate.output).toContain("The configuration is valid");
        } else {
          // Only the providers the registry would have served are missing.
          expect(titles).toContain(UNREACHABLE_REGISTRY);
        }
      } finally {
        workspace.dispose();
      }
    });
  },
);
