/**
 * The `name` prefix is as long as each target's clouds allow, and no longer: the longest name a target accepts
 * is synthesized, and every resource name it produces must fit that cloud's limit for the attribute, with at
 * least one exactly at its limit (the binding one). The docs' own examples must pass their target's rule.
 */
import * as fs from "fs";
import * as path from "path";
import type { MathesarBaseProps } from "../../modules/mathesar";
import type { TerraformJson } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";
import { variableClosure, variablesOnly } from "./terraform-variables";
import type { ConformanceTarget } from "./target";
import { CONFORMANCE_TARGETS } from "./targets";

/**
 * Name limits of the attributes that carry `name`, from the providers' and clouds' documentation. A `*_prefix`
 * gets 26 generated characters appended (the AWS provider's name_prefix), hence its shorter limit.
 */
const LIMITS: Record<string, number> = {
  "aws_lb.name": 32, // Elastic Load Balancing: 32 characters
  "aws_lb_target_group.name": 32,
  "aws_iam_role.name_prefix": 38, // IAM role names: 64
  "aws_s3_bucket.bucket_prefix": 37, // S3 bucket names: 63
  "aws_db_instance.identifier": 63, // RDS DB instance identifiers: 63
  "aws_db_instance.final_snapshot_identifier": 255,
  "aws_db_parameter_group.name_prefix": 229, // 255
  "aws_db_subnet_group.name_prefix": 229, // 255
  "aws_security_group.name_prefix": 229, // 255
  "aws_secretsmanager_secret.name_prefix": 486, // 512
  "aws_cloudwatch_log_group.name": 512,
  "aws_ecs_cluster.name": 255,
  "aws_ecs_service.name": 255,
  "aws_ecs_task_definition.family": 255,
  "digitalocean_app.spec.name": 32, // App Platform: 2 to 32 characters
  "digitalocean_database_cluster.name": 63,
  "digitalocean_vpc.name": 255,
  "google_service_account.account_id": 30, // 6 to 30 characters
  "google_service_account.display_name": 100,
  "google_cloud_run_v2_service.name": 49,
  "google_sql_database_instance.name": 84,
  "google_secret_manager_secret.secret_id": 255,
  "google_storage_bucket.name": 63,
  "helm_release.name": 53, // Helm release names: 53 characters
  "docker_container.name": 63, // a container's name is its DNS name on a user-defined network: one label
  "docker_volume.name": 255, // a directory under /var/lib/docker/volumes: one file name
  "docker_network.name": 255, // no limit in Docker's documentation; kept to one file name
};
/** Compute Engine resource names (RFC 1035 labels): 63; tags too. */
const COMPUTE_LIMIT = 63;
/** Tag values (AWS `Name` tags): 256. */
const TAG_VALUE_LIMIT = 256;

function limitOf(type: string, attribute: string): number | undefined {
  if (attribute.startsWith("tags.")) return TAG_VALUE_LIMIT;
  if (
    type.startsWith("google_compute_") &&
    (attribute === "name" || attribute === "tags" || attribute === "target_tags")
  )
    return COMPUTE_LIMIT;
  return LIMITS[`${type}.${attribute}`];
}

