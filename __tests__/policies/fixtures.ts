/**
 * Small hand-written Terraform JSON for the rule tests: each builder returns the smallest body that a
 * rule reads, shaped like cdktf's output (blocks as arrays, `${…}` references), so a test can change one
 * attribute and see one rule flip.
 */
import { adminBootstrapShellCommand } from "../../modules/mathesar/admin-bootstrap";
import type { Finding, JsonObject, TerraformJson } from "../../modules/policies";

/** `{ type: { name: body } }` */
export type Resources = Record<string, Record<string, JsonObject>>;

/** A root configuration (it configures a provider, as a deployable stack does). */
export function rootConfig(resource: Resources, extra: JsonObject = {}): TerraformJson {
  return { provider: { digitalocean: [{}] }, resource, ...extra };
}

/** A published module's configuration: no provider block, optional outputs. */
export function moduleConfig(resource: Resources, output: JsonObject = {}): TerraformJson {
  return { resource, output };
}

/** One App Platform env entry. */
export function env(key: string, value: unknown, type = "GENERAL"): JsonObject {
  return { key, value, type, scope: "RUN_TIME" };
}

/** The env Mathesar needs, wired to the managed cluster `digitalocean_database_cluster.this`. */
export function mathesarEnv(overrides: Record<string, JsonObject | undefined> = {}): JsonObject[] {
  const base: Record<string, JsonObject> = {
    POSTGRES_DB: env("POSTGRES_DB", "${digitalocean_database_db.mathesar.name}"),
    POSTGRES_HOST: env("POSTGRES_HOST", "${digitalocean_database_cluster.this.private_host}"),
    POSTGRES_PASSWORD: env("POSTGRES_PASSWORD", "${digitalocean_database_user.mathesar.password}", "SECRET"),
    POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "require"),
    POSTGRES_USER: env("POSTGRES_USER", "${digitalocean_database_user.mathesar.name}"),
    SECRET_KEY: env("SECRET_KEY", "${random_password.secret_key.result}", "SECRET"),
  };
  const merged = { ...base, ...overrides };
  return Object.values(merged).filter((entry): entry is JsonObject => entry !== undefined);
}

/** Docker Hub `mathesar/mathesar` at `tag`; `null` leaves the tag out. */
export function mathesarImage(tag: string | null = "0.11.0"): JsonObject {
  const image = { registry_type: "DOCKER_HUB", registry: "mathesar", repository: "mathesar" };
  return tag === null ? image : { ...image, tag };
}

/** The web service. */
export function webService(overrides: JsonObject = {}): JsonObject {
  return { name: "web", image: mathesarImage(), run_command: "bash ./bin/mathesar run -nse", env: mathesarEnv(), ...overrides };
}

/** The pre-deploy job that creates the first admin. */
export function bootstrapJob(overrides: JsonObject = {}, envOverrides: Record<string, JsonObject | undefined> = {}): JsonObject {
  return {
    name: "bootstrap",
    kind: "PRE_DEPLOY",
    image: mathesarImage(),
    run_command: adminBootstrapShellCommand(),
    env: mathesarEnv({
      DJANGO_SUPERUSER_USERNAME: env("DJANGO_SUPERUSER_USERNAME", "admin"),
      DJANGO_SUPERUSER_PASSWORD: env("DJANGO_SUPERUSER_PASSWORD", "${random_password.admin_password.result}", "SECRET"),
      MATHESAR_DB_ADMIN_PASSWORD: env("MATHESAR_DB_ADMIN_PASSWORD", "${digitalocean_database_cluster.this.password}", "SECRET"),
      ...envOverrides,
    }),
    ...overrides,
  };
}

/** A `digitalocean_app` body with the given components. */
export function app(spec: { service?: JsonObject[]; job?: JsonObject[]; worker?: JsonObject[]; env?: JsonObject[] } = {}): JsonObject {
  return {
    spec: {
      name: "mathesar",
      region: "nyc",
      service: spec.service ?? [webService()],
      job: spec.job ?? [bootstrapJob()],
      ...(spec.worker ? { worker: spec.worker } : {}),
      ...(spec.env ? { env: spec.env } : {}),
    },
  };
}

/** A `digitalocean_database_cluster` body in the VPC `digitalocean_vpc.this`. */
export function cluster(overrides: JsonObject = {}): JsonObject {
  return {
    engine: "pg",
    name: "mathesar-db",
    node_count: 1,
    private_network_uuid: "${digitalocean_vpc.this.id}",
    region: "nyc3",
    size: "db-s-1vcpu-1gb",
    version: "17",
    ...overrides,
  };
}

/** A `digitalocean_database_firewall` on `clusterAddress` admitting `rules` (default: the app). */
export function databaseFirewall(clusterAddress: string, rules: JsonObject[] = [{ type: "app", value: "${digitalocean_app.this.id}" }]): JsonObject {
  return { cluster_id: `\${${clusterAddress}.id}`, rule: rules };
}

/** The `terraform_data` deletion guard of modules/terraform/deletion-guard.ts, as synthesized. */
export function deletionGuard(clusterAddress: string, protectedValue: unknown = true): JsonObject {
  return {
    depends_on: [clusterAddress],
    input: { protected: protectedValue },
    lifecycle: { replace_triggered_by: [`${clusterAddress}.id`] },
    provisioner: [
      {
        "local-exec": {
          command: '${self.input.protected ? "echo \\"Deletion protection is on\\" && exit 1" : "exit 0"}',
          when: "destroy",
        },
      },
    ],
  };
}

/** `status` of every finding, in order. */
export function statuses(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.status);
}

/** The only finding, failing the test when there is not exactly one. */
export function only(findings: readonly Finding[]): Finding {
  if (findings.length !== 1) throw new Error(`expected exactly one finding, got ${JSON.stringify(findings, null, 2)}`);
  return findings[0];
}
