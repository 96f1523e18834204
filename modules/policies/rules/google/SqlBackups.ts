/** Cloud SQL keeps backups and point-in-time recovery. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import { SQL_INSTANCE_TYPE, firstBlock, isReplica, sqlEngine, sqlSettings } from "../../lib/google";
import {
  type ResourceRef,
  dependsOn,
  isExpression,
  isUnset,
  literalBoolean,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_SQL_BACKUPS";

/**
 * `GOOGLE_SQL_BACKUPS` (CKV_GCP_14 / GCP-0024): every primary `google_sql_database_instance` sets
 * `settings.backup_configuration.enabled = true` and, for PostgreSQL, `point_in_time_recovery_enabled = true`.
 */
export const SqlBackups: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_GCP_14", "GCP-0024"],
  resourceTypes: [SQL_INSTANCE_TYPE],
  description:
    "A google_sql_database_instance does not set settings.backup_configuration.enabled = true (the default is off), or a " +
    "PostgreSQL instance does not set point_in_time_recovery_enabled = true. Read replicas are not_applicable.",
  explanation:
    "Without backups a bad migration, a dropped table or a deleted instance loses everything Mathesar stored: " +
    "users, permissions, explorations and the credentials of connected databases. Point-in-time recovery " +
    "(write-ahead logs kept for the retention window) restores to the minute before the mistake rather than to " +
    "last night's backup.",
  remediation:
    "Set settings.backup_configuration.enabled = true and, for PostgreSQL, point_in_time_recovery_enabled = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, SQL_INSTANCE_TYPE).map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance)),
    );
  },
};

function checkInstance(instance: ResourceRef): Verdict {
  if (isReplica(instance)) return verdict.notApplicable("a read replica: backups are taken of its primary.");
  const read = sqlSettings(instance);
  if (!read.known) return verdict.notApplicable(`${read.reason}: backup_configuration cannot be read here.`);
  const backup = firstBlock(read.settings, "backup_configuration");
  const checks = [flag(backup, "enabled", "no automated backups are taken")];
  const engine = sqlEngine(instance);
  if (engine === "postgres")
    checks.push(flag(backup, "point_in_time_recovery_enabled", "a restore can only return to the last daily backup"));
  const bad = checks.filter((check) => check.status === "nonCompliant");
  if (bad.length > 0) return verdict.nonCompliant(bad.map((check) => check.message).join(" "));
  const unknown = checks.filter((check) => check.status === "notApplicable");
  if (unknown.length > 0) return verdict.notApplicable(unknown.map((check) => check.message).join(" "));
  if (engine === "unknown") {
    const version = instance.body.database_version;
    const why = typeof version === "string" ? `database_version ${dependsOn(version)}` : "database_version is not set";
    return verdict.notApplicable(`backups are on, but ${why}: whether point-in-time recovery applies is unknown.`);
  }
  return verdict.compliant(checks.map((check) => check.message).join(" "));
}

/** Verdict on one boolean of backup_configuration that must be true (both default to false). */
function flag(backup: JsonObject, attribute: string, consequence: string): Verdict {
  const value = backup[attribute];
  const path = `settings.backup_configuration.${attribute}`;
  if (isUnset(value)) return verdict.nonCompliant(`${path} is not set (the default is false): ${consequence}.`);
  if (isExpression(value)) return verdict.notApplicable(`${path} ${dependsOn(value)}.`);
  return literalBoolean(value) === true
    ? verdict.compliant(`${path} = true.`)
    : verdict.nonCompliant(`${path} = ${JSON.stringify(value)}: ${consequence}.`);
}
