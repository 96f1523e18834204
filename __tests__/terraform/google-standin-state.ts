/**
 * A Terraform state "as the first apply would leave it", for plans against the stand-in google provider:
 * every managed resource of a first plan, with its planned values completed to the provider schema (every
 * attribute and block present; computed attributes Terraform only learns at apply given stand-in values, so
 * the next plan does not see them as changing). Lets a test plan a second run over an existing deployment.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DIST, writeDistModuleJson } from "../support/dist-modules";
import { Standin, planWithStandin } from "../support/standin";

/** A block of a provider schema (`terraform providers schema -json`). */
export type SchemaBlock = {
  attributes?: Record<string, { type: unknown; computed?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock }>;
};

/** A planned resource change of `terraform show -json`. */
export type PlannedChange = {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: unknown;
  provider_name: string;
  change: { actions: string[]; after: Record<string, unknown> };
  action_reason?: string;
};

/** The stand-in value of a computed attribute that is known only after apply. */
function standInValue(type: unknown): unknown {
  if (type === "string") return "stand-in";
  if (type === "number") return 1;
  if (type === "bool") return false;
  if (Array.isArray(type) && type[0] === "map") return {};
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set")) return [];
  return null;
}

/** `value` with every attribute and block of `block` present. */
export function completeToSchema(
  value: Record<string, unknown> | undefined,
  block: SchemaBlock,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    const given = value?.[name];
    out[name] =
      given !== undefined && given !== null ? given : attribute.computed ? standInValue(attribute.type) : null;
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const given = value?.[name];
    if (nested.nesting_mode === "single") {
      out[name] = given ? completeToSchema(given as Record<string, unknown>, nested.block) : null;
      continue;
    }
    out[name] = ((given as Array<Record<string, unknown>> | undefined) ?? []).map((item) =>
      completeToSchema(item, nested.block),
    );
  }
  return out;
}

/** The google provider's resource schemas, as Terraform sees them through the stand-in. */
export function googleResourceSchemas(dir: string, reattach: string): Record<string, { block: SchemaBlock }> {
  const result = spawnSync("terraform", ["providers", "schema", "-json"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, TF_REATTACH_PROVIDERS: reattach, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  const parsed = JSON.parse(result.stdout) as {
    provider_schemas: Record<string, { resource_schemas: Record<string, { block: SchemaBlock }> }>;
  };
  return parsed.provider_schemas["registry.terraform.io/hashicorp/google"].resource_schemas;
}

/**
 * Writes `dir/terraform.tfstate` holding every google resource of `changes` as created; `adjust` may change
 * a resource's attributes first (a disk that grew on its own).
 */
export function writeStateAsApplied(
  dir: string,
  reattach: string,
  changes: PlannedChange[],
  adjust: (address: string, attributes: Record<string, unknown>) => void = () => undefined,
): void {
  const schemas = googleResourceSchemas(dir, reattach);
  const managed = changes.filter(
    (c) =>
      c.mode === "managed" && c.provider_name === "registry.terraform.io/hashicorp/google" && c.index === undefined,
  );
  const resources = managed.map((c) => {
    const attributes = completeToSchema(c.change.after, schemas[c.type].block);
    adjust(c.address, attributes);
    return {
      mode: "managed",
      type: c.type,
      name: c.name,
      provider: 'provider["registry.terraform.io/hashicorp/google"]',
      instances: [{ schema_version: 0, attributes }],
    };
  });
  const state = {
    version: 4,
    terraform_version: "1.11.4",
    serial: 1,
    lineage: "mathesar-standin-state",
    outputs: {},
    resources,
  };
  fs.writeFileSync(path.join(dir, "terraform.tfstate"), JSON.stringify(state));
  fs.rmSync(path.join(dir, "plan.bin"), { force: true });
}

/** The published database submodule (relative to dist/ and its folder), and the variables it is planned with by the tests over a state. */
const DATABASE_FOLDER = "terraform-google-mathesar/modules/database";
export const DATABASE_MODULE = path.join(DIST, ...DATABASE_FOLDER.split("/"));
export const DATABASE_VARS = {
  project: "standin-project",
  network_id: "projects/standin-project/global/networks/lab",
  tier: "db-custom-1-3840",
  disk_size_gb: "10",
};

/**
 * For one `describe` block: a stand-in server (google, random) and `deployed()`, which copies the database
 * submodule (changed by `edit`, e.g. without a lifecycle rule, for a control), plans it and writes the
 * state the first apply would leave (changed by `adjust`, e.g. a disk that grew since). Copies are removed
 * after the block.
 */
export function deployedDatabaseModule(label: string): {
  readonly standin: Standin;
  deployed(
    edit?: (main: { resource: Record<string, Record<string, Record<string, unknown>>> }) => void,
    adjust?: (address: string, attributes: Record<string, unknown>) => void,
  ): string;
} {
  const standin = new Standin(["google", "random"]);
  const dirs: string[] = [];
  beforeAll(() => standin.start(), 240000);
  afterAll(async () => {
    await standin.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    standin,
    deployed(edit, adjust) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mathesar-${label}-`));
      dirs.push(dir);
      fs.cpSync(DATABASE_MODULE, dir, { recursive: true });
      if (edit) {
        // Edited as Terraform JSON (the configuration dist/ is rendered from): the copy's own files are replaced.
        writeDistModuleJson(dir, DATABASE_FOLDER);
        const file = path.join(dir, "main.tf.json");
        const main = JSON.parse(fs.readFileSync(file, "utf8"));
        edit(main);
        fs.writeFileSync(file, JSON.stringify(main));
      }
      const first = planWithStandin(dir, standin.reattach, DATABASE_VARS);
      if (!first.ok) throw new Error(first.output);
      writeStateAsApplied(dir, standin.reattach, first.plan!.resource_changes as PlannedChange[], adjust);
      return dir;
    },
  };
}
