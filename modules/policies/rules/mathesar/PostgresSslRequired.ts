/** Mathesar talks to a managed database over TLS. */
import { appComponents, apps, componentEnv } from "../../lib/app-platform";
import { containerVariables, ecsContainers, taskDefinitions } from "../../lib/ecs";
import {
  CLOUD_RUN_WORKLOAD_TYPES,
  SQL_INSTANCE_TYPE,
  cloudRunContainers,
  cloudRunEnv,
  cloudRunWorkloads,
  fromSecret,
  type CloudRunEnvEntry,
} from "../../lib/google";
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

/** sslmodes that refuse clear text (the verifying ones as well). */
export const ENCRYPTING_SSL_MODES: readonly string[] = ["require", "verify-ca", "verify-full"];

/**
 * The two variables that must both say so: libpq's `PGSSLMODE` (what is enforced today: Mathesar 0.8.0–0.11.0
 * overwrites the Django OPTIONS that would carry `POSTGRES_SSLMODE`) and `POSTGRES_SSLMODE` (what Mathesar
 * passes explicitly once it reads it again; unset, it would pass `prefer` and override `PGSSLMODE`).
 */
const SSL_VARIABLES = ["PGSSLMODE", "POSTGRES_SSLMODE"] as const;
type SslValues = Record<(typeof SSL_VARIABLES)[number], unknown>;

/**
 * `MATHESAR_POSTGRES_SSL_REQUIRED`: when `POSTGRES_HOST` of an App Platform component, an ECS container or a Cloud
 * Run container references a managed database resource, `PGSSLMODE` and `POSTGRES_SSLMODE` are both `require` (or
 * `verify-ca`/`verify-full`). A Cloud Run container in a configuration that creates a `google_sql_database_instance`
 * is held to the same whatever its host says, unless the host is a Unix-socket path (libpq uses no TLS there).
 */
