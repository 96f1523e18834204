/** Secret Manager values and Cloud SQL passwords never enter Terraform state. */
import { findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import {
  type ResourceRef,
  computedFromResources,
  dependsOn,
  isExpression,
  isUnset,
  literalString,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_SECRETS_NOT_IN_STATE";

/** Cloud SQL user types that sign in with IAM and have no password. */
export const IAM_SQL_USER_TYPES: readonly string[] = [
  "CLOUD_IAM_USER",
  "CLOUD_IAM_SERVICE_ACCOUNT",
  "CLOUD_IAM_GROUP",
  "CLOUD_IAM_GROUP_USER",
  "CLOUD_IAM_GROUP_SERVICE_ACCOUNT",
];

/** For each resource type, the argument the provider stores in state and its write-only replacement. */
export const STORED_GOOGLE_SECRET_ARGUMENTS: Readonly<
  Record<string, { readonly stored: string; readonly writeOnly?: string }>
> = {
  google_secret_manager_secret_version: { stored: "secret_data", writeOnly: "secret_data_wo" },
  google_sql_user: { stored: "password", writeOnly: "password_wo" },
  google_sql_database_instance: { stored: "root_password" },
};

/**
 * `GOOGLE_SECRETS_NOT_IN_STATE`: no `google_secret_manager_secret_version` sets `secret_data`, no `google_sql_user`
 * sets `password` and no `google_sql_database_instance` sets `root_password` to a literal or to a value computed from
 * resources; generated secrets use `secret_data_wo` and `password_wo`.
 */
export const SecretsNotInState: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: Object.keys(STORED_GOOGLE_SECRET_ARGUMENTS),
  description:
    "A google_secret_manager_secret_version sets secret_data, a google_sql_user sets password, or a google_sql_database_instance " +
    "sets root_password, to a literal or to a value computed from resources (e.g. random_password.x.result), which the " +
    "provider stores in Terraform state in clear.",
  explanation:
    "Mathesar's SECRET_KEY, admin password and database password live in Secret Manager so that only the Cloud " +
    "Run service account can read them. A value passed through secret_data or password is also in Terraform " +
    "state (and in the state of the random_password it came from), readable by whoever can read the state " +
    "bucket or a plan file. secret_data_wo and password_wo (write-only, Terraform 1.11+) with a value from an " +
    "ephemeral resource never store it. IAM database users have no password: not applicable; a value from a " +
    "variable may be null: not applicable.",
  remediation: "Use secret_data_wo and password_wo (write-only, Terraform 1.11+) with values from ephemeral resources.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, Object.keys(STORED_GOOGLE_SECRET_ARGUMENTS)).map((resource) =>
      findingOf(ID, resource.address, checkResource(resource)),
    );
  },
};

function checkResource(resource: ResourceRef): Verdict {
  const { stored, writeOnly } = STORED_GOOGLE_SECRET_ARGUMENTS[resource.type];
  if (resource.type === "google_sql_user") {
    const type = literalString(resource.body.type);
    if (type !== undefined && IAM_SQL_USER_TYPES.includes(type))
      return verdict.notApplicable(`type ${type}: an IAM user signs in without a password.`);
  }
  const value = resource.body[stored];
  if (isUnset(value)) {
    if (writeOnly !== undefined && !isUnset(resource.body[writeOnly]))
      return verdict.compliant(`${writeOnly} (write-only): the value is never stored in state.`);
    return verdict.compliant(`sets no ${stored} through Terraform.`);
  }
  const fix = writeOnly !== undefined ? `; use ${writeOnly}` : "; leave it unset and create users with google_sql_user";
  if (!isExpression(value))
    return verdict.nonCompliant(`${stored} is a literal: it is in the configuration and in state in clear${fix}.`);
  const sources = computedFromResources(value);
  if (sources !== undefined)
    return verdict.nonCompliant(
      `${stored} is computed from ${sources.join(", ")}: the provider stores it in state in clear${fix}.`,
    );
  return verdict.notApplicable(`${stored} ${dependsOn(value)} (it may be null); if set, it is stored in state.`);
}
