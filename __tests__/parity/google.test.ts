/**
 * Parity of the two Google flavours: for each case of a matrix, the deployable stack (the construct
 * `MathesarOnGoogleCloud` with props) and the published module (dist/terraform-google-mathesar with the
 * same settings as variables) are planned by real Terraform with the stand-in google and random providers,
 * and the planned resources are compared: types, counts, and every planned argument (addresses normalized:
 * module paths and indexes stripped). Any difference is a bug, or one of EXCEPTIONS below (each says why).
 * A last test doctors one argument of one flavour's plan and checks that the comparison reports it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { GoogleStack } from "../../stacks/google/deploy-stack";
import { GOOGLE_SETTINGS, type MathesarOnGoogleCloudProps } from "../../modules/google";
import { variablesFromProps } from "../../modules/terraform/wiring";
import { DATABASE_CA_ENV, DATABASE_CA_FILE, NO_DATABASE_CA, writeDatabaseCaCommand } from "../../modules/mathesar";
import { planWithStandin, Standin } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

type Change = {
  address: string;
  mode: string;
  type: string;
  change: { actions: string[]; after: Record<string, unknown> | null };
};
type Plan = { resource_changes?: Change[] };

const DIST = path.join(__dirname, "..", "..", "dist", "terraform-google-mathesar");
const PROJECT = "standin-project";
const DOMAIN = "data.example.org";
const REGION = "europe-west1";

/** One case: the construct's props (the module gets the same settings, variablesFromProps). */
type ParityCase = Omit<MathesarOnGoogleCloudProps, "project" | "domainName" | "region">;

const EXISTING_NETWORK = {
  networkId: `projects/${PROJECT}/global/networks/lab`,
  subnetworkId: `projects/${PROJECT}/regions/${REGION}/subnetworks/lab`,
};

/** The matrix: defaults, an existing network, an existing database, each size, SSO, IAP, each runtime and edge. */
export const PARITY_CASES: Record<string, ParityCase> = {
  defaults: {},
  "existing network": { network: { existing: EXISTING_NETWORK } },
  "existing database": {
    database: {
      existing: { host: "10.20.0.5", passwordSecretId: "lab-db-password", databaseName: "lab", user: "lab" },
    },
  },
  "size medium": { size: "medium" },
  "size large": { size: "large" },
  "SSO on": { sso: { configSecretId: "lab-sso", requireSsoLogin: true } },
  "IAP and Cloud Armor": {
    iap: { members: ["group:lab@example.org"] },
    cloudArmor: { allowedIpRanges: ["192.0.2.0/24"] },
  },
  "VM behind the load balancer": { runtime: "vm", vm: { zone: `${REGION}-b` } },
  "VM with Caddy": { runtime: "vm", vm: { edge: "caddy", zone: `${REGION}-c`, acmeEmail: "ops@example.org" } },
};

/** A difference the flavours must have: where (path pattern), why, and the exact values it allows. */
interface Exception {
  readonly path: RegExp;
  readonly why: string;
  readonly allows: (stack: unknown, module: unknown) => boolean;
}

const CLOUD_RUN_CONTAINER = "google_cloud_run_v2_service.this.template.0.containers.mathesar";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Documented differences. Each is a consequence of the module deciding in Terraform what the construct
 * decides in TypeScript, and allows exactly the values it explains — anything else is still reported.
 */
export const EXCEPTIONS: readonly Exception[] = [
  {
    path: new RegExp(`^${escape(CLOUD_RUN_CONTAINER)}\\.command\\.2$`),
    why: 'the module cannot leave the database CA out (it is a variable): its start command always runs the CA step, which writes nothing for "none"',
    allows: (stack, module) => module === `${writeDatabaseCaCommand()} && ${String(stack)}`,
  },
  {
    path: new RegExp(`^${escape(CLOUD_RUN_CONTAINER)}\\.env\\.${DATABASE_CA_ENV}$`),
    why: 'the same: the CA variable is "none" (no certificate) where the construct has none at all',
    allows: (stack, module) => stack === undefined && (module as { value?: string }).value === NO_DATABASE_CA,
  },
  {
    path: new RegExp(`^${escape(CLOUD_RUN_CONTAINER)}\\.env\\.PGSSLROOTCERT$`),
    why: 'the same: PGSSLROOTCERT names the CA file, which is not written for "none" (libpq then verifies nothing, as sslmode require means)',
    allows: (stack, module) => stack === undefined && (module as { value?: string }).value === DATABASE_CA_FILE,
  },
  {
    path: /^data\.google_project\.this$/,
    why:
      "the module's cloud_run block depends_on the secrets and database modules, so Terraform defers the " +
      "data sources inside it to apply; the stack reads the project number at plan",
    allows: (stack, module) => stack === 0 && module === 1,
  },
  {
    path: /^google_cloud_run_v2_service_iam_member\.iap\.member$/,
    why: "the same deferred read: IAP's service agent is named by the project number, known at plan in the stack and at apply in the module",
    allows: (stack, module) =>
      /^serviceAccount:service-\d+@gcp-sa-iap\.iam\.gserviceaccount\.com$/.test(String(stack)) && module === undefined,
  },
];

