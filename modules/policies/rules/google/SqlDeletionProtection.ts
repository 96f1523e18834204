/** Cloud SQL is protected from deletion twice: by Terraform and by the Cloud SQL API. */
import { expectBoolean, findingOf, verdict, type Verdict } from "../../lib/aws";
import { SQL_INSTANCE_TYPE, sqlSettings } from "../../lib/google";
import { type ResourceRef, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_SQL_DELETION_PROTECTION";

/**
 * `GOOGLE_SQL_DELETION_PROTECTION`: every `google_sql_database_instance` keeps Terraform's
 * `deletion_protection` (default true) and sets the API's `settings.deletion_protection_enabled = true`.
 */
export const SqlDeletionProtection: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: [SQL_INSTANCE_TYPE],
  description:
    "A google_sql_database_instance sets deletion_protection = false (Terraform's guard, on by default), or does not set " +
    "settings.deletion_protection_enabled = true (the Cloud SQL API's guard, off by default).",
  explanation:
    "Deleting the instance deletes its automated backups with it: everything Mathesar stored is gone. " +
    "Terraform's deletion_protection only stops `terraform destroy` and forced replacements; " +
    "settings.deletion_protection_enabled also stops the console, gcloud and any other tool. Keep both on; " +
    "turning them off for a throwaway environment is a deliberate relaxation: suppress with its reason.",
  remediation: "Leave deletion_protection unset or true, and set settings.deletion_protection_enabled = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, SQL_INSTANCE_TYPE).map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance)),
    );
  },
};

function checkInstance(instance: ResourceRef): Verdict {
  const terraform = expectBoolean(instance.body, "deletion_protection", {
    want: true,
    providerDefault: true,
    consequence: "terraform destroy or a forced replacement deletes the instance and its backups.",
  });
  const read = sqlSettings(instance);
  const api = read.known
    ? prefix(
        expectBoolean(read.settings ?? {}, "deletion_protection_enabled", {
          want: true,
          providerDefault: false,
          consequence: "the console, gcloud or the API can delete the instance and its backups.",
        }),
      )
    : verdict.notApplicable(`${read.reason}: settings.deletion_protection_enabled cannot be read here.`);
  const both = [terraform, api];
  const bad = both.filter((answer) => answer.status === "nonCompliant");
  if (bad.length > 0) return verdict.nonCompliant(bad.map((answer) => answer.message).join(" "));
  const unknown = both.filter((answer) => answer.status === "notApplicable");
  if (unknown.length > 0) return verdict.notApplicable(unknown.map((answer) => answer.message).join(" "));
  return verdict.compliant(both.map((answer) => answer.message).join(" "));
}

/** Names the settings block in a message about deletion_protection_enabled. */
function prefix(answer: Verdict): Verdict {
  return { ...answer, message: `settings.${answer.message}` };
}
