/** RDS ships the PostgreSQL log to CloudWatch Logs. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import { dependsOn, isExpression, isUnset, literalString, resourcesOf } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_LOG_EXPORTS";

/** The export that carries PostgreSQL's server log (connections, errors, slow statements). */
export const POSTGRESQL_LOG_EXPORT = "postgresql";

/**
 * `AWS_RDS_LOG_EXPORTS` (CKV_AWS_129): every `aws_db_instance` sets `enabled_cloudwatch_logs_exports`; for the
 * `postgres` engine (or an engine Terraform decides) the list includes `postgresql`.
 */
export const RdsLogExports: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_129"],
  resourceTypes: ["aws_db_instance"],
  description: `An aws_db_instance exports no logs to CloudWatch Logs, or, running PostgreSQL, does not export "${POSTGRESQL_LOG_EXPORT}".`,
  explanation:
    "Without the export the PostgreSQL log stays on the instance, rotated away within days and invisible to " +
    "alarms: failed logins against Mathesar's database, its connections and errors leave no durable trace. " +
    "The parameter group decides what the log records (connections, slow statements).",
  remediation: 'Set enabled_cloudwatch_logs_exports; for PostgreSQL include "postgresql".',
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance.body)),
    );
  },
};

function checkInstance(body: JsonObject): Verdict {
  const logExports = body.enabled_cloudwatch_logs_exports;
  if (isExpression(logExports))
    return verdict.notApplicable(`enabled_cloudwatch_logs_exports ${dependsOn(logExports)}.`);
  const list = Array.isArray(logExports) ? logExports : [];
  if (isUnset(logExports) || list.length === 0) {
    return verdict.nonCompliant(
      "enabled_cloudwatch_logs_exports is empty: the database's logs never leave the instance.",
    );
  }
  const names = list.map(literalString);
  if (names.includes(POSTGRESQL_LOG_EXPORT))
    return verdict.compliant(`enabled_cloudwatch_logs_exports includes "${POSTGRESQL_LOG_EXPORT}".`);
  const unknown = list.filter(isExpression);
  if (unknown.length > 0)
    return verdict.notApplicable(`enabled_cloudwatch_logs_exports ${dependsOn(unknown.join(" "))}.`);
  const engine = body.engine;
  const postgres = isUnset(engine) || isExpression(engine) || /^postgres/.test(literalString(engine) ?? "");
  if (!postgres) return verdict.compliant(`exports ${JSON.stringify(list)} (engine ${JSON.stringify(engine)}).`);
  return verdict.nonCompliant(
    `enabled_cloudwatch_logs_exports = ${JSON.stringify(list)} lacks "${POSTGRESQL_LOG_EXPORT}": the server log (logins, errors) stays on the instance.`,
  );
}
