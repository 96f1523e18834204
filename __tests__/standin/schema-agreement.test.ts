/**
 * The stand-in's schema derivation checked against a real provider: the schema derived from
 * @cdktf/provider-aws 20.1.0 against `terraform providers schema -json` of the installed hashicorp/aws
 * 5.100.0. On every AWS resource and data source our configurations use, names, required/optional/
 * computed, types and nesting agree exactly, except the block limits listed in BINDING_GAPS (numbers the
 * bindings do not carry; each entry must still be a real difference). Over the whole provider, the share
 * that agrees is printed and must stay above 99%.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadSchema } from "../../tools/tf-standin/src/cache";
import { compareProvider, formatSummary, RealSchemas } from "../../tools/tf-standin/src/compare";
import { DIST, distModuleConfig, distModuleFolders } from "../support/dist-modules";
import { TerraformWorkspace, awsProviderMirror, AWS_PROVIDER_VERSION } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";

const ROOT = path.join(__dirname, "..", "..");

/**
 * Differences the bindings cannot avoid: cdktf records only whether a block holds at most one item or is
 * required, not a maximum above one. Each is a documented AWS limit.
 */
const BINDING_GAPS = [
  "aws_ecs_service.ordered_placement_strategy: max_items 5 vs 0",
  "aws_ecs_service.placement_constraints: max_items 10 vs 0",
  "aws_ecs_task_definition.placement_constraints: max_items 10 vs 0",
  "aws_lb_listener.default_action.forward.target_group: max_items 5 vs 0",
  "aws_lb_listener_rule.action.forward.target_group: max_items 5 vs 0",
];

/** Resource and data source types used anywhere in the published AWS module (root, submodules, examples). */
function usedAwsTypes(): Set<string> {
  const types = new Set<string>();
  // The modules' configurations (the JSON dist/ is rendered from; support/dist-modules.ts), then the HCL examples.
  for (const folder of distModuleFolders("terraform-aws-mathesar")) {
    const config = distModuleConfig(folder);
    for (const t of Object.keys(config.resource ?? {})) types.add(t);
    for (const t of Object.keys(config.data ?? {})) types.add(`data.${t}`);
  }
  const examples = (name: string) =>
    fs
      .readdirSync(path.join(DIST, name, "examples"))
      .map((example) => fs.readFileSync(path.join(DIST, name, "examples", example, "main.tf"), "utf8"));
  for (const text of examples("terraform-aws-mathesar"))
    for (const m of text.matchAll(/^(resource|data) "(\w+)"/gm)) types.add(m[1] === "data" ? `data.${m[2]}` : m[2]);
  for (const m of fs
    .readFileSync(path.join(DIST, "terraform-kubernetes-mathesar", "examples", "eks", "main.tf"), "utf8")
    .matchAll(/^data "(aws_\w+)"/gm))
    types.add(`data.${m[1]}`);
  return new Set([...types].filter((t) => /^(data\.)?aws_/.test(t)));
}

const mirror = awsProviderMirror();

describeWithTool(
  `terraform with the hashicorp/aws ${AWS_PROVIDER_VERSION} provider mirror`,
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "stand-in schema agreement with the real hashicorp/aws",
  () => {
    let real: RealSchemas;
    const derived = () => loadSchema({ source: "hashicorp/aws", binding: "@cdktf/provider-aws" }, ROOT);
    const used = usedAwsTypes();

    beforeAll(() => {
      const ws = new TerraformWorkspace(mirror!, "aws-schema");
      try {
        ws.write(
          "main.tf",
          `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${AWS_PROVIDER_VERSION}"\n    }\n  }\n}\n`,
        );
        const init = ws.run(["init", "-backend=false", "-input=false"]);
        if (!init.ok) throw new Error(init.output);
        // Not ws.run: `providers schema` takes no -no-color. The workspace's CLI configuration points at the mirror.
        const shown = spawnSync("terraform", ["providers", "schema", "-json"], {
          cwd: ws.dir,
          encoding: "utf8",
          maxBuffer: 256 << 20,
          env: { ...process.env, TF_CLI_CONFIG_FILE: path.join(ws.dir, ".terraformrc"), CHECKPOINT_DISABLE: "1" },
        });
        if (shown.status !== 0) throw new Error(shown.stderr.slice(0, 2000));
        real = JSON.parse(shown.stdout) as RealSchemas;
      } finally {
        ws.dispose();
      }
    }, 240000);

    test("the binding is the one generated from the installed provider version", () => {
      expect(derived().origin.providerVersion).toBe(AWS_PROVIDER_VERSION);
      expect(used.size).toBeGreaterThan(20);
    });

    test("every resource and data source we use agrees exactly (names, flags, types, nesting), but for the listed block limits", () => {
      const comparison = compareProvider(real, derived(), "hashicorp/aws", used);
      expect(comparison.total).toBeGreaterThan(500);
      expect(comparison.disagreements.filter((d) => !BINDING_GAPS.includes(d))).toEqual([]);
      // Each gap listed is still a difference (the list never hides a fixed one).
      for (const gap of BINDING_GAPS) expect(comparison.disagreements).toContain(gap);
      // Every used type was compared.
      for (const type of used) expect(comparison.disagreements).not.toContain(`${type}: not derived`);
    });

    test("over the whole provider, more than 99% of attributes and blocks agree", () => {
      const comparison = compareProvider(real, derived(), "hashicorp/aws");

      console.log(formatSummary("hashicorp/aws 5.100.0 vs @cdktf/provider-aws 20.1.0", comparison));
      expect(comparison.agreeing / comparison.total).toBeGreaterThan(0.99);
    });
  },
);