/** Whether a difference at `path` is a documented exception for these values. */
function excepted(path: string, stack: unknown, module: unknown): boolean {
  return EXCEPTIONS.some((e) => e.path.test(path) && e.allows(stack, module));
}

/** The construct flavour: the deployable stack for the case, as `cdktf synth` writes it. */
function synthesizeStack(dir: string, parityCase: ParityCase): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-parity-synth-"));
  try {
    const app = new App({ outdir });
    new GoogleStack(app, "parity", { project: PROJECT, domainName: DOMAIN, region: REGION, ...parityCase });
    app.synth();
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(outdir, "stacks", "parity", "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The module flavour: a root configuration calling the published module with the case's variables. */
function writeModuleCall(dir: string, moduleDir: string, parityCase: ParityCase): void {
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    provider: { google: { project: PROJECT, region: REGION }, random: {} },
    module: {
      mathesar: {
        source: path.relative(dir, moduleDir),
        project: PROJECT,
        domain_name: DOMAIN,
        region: REGION,
        ...variablesFromProps(GOOGLE_SETTINGS, parityCase),
      },
    },
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

/** A resource's address without module paths and instance keys: `google_sql_database_instance.this`. */
export function normalizeAddress(address: string): string {
  return address.replace(/module\.[\w-]+(\[[^\]]*\])?\./g, "").replace(/\[[^\]]*\]$/, "");
}

/** The planned resources by normalized address (a list: a counted resource may plan several). */
export function plannedResources(plan: Plan): Map<string, Array<Record<string, unknown>>> {
  const out = new Map<string, Array<Record<string, unknown>>>();
  for (const change of plan.resource_changes ?? []) {
    if (change.change.actions.includes("delete") || change.change.actions.includes("no-op")) continue;
    const key = normalizeAddress(change.address);
    const list = out.get(key) ?? [];
    list.push(change.change.after ?? {});
    out.set(key, list);
  }
  return out;
}

/** Arrays of named entries (env, flags, volumes) as objects by name, so one extra entry is one difference. */
function byName(value: unknown): unknown {
  if (Array.isArray(value)) {
    const named = value.length > 0 && value.every((v) => v && typeof v === "object" && typeof v.name === "string");
    const items = value.map(byName);
    return named ? Object.fromEntries(items.map((v) => [(v as { name: string }).name, v])) : items;
  }
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, byName(v)]));
  return value;
}

/** Leaf differences of two planned values, as `path: stack ≠ module`. */
function valueDifferences(path: string, x: unknown, y: unknown, out: string[]): void {
  if (excepted(path, x, y)) return;
  const bothObjects = x && y && typeof x === "object" && typeof y === "object" && Array.isArray(x) === Array.isArray(y);
  if (bothObjects && !(Array.isArray(x) && (x as unknown[]).length !== (y as unknown[]).length)) {
    const a = x as Record<string, unknown>;
    const b = y as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      valueDifferences(`${path}.${key}`, a[key], b[key], out);
    return;
  }
  if (JSON.stringify(x) !== JSON.stringify(y))
    out.push(`${path}: stack ${JSON.stringify(x)} ≠ module ${JSON.stringify(y)}`);
}

