/** Cloud SQL has no public address. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import { SQL_INSTANCE_TYPE, firstBlock, sqlSettings } from "../../lib/google";
import {
  type ResourceRef,
  blocks,
  dependsOn,
  isExpression,
  isUnset,
  literalBoolean,
  literalString,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_SQL_NO_PUBLIC_IP";

/** The authorized network that admits every IPv4 address. */
const ANYWHERE = "0.0.0.0/0";

/**
 * `GOOGLE_SQL_NO_PUBLIC_IP` (CKV_GCP_60, CKV_GCP_11 / GCP-0017): every `google_sql_database_instance` sets
 * `settings.ip_configuration.ipv4_enabled = false` and a `private_network` (or Private Service Connect).
 */
export const SqlNoPublicIp: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_GCP_60", "CKV_GCP_11", "GCP-0017"],
  resourceTypes: [SQL_INSTANCE_TYPE],
  description:
    "A google_sql_database_instance does not set settings.ip_configuration.ipv4_enabled = false (the default is true: a public " +
    "IPv4 address), or sets it without a private_network (or psc_config) to reach the instance by; an authorized_networks " +
    "entry of 0.0.0.0/0 on a public instance (CKV_GCP_11) is named in the finding.",
  explanation:
    "A public address puts PostgreSQL — Mathesar's users, sessions and the saved credentials of every connected " +
    "database — one authorized_networks entry away from password guessing from the whole internet, and " +
    "0.0.0.0/0 is exactly that. Cloud Run reaches a private instance through Direct VPC egress or the Cloud SQL " +
    "connector; set ipv4_enabled = false and private_network to the VPC with private services access.",
  remediation:
    "Set settings.ip_configuration.ipv4_enabled = false and private_network to a VPC with private services access.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, SQL_INSTANCE_TYPE).map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance)),
    );
  },
};

function checkInstance(instance: ResourceRef): Verdict {
  const read = sqlSettings(instance);
  if (!read.known) return verdict.notApplicable(`${read.reason}: ip_configuration cannot be read here.`);
  const ip = firstBlock(read.settings, "ip_configuration");
  const ipv4 = ip.ipv4_enabled;
  if (isExpression(ipv4)) return verdict.notApplicable(`settings.ip_configuration.ipv4_enabled ${dependsOn(ipv4)}.`);
  if (isUnset(ipv4) || literalBoolean(ipv4) !== false) {
    const open = blocks(ip.authorized_networks).filter(
      (network) => (literalString(network.value) ?? "").trim() === ANYWHERE,
    );
    const shown = isUnset(ipv4) ? "is not set, so the default, true, applies" : `= ${JSON.stringify(ipv4)}`;
    const anywhere =
      open.length > 0
        ? `; authorized_networks admits ${literalString(open[0].value)}, the whole internet (CKV_GCP_11)`
        : "";
    return verdict.nonCompliant(
      `settings.ip_configuration.ipv4_enabled ${shown}: the instance has a public IPv4 address${anywhere}.`,
    );
  }
  if (!isUnset(ip.private_network)) {
    return verdict.compliant(
      isExpression(ip.private_network)
        ? "ipv4_enabled = false, private_network is set (from a reference): private IP only."
        : `ipv4_enabled = false, private_network = "${String(ip.private_network)}": private IP only.`,
    );
  }
  const psc = firstBlock(ip, "psc_config").psc_enabled;
  if (literalBoolean(psc) === true)
    return verdict.compliant(
      "ipv4_enabled = false, reached through Private Service Connect (psc_config.psc_enabled = true).",
    );
  if (isExpression(psc))
    return verdict.notApplicable(
      `ipv4_enabled = false without private_network; psc_config.psc_enabled ${dependsOn(psc)}.`,
    );
  return verdict.nonCompliant(
    "ipv4_enabled = false but no private_network (nor psc_config): nothing, Mathesar included, can reach the instance.",
  );
}
