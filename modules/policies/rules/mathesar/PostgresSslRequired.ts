/** Mathesar talks to a managed database over TLS. */
import { appComponents, apps, componentEnv } from "../../lib/app-platform";
import { containerVariables, ecsContainers, taskDefinitions } from "../../lib/ecs";
import { dependsOn, findingsFor, isExpression, literalString } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "MATHESAR_POSTGRES_SSL_REQUIRED";

/** Managed PostgreSQL resource types a `POSTGRES_HOST` may reference (other targets add theirs). */
export const MANAGED_DATABASE_TYPES: readonly string[] = [
  "digitalocean_database_cluster",
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
];

/**
 * `MATHESAR_POSTGRES_SSL_REQUIRED`: when `POSTGRES_HOST` of an App Platform component or an ECS container
 * references a managed database resource, `POSTGRES_SSLMODE` is `require`.
 */
export const PostgresSslRequired: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["digitalocean_app", "aws_ecs_task_definition", ...MANAGED_DATABASE_TYPES],
  description:
    `An app component's or ECS container's POSTGRES_HOST references a managed database (${MANAGED_DATABASE_TYPES.join(", ")}) ` +
    'and POSTGRES_SSLMODE is not "require".',
  explanation:
    "Without POSTGRES_SSLMODE Mathesar's driver uses `prefer`, which silently falls back to clear text; " +
    "`disable` always sends the role's password and every query in clear. Managed databases all accept TLS, " +
    "so `require` costs nothing (Mathesar does not support verify-ca/verify-full).",
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
    return findings;
  },
};

/** Stands for a variable that ECS takes from a secret: its value cannot be read. */
const FROM_SECRET = Symbol("from a secret");

/** The finding for one PostgreSQL client, from its host and sslmode as written. */
function verdictFor(address: string, label: string, host: unknown, sslMode: unknown): Finding {
  const result = findingsFor(ID);
  if (literalString(sslMode) === "require") return result.compliant(address, `${label}: POSTGRES_SSLMODE = "require".`);
  const managed = isExpression(host) && MANAGED_DATABASE_TYPES.some((type) => host.includes(`${type}.`));
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
