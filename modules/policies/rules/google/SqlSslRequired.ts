/** Cloud SQL refuses unencrypted connections. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import { SQL_INSTANCE_TYPE, firstBlock, sqlSettings } from "../../lib/google";
import {
  type ResourceRef,
  dependsOn,
  isExpression,
  isUnset,
  literalBoolean,
  literalString,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_SQL_SSL_REQUIRED";

/** `ssl_mode` values that refuse clear-text connections. */
export const ENCRYPTED_SSL_MODES = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"] as const;

/**
 * `GOOGLE_SQL_SSL_REQUIRED` (CKV_GCP_6 / GCP-0015): every `google_sql_database_instance` sets
 * `settings.ip_configuration.ssl_mode` to one of {@link ENCRYPTED_SSL_MODES} (or the legacy `require_ssl = true`).
 */
export const SqlSslRequired: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_GCP_6", "GCP-0015"],
  resourceTypes: [SQL_INSTANCE_TYPE],
  description:
    `A google_sql_database_instance does not set settings.ip_configuration.ssl_mode to ${ENCRYPTED_SSL_MODES.join(" or ")} ` +
    "(nor the legacy require_ssl = true); the default, ALLOW_UNENCRYPTED_AND_ENCRYPTED, accepts clear text.",
  explanation:
    "Mathesar's driver asks for `prefer` unless told otherwise, and a server that accepts clear text lets a " +
    "misconfigured or downgraded client send the role's password and every query unencrypted. ENCRYPTED_ONLY " +
    "makes the server refuse them; Mathesar connects with POSTGRES_SSLMODE=require, and the Cloud SQL " +
    "connectors encrypt on their own.",
  remediation: 'Set settings.ip_configuration.ssl_mode = "ENCRYPTED_ONLY".',
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, SQL_INSTANCE_TYPE).map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance)),
    );
  },
};

function checkInstance(instance: ResourceRef): Verdict {
  const read = sqlSettings(instance);
  if (!read.known) return verdict.notApplicable(`${read.reason}: ssl_mode cannot be read here.`);
  const ip = firstBlock(read.settings, "ip_configuration");
  const mode = ip.ssl_mode;
  if (isExpression(mode)) return verdict.notApplicable(`settings.ip_configuration.ssl_mode ${dependsOn(mode)}.`);
  const literal = literalString(mode);
  if (literal !== undefined && (ENCRYPTED_SSL_MODES as readonly string[]).includes(literal)) {
    return verdict.compliant(`settings.ip_configuration.ssl_mode = "${literal}".`);
  }
  if (isUnset(mode)) {
    if (isExpression(ip.require_ssl))
      return verdict.notApplicable(`settings.ip_configuration.require_ssl ${dependsOn(ip.require_ssl)}.`);
    if (literalBoolean(ip.require_ssl) === true)
      return verdict.compliant("settings.ip_configuration.require_ssl = true (legacy): only encrypted connections.");
    return verdict.nonCompliant(
      "settings.ip_configuration.ssl_mode is not set, so Cloud SQL's default, ALLOW_UNENCRYPTED_AND_ENCRYPTED, applies: clear-text connections are accepted.",
    );
  }
  return verdict.nonCompliant(
    `settings.ip_configuration.ssl_mode = ${JSON.stringify(mode)}: clear-text connections are accepted.`,
  );
}