export const PostgresSslRequired: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: [
    "digitalocean_app",
    "aws_ecs_task_definition",
    ...CLOUD_RUN_WORKLOAD_TYPES,
    ...MANAGED_DATABASE_TYPES,
  ],
  description:
    `An app component's, ECS container's or Cloud Run container's POSTGRES_HOST references a managed database (${MANAGED_DATABASE_TYPES.join(", ")}), ` +
    `or a Cloud Run container's configuration creates a ${SQL_INSTANCE_TYPE}, and PGSSLMODE or POSTGRES_SSLMODE is not "require" (or verify-ca/verify-full).`,
  explanation:
    "Mathesar 0.8.0 to 0.11.0 ignore POSTGRES_SSLMODE: config/settings/common_settings.py puts it into Django's " +
    'OPTIONS and then replaces OPTIONS with {"application_name": ...}, so libpq reads PGSSLMODE, whose default, ' +
    "`prefer`, silently falls back to clear text. PGSSLMODE must therefore say `require`; POSTGRES_SSLMODE must say " +
    "it too, because a release that reads it again passes it (default `prefer`) explicitly, overriding PGSSLMODE. " +
    "Managed databases all accept TLS, so `require` costs nothing; verify-ca/verify-full also need PGSSLROOTCERT. " +
    "On Google Cloud the host may be a private IP given by a variable; a configuration that creates the Cloud SQL " +
    "instance is held to `require` either way, except over a Unix socket (/cloudsql/...), where libpq uses no TLS.",
  remediation: "Set both PGSSLMODE and POSTGRES_SSLMODE to require (or verify-ca / verify-full, with PGSSLROOTCERT).",
  check(config: TerraformJson): Finding[] {
    const findings: Finding[] = [];
    for (const app of apps(config)) {
      for (const component of appComponents(app).components) {
        const { entries } = componentEnv(component);
        const host = entries.get("POSTGRES_HOST")?.value;
        if (host === undefined) continue; // Not a PostgreSQL client; MATHESAR_POSTGRES_CONNECTION_SET covers Mathesar.
        const modes = {
          PGSSLMODE: entries.get("PGSSLMODE")?.value,
          POSTGRES_SSLMODE: entries.get("POSTGRES_SSLMODE")?.value,
        };
        findings.push(verdictFor(app.address, component.label, host, modes));
      }
    }
    for (const task of taskDefinitions(config)) {
      const definitions = ecsContainers(task);
      if (!definitions.known) {
        findings.push(
          findingsFor(ID).notApplicable(task.address, `${definitions.reason}: its containers cannot be read here.`),
        );
        continue;
      }
      for (const container of definitions.containers) {
        const { environment, secrets } = containerVariables(container);
        const host = environment.get("POSTGRES_HOST");
        if (host === undefined && !secrets.has("POSTGRES_HOST")) continue; // Not a PostgreSQL client.
        const read = (name: string) => environment.get(name) ?? (secrets.has(name) ? FROM_SECRET : undefined);
        findings.push(
          verdictFor(task.address, container.label, host ?? FROM_SECRET, {
            PGSSLMODE: read("PGSSLMODE"),
            POSTGRES_SSLMODE: read("POSTGRES_SSLMODE"),
          }),
        );
      }
    }
    const sqlInstances = resourcesOf(config, SQL_INSTANCE_TYPE).map((instance) => instance.address);
    for (const workload of cloudRunWorkloads(config)) {
      const { containers, hidden } = cloudRunContainers(workload);
      if (hidden !== undefined)
        findings.push(
          findingsFor(ID).notApplicable(workload.address, `${hidden}: their containers cannot be read here.`),
        );
      for (const container of containers) {
        const { entries } = cloudRunEnv(container);
        const host = entries.get("POSTGRES_HOST");
        if (host === undefined) continue; // Not a PostgreSQL client.
        const read = (name: string) => {
          const entry = entries.get(name);
          return entry && cloudRunValue(entry);
        };
        findings.push(
          verdictFor(
            workload.address,
            container.label,
            cloudRunValue(host),
            { PGSSLMODE: read("PGSSLMODE"), POSTGRES_SSLMODE: read("POSTGRES_SSLMODE") },
            sqlInstances[0],
          ),
        );
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

/** What the two sslmode variables say: the first weak one, or the first unreadable one, or all good. */
function judgeModes(modes: SslValues): { weak?: string; unknown?: string; good?: string } {
  let unknown: string | undefined;
  for (const name of SSL_VARIABLES) {
    const value = modes[name];
    const literal = literalString(value);
    if (literal !== undefined && ENCRYPTING_SSL_MODES.includes(literal)) continue;
    if (isExpression(value)) {
      unknown ??= `${name} ${dependsOn(value)}`;
      continue;
    }
    if (value === FROM_SECRET) {
      unknown ??= `${name} comes from a secret`;
      continue;
    }
    const shown =
      value === undefined
        ? name === "PGSSLMODE"
          ? "unset, so libpq uses prefer (Mathesar 0.8.0-0.11.0 ignore POSTGRES_SSLMODE)"
          : "unset (Mathesar's default, prefer, once it reads the variable)"
        : JSON.stringify(value);
    return { weak: `${name} is ${shown}` };
  }
  if (unknown !== undefined) return { unknown };
  return { good: SSL_VARIABLES.map((name) => `${name} = ${JSON.stringify(literalString(modes[name]))}`).join(", ") };
}

/** The finding for one PostgreSQL client, from its host and sslmodes as written. */
function verdictFor(address: string, label: string, host: unknown, modes: SslValues, sqlInstance?: string): Finding {
  const result = findingsFor(ID);
  const literalHost = literalString(host);
  if (literalHost !== undefined && literalHost.startsWith("/")) {
    return result.notApplicable(
      address,
      `${label}: POSTGRES_HOST "${literalHost}" is a Unix socket, where libpq uses no TLS.`,
    );
  }
  const judged = judgeModes(modes);
  if (judged.good !== undefined) return result.compliant(address, `${label}: ${judged.good}.`);
  const managed = isExpression(host) && MANAGED_DATABASE_TYPES.some((type) => host.includes(`${type}.`));
  if (!managed && sqlInstance !== undefined) {
    if (judged.unknown !== undefined) return result.notApplicable(address, `${label}: ${judged.unknown}.`);
    return result.nonCompliant(
      address,
      `${label}: the configuration creates ${sqlInstance}, a managed database, but ${judged.weak}.`,
    );
  }
  if (!managed) {
    const why = isExpression(host)
      ? `POSTGRES_HOST ${dependsOn(host)}: whether it is a managed database is unknown`
      : host === FROM_SECRET
        ? "POSTGRES_HOST comes from a secret, so whether it is a managed database is unknown"
        : `POSTGRES_HOST "${String(host)}" is not a managed database of this configuration`;
    return result.notApplicable(address, `${label}: ${why}.`);
  }
  if (judged.unknown !== undefined) return result.notApplicable(address, `${label}: ${judged.unknown}.`);
  return result.nonCompliant(address, `${label}: POSTGRES_HOST is a managed database but ${judged.weak}.`);
}