/** Every difference between two plans: resources one plans and the other not, and differing arguments. */
export function planDifferences(stack: Plan, module: Plan): string[] {
  const a = plannedResources(stack);
  const b = plannedResources(module);
  const differences: string[] = [];
  for (const address of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const left = a.get(address) ?? [];
    const right = b.get(address) ?? [];
    if (left.length !== right.length) {
      if (excepted(address, left.length, right.length)) continue;
      differences.push(`${address}: ${left.length} in the stack, ${right.length} in the module`);
      continue;
    }
    left.forEach((value, i) => {
      const found: string[] = [];
      valueDifferences(address, byName(value), byName(right[i]), found);
      differences.push(...found);
    });
  }
  return differences;
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Google: the deployable stack and the published module plan the same infrastructure (stand-in providers)",
  () => {
    const standin = new Standin(["google", "random"]);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-parity-google-"));
    const moduleDir = path.join(work, "terraform-google-mathesar");
    const plans = new Map<string, { stack: Plan; module: Plan }>();
    beforeAll(async () => {
      await standin.start();
      fs.cpSync(DIST, moduleDir, { recursive: true });
    }, 240000);
    afterAll(async () => {
      await standin.stop();
      fs.rmSync(work, { recursive: true, force: true });
    });

    const plan = (dir: string): Plan => {
      const result = planWithStandin(dir, standin.reattach);
      if (!result.ok) throw new Error(result.output);
      return result.plan as Plan;
    };

    test("the module gets the case's settings as its variables", () => {
      expect(variablesFromProps(GOOGLE_SETTINGS, PARITY_CASES["IAP and Cloud Armor"])).toEqual({
        iap_members: ["group:lab@example.org"],
        cloud_armor_enabled: true,
        cloud_armor_allowed_ip_ranges: ["192.0.2.0/24"],
      });
      expect(variablesFromProps(GOOGLE_SETTINGS, PARITY_CASES["existing network"])).toEqual({
        existing_network: { network_id: EXISTING_NETWORK.networkId, subnetwork_id: EXISTING_NETWORK.subnetworkId },
      });
    });

    test.each(Object.keys(PARITY_CASES))("%s: same resources, same arguments", (label) => {
      const parityCase = PARITY_CASES[label];
      const slug = label.replace(/\W+/g, "-");
      synthesizeStack(path.join(work, `stack-${slug}`), parityCase);
      writeModuleCall(path.join(work, `module-${slug}`), moduleDir, parityCase);
      const planned = {
        stack: plan(path.join(work, `stack-${slug}`)),
        module: plan(path.join(work, `module-${slug}`)),
      };
      plans.set(label, planned);
      expect(plannedResources(planned.stack).size).toBeGreaterThan(10);
      expect(planDifferences(planned.stack, planned.module)).toEqual([]);
    });

    test("a deliberate difference in one flavour fails the comparison", () => {
      const planned = plans.get("defaults");
      if (!planned) throw new Error("the defaults case was not planned");
      // One argument of one flavour changed: the availability of the module's Cloud SQL instance.
      const doctored = JSON.parse(JSON.stringify(planned.module)) as Plan;
      const instance = doctored.resource_changes!.find((c) => c.type === "google_sql_database_instance")!;
      const settings = (instance.change.after as { settings: Array<Record<string, unknown>> }).settings[0];
      settings.availability_type = "REGIONAL";
      expect(planDifferences(planned.stack, doctored)).toEqual([
        'google_sql_database_instance.this.settings.0.availability_type: stack "ZONAL" ≠ module "REGIONAL"',
      ]);
      // An exception allows exactly what it explains: another CA file is reported.
      const withCa = JSON.parse(JSON.stringify(planned.module)) as Plan;
      const service = withCa.resource_changes!.find((c) => c.type === "google_cloud_run_v2_service")!;
      const env = (
        service.change.after as { template: Array<{ containers: Array<{ env: Array<Record<string, unknown>> }> }> }
      ).template[0].containers[0].env;
      env.find((e) => e.name === "PGSSLROOTCERT")!.value = "/tmp/elsewhere.pem";
      expect(planDifferences(planned.stack, withCa)).toEqual([
        expect.stringMatching(/env\.PGSSLROOTCERT: stack undefined/),
      ]);
      // A resource only one flavour plans is reported too.
      doctored.resource_changes = doctored.resource_changes!.filter((c) => c.type !== "google_storage_bucket");
      expect(planDifferences(planned.stack, doctored)).toContain(
        "google_storage_bucket.media: 1 in the stack, 0 in the module",
      );
    });
  },
);
