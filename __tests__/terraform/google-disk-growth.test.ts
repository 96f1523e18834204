/**
 * "Plan after Cloud SQL grew the disk", with real Terraform and the stand-in google provider (the real
 * 6.50.0 schema from the binding, tools/tf-standin): the published database module is planned once, its
 * instance written to a state as created but with a disk that grew on its own, and planned again. The
 * module must keep the grown size (the provider would replace the instance to shrink it: "Size of a running
 * instance cannot be reduced"); without the module's ignore_changes the same plan sets it back, which shows
 * the check can fail. The stand-in knows no ForceNew, so the replacement itself only a real provider shows.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { planWithStandin, Standin } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

const MODULE = path.join(__dirname, "..", "..", "dist", "terraform-google-mathesar", "modules", "database");
const VARS = {
  project: "standin-project",
  network_id: "projects/standin-project/global/networks/lab",
  tier: "db-custom-1-3840",
  disk_size_gb: "10",
};
const GROWN = 37;

type Change = { address: string; change: { actions: string[]; after: Record<string, unknown> } };
type Block = { attributes?: Record<string, unknown>; block_types?: Record<string, { nesting_mode: string; block: Block }> };

/** A state object as Terraform stores it: every attribute and block of the schema present (null or empty when unset). */
function complete(value: Record<string, unknown> | undefined, block: Block): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(block.attributes ?? {})) out[name] = value?.[name] ?? null;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const items = (value?.[name] as Array<Record<string, unknown>> | undefined) ?? [];
    out[name] = nested.nesting_mode === "single" ? (items as unknown as Record<string, unknown> | null) && complete(items as unknown as Record<string, unknown>, nested.block) : items.map((item) => complete(item, nested.block));
  }
  return out;
}

describeWithTool("terraform", hasTool("terraform", ["version"]), "a Cloud SQL disk that grew on its own (stand-in google provider)", () => {
  const standin = new Standin(["google", "random"]);
  beforeAll(() => standin.start(), 240000);
  afterAll(() => standin.stop());

  /** Plans the module (optionally without its ignore_changes) from a state whose disk grew; returns the instance's planned size. */
  function sizeAfterGrowth(keepIgnoreChanges: boolean): { size: unknown; actions: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-disk-growth-"));
    try {
      fs.cpSync(MODULE, dir, { recursive: true });
      if (!keepIgnoreChanges) {
        const main = JSON.parse(fs.readFileSync(path.join(dir, "main.tf.json"), "utf8"));
        delete main.resource.google_sql_database_instance.this.lifecycle;
        fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(main));
      }
      // GIVEN the instance as the first apply would create it
      const first = planWithStandin(dir, standin.reattach, VARS);
      if (!first.ok) throw new Error(first.output);
      const created = (first.plan!.resource_changes as Change[]).find((r) => r.address === "google_sql_database_instance.this")!;
      const schemas = spawnSync("terraform", ["providers", "schema", "-json"], {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, TF_REATTACH_PROVIDERS: standin.reattach, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
      });
      if (schemas.status !== 0) throw new Error(schemas.stderr);
      const schema = (JSON.parse(schemas.stdout) as { provider_schemas: Record<string, { resource_schemas: Record<string, { block: Block }> }> }).provider_schemas[
        "registry.terraform.io/hashicorp/google"
      ].resource_schemas.google_sql_database_instance.block;
      const attributes = complete(created.change.after, schema) as { settings: Array<{ disk_size: number }> };
      expect(attributes.settings[0].disk_size).toBe(10);
      // AND Cloud SQL has grown its disk since
      attributes.settings[0].disk_size = GROWN;
      const state = {
        version: 4,
        terraform_version: "1.11.4",
        serial: 1,
        lineage: "mathesar-disk-growth",
        outputs: {},
        resources: [
          {
            mode: "managed",
            type: "google_sql_database_instance",
            name: "this",
            provider: 'provider["registry.terraform.io/hashicorp/google"]',
            instances: [{ schema_version: 0, attributes }],
          },
        ],
      };
      fs.writeFileSync(path.join(dir, "terraform.tfstate"), JSON.stringify(state));
      fs.rmSync(path.join(dir, "plan.bin"), { force: true });
      // WHEN Terraform plans again
      const second = planWithStandin(dir, standin.reattach, VARS);
      if (!second.ok) throw new Error(second.output);
      const instance = (second.plan!.resource_changes as Change[]).find((r) => r.address === "google_sql_database_instance.this")!;
      return { size: (instance.change.after.settings as Array<{ disk_size: unknown }>)[0].disk_size, actions: instance.change.actions };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test("the module keeps the grown size in the plan; without its ignore_changes the plan would set it back to 10 GB", () => {
    // THEN the published module proposes nothing for the size
    const kept = sizeAfterGrowth(true);
    expect(kept.size).toBe(GROWN);
    expect(kept.actions).not.toContain("create");
    // AND the same configuration without ignore_changes proposes the shrink the real provider answers with a replacement
    const reverted = sizeAfterGrowth(false);
    expect(reverted.size).toBe(10);
  });
});
