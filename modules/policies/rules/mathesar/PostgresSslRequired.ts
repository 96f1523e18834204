/** Mathesar talks to a managed database over TLS. */
import { appComponents, apps, componentEnv } from "../../lib/app-platform";
import { containerVariables, ecsContainers, taskDefinitions } from "../../lib/ecs";
import { CLOUD_RUN_WORKLOAD_TYPES, SQL_INSTANCE_TYPE, cloudRunContainers, cloudRunEnv, cloudRunWorkloads, fromSecret, type CloudRunEnvEntry } from "../../lib/google";
import { dependsOn, findingsFor, isExpression, literalString, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "MATHESAR_POSTGRES_SSL_REQUIRED";

/** Managed PostgreSQL resource types a `POSTGRES_HOST` may reference (other targets add theirs). */
export const MANAGED_DATABASE_TYPES: readonly string[] = [
  "digitalocean_database_cluster",
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  SQL_INSTANCE_TYPE,
];

/**
 * `MATHESAR_POSTGRES_SSL_REQUIRED`: when `POSTGRES_HOST` of an App Platform component, an ECS container or a Cloud
 * Run container references a managed database resource, `POSTGRES_SSLMODE` is `require`. A Cloud Run container in a
 * configuration that creates a `google_sql_database_instance` must use `require` whatever its host says.
 */
export const PostgresSslRequired: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_app", "aws_ecs_task_definition", ...CLOUD_RUN_WORKLOAD_TYPES, ...MANAGED_DATABASE_TYPES],
  description:
    `An app component's, ECS container's or Cloud Run container's POSTGRES_HOST references a managed database (${MANAGED_DATABASE_TYPES.join(", ")}), ` +
    `or a Cloud Run container's configuration creates a ${SQL_INSTANCE_TYPE}, and POSTGRES_SSLMODE is not "require".`,
  explanation:
    "Without POSTGRES_SSLMODE Mathesar's driver uses `prefer`, which silently falls back to clear text; " +
    "`disable` always sends the role's password and every query in clear. Managed databases all accept TLS, " +
    "so `require` costs nothing (Mathesar does not support verify-ca/verify-full). On Google Cloud the host " +
    "may be a private IP given by a variable or a Cloud SQL socket path; a configuration that creates the " +
    "Cloud SQL instance is held to `require` either way (over the socket the setting is harmless).",
  check(config: TerraformJson): Finding[] {
    const findings: Finding[] = [];
    for (const app of apps(config)) {
      for (const component of appComponents(app).components) {
        const { entries } = componentEnv(component);
        const host = entries.get("POSTGRES_HOST")?.value;
        if (host === undefined) continue; // Not a PostgreSQL client; MATHESAR_POSTGRES_CONNECTION_SET covers Mathesar.
        findings.push(verdictFor(app.address, component.label, host, entries.get("POSTGRES_SSLMODE")?.value));
      }
    }
    for (const task of taskDefinitions(config)) {
      const definitions = ecsContainers(task);
      if (!definitions.known) {
        findings.push(findingsFor(ID).notApplicable(task.address, `${definitions.reason}: its containers cannot be read here.`));
        continue;
      }
      for (const container of definitions.containers) {
        const { environment, secrets } = containerVariables(container);
        const host = environment.get("POSTGRES_HOST");
        if (host === undefined && !secrets.has("POSTGRES_HOST")) continue; // Not a PostgreSQL client.
        const sslMode = environment.get("POSTGRES_SSLMODE") ?? (secrets.has("POSTGRES_SSLMODE") ? FROM_SECRET : undefined);
        findings.push(verdictFor(task.address, container.label, host ?? FROM_SECRET, sslMode));
      }
    }
    const sqlInstances = resourcesOf(config, SQL_INSTANCE_TYPE).map((instance) => instance.address);
    for (const workload of cloudRunWorkloads(config)) {
      const { containers, hidden } = cloudRunContainers(workload);
      if (hidden !== undefined) findings.push(findingsFor(ID).notApplicable(workload.address, `${hidden}: their containers cannot be read here.`));
      for (const container of containers) {
        const { entries } = cloudRunEnv(container);
        const host = entries.get("POSTGRES_HOST");
        if (host === undefined) continue; // Not a PostgreSQL client.
        const sslMode = entries.get("POSTGRES_SSLMODE");
        findings.push(verdictFor(workload.address, container.label, cloudRunValue(host), sslMode && cloudRunValue(sslMode), sqlInstances[0]));
      }
    }
    return findings;
  },
};

/** A Cloud Run variable's value as the verdict reads it: a secret's stands for "from a secret". */
function cloudRunValue(entry: CloudRunEnvEntry): unknown {
  const secret = fromSecret(entry);
  return secret === "yes" ? FROM_SECRET : secret === "unknown" ? entry.secretRef : entry.value;
}

/** Stands for a variable that ECS takes from a secret: its value cannot be read. */
const FROM_SECRET = Symbol("from a secret");

/** The finding for one PostgreSQL client, from its host and sslmode as written. */
function verdictFor(address: string, label: string, host: unknown, sslMode: unknown, sqlInstance?: string): Finding {
  const result = findingsFor(ID);
  if (literalString(sslMode) === "require") return result.compliant(address, `${label}: POSTGRES_SSLMODE = "require".`);
  const managed = isExpression(host) && MANAGED_DATABASE_TYPES.some((type) => host.includes(`${type}.`));
  if (!managed && sqlInstance !== undefined) {
    if (isExpression(sslMode)) return result.notApplicable(address, `${label}: POSTGRES_SSLMODE ${dependsOn(sslMode)}.`);
    if (sslMode === FROM_SECRET) return result.notApplicable(address, `${label}: POSTGRES_SSLMODE comes from a secret.`);
    const shown = sslMode === undefined ? "unset (the driver's default, prefer)" : JSON.stringify(sslMode);
    return result.nonCompliant(address, `${label}: the configuration creates ${sqlInstance}, a managed database, but POSTGRES_SSLMODE is ${shown}.`);
  }
  if (!managed) {
    const why = isExpression(host)
      ? `POSTGRES_HOST ${dependsOn(host)}: whether it is a managed database is unknown`
      : host === FROM_SECRET
        ? "POSTGRES_HOST comes from a secret, so whether it is a managed database is unknown"
        : `POSTGRES_HOST "${String(host)}" is not a managed database of this configuration`;
    return result.notApplicable(address, `${label}: ${why}.`);
  }
  if (isExpression(sslMode)) return result.notApplicable(address, `${label}: POSTGRES_SSLMODE ${dependsOn(sslMode)}.`);
  if (sslMode === FROM_SECRET) return result.notApplicable(address, `${label}: POSTGRES_SSLMODE comes from a secret.`);
  const shown = sslMode === undefined ? "unset (the driver's default, prefer)" : JSON.stringify(sslMode);
  return result.nonCompliant(address, `${label}: POSTGRES_HOST is a managed database but POSTGRES_SSLMODE is ${shown}.`);
}