/** Every string attribute of every resource that contains `name`, as `type.attribute` → value. */
function namedAttributes(
  config: TerraformJson,
  name: string,
): Array<{ key: string; type: string; attribute: string; value: string }> {
  const found: Array<{ key: string; type: string; attribute: string; value: string }> = [];
  for (const [type, resources] of Object.entries((config.resource ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [resourceName, body] of Object.entries(resources)) {
      const walk = (value: unknown, attribute: string) => {
        // Commands and triggers carry the name but name nothing in the cloud.
        if (attribute.startsWith("provisioner") || attribute.startsWith("triggers_replace") || attribute === "input")
          return;
        if (typeof value === "string") {
          if (value.includes(name) && attribute !== "values")
            found.push({ key: `${type}.${resourceName}.${attribute}`, type, attribute, value });
        } else if (Array.isArray(value)) value.forEach((item) => walk(item, attribute));
        else if (value && typeof value === "object")
          for (const [k, v] of Object.entries(value)) walk(v, attribute ? `${attribute}.${k}` : k);
      };
      walk(body, "");
    }
  }
  return found;
}

const nameOf = (length: number) => `n${"x".repeat(length - 1)}`;
const accepts = (target: ConformanceTarget, name: string) => {
  try {
    target.build({ name } as MathesarBaseProps);
    return true;
  } catch (error) {
    if (!/Invalid name/.test(String(error))) throw error;
    return false;
  }
};

/** The longest name the construct accepts (names 2 to 80 characters long). */
function longestAccepted(target: ConformanceTarget): number {
  let low = 2;
  let high = 80;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (accepts(target, nameOf(mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

describe.each(CONFORMANCE_TARGETS)("$name: the name prefix fits the clouds' limits", (target) => {
  const longest = longestAccepted(target);
  const name = nameOf(longest);
  const attributes = namedAttributes(target.deploy({ name } as MathesarBaseProps).config, name);

  test("the longest accepted name is at least 20 characters, and one more is refused with the limit in words", () => {
    expect(longest).toBeGreaterThanOrEqual(20);
    expect(() => target.build({ name: nameOf(longest + 1) } as MathesarBaseProps)).toThrow(
      new RegExp(`Invalid name "${nameOf(longest + 1)}": must be 2 to ${longest} lowercase letters`),
    );
  });

  test("every resource name made from it fits its limit", () => {
    const unknown = attributes.filter((a) => limitOf(a.type, a.attribute) === undefined).map((a) => a.key);
    expect(unknown).toEqual([]);
    const tooLong = attributes
      .filter((a) => a.value.length > limitOf(a.type, a.attribute)!)
      .map((a) => `${a.key}: ${a.value.length} > ${limitOf(a.type, a.attribute)}`);
    expect(tooLong).toEqual([]);
  });

  test("the limit is binding: some resource name is exactly at its cloud's limit (in this target or a sibling with the same rule)", () => {
    // Google's two runtimes share one rule: the VM's service account binds it for both.
    const siblings = CONFORMANCE_TARGETS.filter((t) => t !== target && t.moduleRoot === target.moduleRoot);
    const all = [
      ...attributes,
      ...siblings.flatMap((t) => namedAttributes(t.deploy({ name } as MathesarBaseProps).config, name)),
    ];
    const atLimit = all.filter((a) => a.value.length === limitOf(a.type, a.attribute)).map((a) => a.key);
    expect(atLimit.length).toBeGreaterThan(0);
  });

  describeWithTool(
    "terraform",
    hasTool("terraform", ["version"]),
    "the published module's name variable agrees",
    () => {
      test("the longest name passes terraform plan, one more character is refused", () => {
        const folder = variablesOnly(variableClosure(target.moduleRoot().variable, ["name"]));
        try {
          expect(folder.plan({ name }).output).not.toMatch(/Error/);
          const refused = folder.plan({ name: nameOf(longest + 1) });
          expect(refused.ok).toBe(false);
          expect(refused.output).toContain(`must be 2 to ${longest} lowercase letters`);
        } finally {
          fs.rmSync(folder.dir, { recursive: true, force: true });
        }
      });
    },
  );
});

describe("the docs' example names pass their target's rule", () => {
  const docs: Array<[string, string]> = [
    ["aws.md", "AWS"],
    ["digitalocean.md", "DigitalOcean"],
    ["google-cloud.md", "Google Cloud"],
    ["kubernetes.md", "Kubernetes"],
  ];
  test.each(docs.filter(([, t]) => CONFORMANCE_TARGETS.some((c) => c.name === t)))("docs/%s", (file, targetName) => {
    const target = CONFORMANCE_TARGETS.find((t) => t.name === targetName)!;
    const text = fs.readFileSync(path.join(__dirname, "../../docs", file), "utf8");
    // `name = "..."` in HCL and `name: "..."` in TypeScript; a workspace-named example with a typical client name.
    const names = [...text.matchAll(/^\s*name\s*[=:]\s*"([^"$]*)"/gm)].map((m) => m[1]);
    const workspaceNames = [...text.matchAll(/name = "([a-z0-9-]*)\$\{terraform\.workspace\}"/g)].map(
      (m) => `${m[1]}acme-industries`,
    );
    for (const example of [...names, ...workspaceNames])
      expect({ example, accepted: accepts(target, example) }).toEqual({ example, accepted: true });
  });
});
