/** The RDS master password never enters Terraform state. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import {
  computedFromResources,
  dependsOn,
  isExpression,
  isUnset,
  literalBoolean,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_PASSWORD_NOT_IN_STATE";

/**
 * `AWS_RDS_PASSWORD_NOT_IN_STATE`: no `aws_db_instance` sets `password` to a literal or to a value computed
 * from resources; use `password_wo` (write-only) or `manage_master_user_password = true`.
 */
export const RdsPasswordNotInState: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["aws_db_instance"],
  description:
    "An aws_db_instance sets password to a literal or to a value computed from resources (e.g. random_password.x.result), " +
    "which the provider stores in Terraform state in clear.",
  explanation:
    "The master password opens the database that holds Mathesar's users, sessions and saved credentials. " +
    "`password` is kept in state, readable by whoever can read the state bucket or a plan file. " +
    "`password_wo` (write-only, Terraform 1.11+) sends it to RDS without storing it, and " +
    "`manage_master_user_password = true` lets RDS generate and keep it in Secrets Manager. A password from " +
    "a variable may be null: not applicable, check the caller.",
  remediation:
    "Use password_wo (write-only, Terraform 1.11+) with an ephemeral value, or manage_master_user_password = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance.body)),
    );
  },
};

function checkInstance(body: JsonObject): Verdict {
  const password = body.password;
  if (isUnset(password)) {
    if (literalBoolean(body.manage_master_user_password) === true)
      return verdict.compliant("manage_master_user_password = true: RDS keeps the password in Secrets Manager.");
    if (!isUnset(body.password_wo))
      return verdict.compliant("password_wo (write-only): the password is never stored in state.");
    return verdict.compliant("sets no password (a replica or a snapshot restore keeps its source's).");
  }
  if (!isExpression(password))
    return verdict.nonCompliant("password is a literal: it is in the configuration and in state in clear.");
  const sources = computedFromResources(password);
  if (sources !== undefined) {
    return verdict.nonCompliant(
      `password is computed from ${sources.join(", ")}: the provider stores it in state in clear; use password_wo.`,
    );
  }
  return verdict.notApplicable(`password ${dependsOn(password)} (it may be null); if set, it is stored in state.`);
}
