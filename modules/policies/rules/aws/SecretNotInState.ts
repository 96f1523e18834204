/** Secrets Manager values never enter Terraform state. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import { computedFromResources, dependsOn, isExpression, isUnset, resourcesOf } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_SECRET_NOT_IN_STATE";

/** Arguments of `aws_secretsmanager_secret_version` that the provider stores in state. */
export const STORED_SECRET_ARGUMENTS = ["secret_string", "secret_binary"] as const;

/**
 * `AWS_SECRET_NOT_IN_STATE`: no `aws_secretsmanager_secret_version` sets `secret_string` (or `secret_binary`)
 * to a literal or to a value computed from resources; generated secrets use `secret_string_wo`.
 */
export const SecretNotInState: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["aws_secretsmanager_secret_version"],
  description:
    "An aws_secretsmanager_secret_version sets secret_string or secret_binary to a literal or to a value computed from " +
    "resources (e.g. random_password.x.result), which the provider stores in Terraform state in clear.",
  explanation:
    "Mathesar's SECRET_KEY, admin password and database passwords live in Secrets Manager so that only the " +
    "task's execution role can read them. A value passed through `secret_string` is also in Terraform state " +
    "(and in the state of the random_password it came from), readable by whoever can read the state bucket " +
    "or a plan file. `secret_string_wo` (write-only, Terraform 1.11+) with a value from the ephemeral " +
    "aws_secretsmanager_random_password never stores it. A value from a variable may be null: not applicable.",
  remediation:
    "Use secret_string_wo (write-only, Terraform 1.11+) with a value from an ephemeral resource such as aws_secretsmanager_random_password.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_secretsmanager_secret_version").map((version) =>
      findingOf(ID, version.address, checkVersion(version.body)),
    );
  },
};

function checkVersion(body: JsonObject): Verdict {
  const unknown: string[] = [];
  for (const argument of STORED_SECRET_ARGUMENTS) {
    const value = body[argument];
    if (isUnset(value)) continue;
    if (!isExpression(value))
      return verdict.nonCompliant(
        `${argument} is a literal: the secret is in the configuration and in state in clear.`,
      );
    const sources = computedFromResources(value);
    if (sources !== undefined) {
      return verdict.nonCompliant(
        `${argument} is computed from ${sources.join(", ")}: the provider stores it in state in clear; use secret_string_wo.`,
      );
    }
    unknown.push(`${argument} ${dependsOn(value)}`);
  }
  if (unknown.length > 0)
    return verdict.notApplicable(`${unknown.join("; ")} (it may be null); if set, it is stored in state.`);
  if (!isUnset(body.secret_string_wo))
    return verdict.compliant("secret_string_wo (write-only): the value is never stored in state.");
  return verdict.compliant("stores no value through Terraform.");
}
