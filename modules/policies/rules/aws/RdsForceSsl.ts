/** RDS refuses connections without TLS. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import {
  type ResourceRef,
  blocks,
  dependsOn,
  hasDynamicBlock,
  isExpression,
  isUnset,
  literalString,
  resourcesOf,
  soleResourceAttribute,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_FORCE_SSL";

/** The RDS for PostgreSQL parameter that refuses unencrypted connections. */
export const FORCE_SSL_PARAMETER = "rds.force_ssl";

/**
 * `AWS_RDS_FORCE_SSL` (CKV2_AWS_69): every `aws_db_instance` uses an `aws_db_parameter_group` of this
 * configuration that sets `rds.force_ssl = 1`.
 */
export const RdsForceSsl: PolicyRule = {
  id: ID,
  scannerIds: ["CKV2_AWS_69"],
  resourceTypes: ["aws_db_instance", "aws_db_parameter_group"],
  description:
    `An aws_db_instance has no parameter_group_name, names a default.* group (which cannot be changed), or uses an ` +
    `aws_db_parameter_group of this configuration that does not set ${FORCE_SSL_PARAMETER} = 1. A group outside the ` +
    "configuration is not_applicable.",
  explanation:
    "Without it the server accepts clear-text connections, and a client that asks for `prefer` (psql's and " +
    "Mathesar's driver default) or `disable` sends the role's password and every query in clear through the " +
    "VPC. PostgreSQL 15 and later default to 1, but only an explicit parameter in a group this configuration " +
    "owns survives a major-version change or someone else's group; with it, POSTGRES_SSLMODE=require is " +
    "enforced by the server, not only asked for by Mathesar.",
  remediation: "Give the instance an aws_db_parameter_group of this configuration that sets rds.force_ssl = 1.",
  check(config: TerraformJson): Finding[] {
    const groups = resourcesOf(config, "aws_db_parameter_group");
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(ID, instance.address, checkInstance(instance, groups)),
    );
  },
};

function checkInstance(instance: ResourceRef, groups: ResourceRef[]): Verdict {
  const name = instance.body.parameter_group_name;
  if (isUnset(name)) {
    return verdict.nonCompliant(
      `no parameter_group_name: the engine's default group applies, and ${FORCE_SSL_PARAMETER} is not set by this configuration.`,
    );
  }
  if (isExpression(name)) {
    const address = soleResourceAttribute(name);
    const group = groups.find((candidate) => candidate.address === address);
    if (group === undefined)
      return verdict.notApplicable(`parameter_group_name ${dependsOn(name)}; the group is not in this configuration.`);
    return checkGroup(group);
  }
  const literal = literalString(name) ?? "";
  const group = groups.find((candidate) => literalString(candidate.body.name) === literal);
  if (group !== undefined) return checkGroup(group);
  if (literal.startsWith("default.")) {
    return verdict.nonCompliant(
      `parameter_group_name = "${literal}": a default group, which cannot set ${FORCE_SSL_PARAMETER}.`,
    );
  }
  return verdict.notApplicable(`parameter_group_name = "${literal}" names a group outside this configuration.`);
}

function checkGroup(group: ResourceRef): Verdict {
  const parameter = blocks(group.body.parameter).find(
    (candidate) => literalString(candidate.name) === FORCE_SSL_PARAMETER,
  );
  if (parameter !== undefined) {
    if (isExpression(parameter.value))
      return verdict.notApplicable(
        `${group.address} sets ${FORCE_SSL_PARAMETER} from an expression that ${dependsOn(parameter.value)}.`,
      );
    const value = literalString(parameter.value);
    if (value === "1") return verdict.compliant(`${group.address} sets ${FORCE_SSL_PARAMETER} = 1.`);
    return verdict.nonCompliant(
      `${group.address} sets ${FORCE_SSL_PARAMETER} = ${JSON.stringify(parameter.value)}: clear-text connections are accepted.`,
    );
  }
  const hidden =
    hasDynamicBlock(group.body, "parameter") ||
    isExpression(group.body.parameter) ||
    blocks(group.body.parameter).some((candidate) => isExpression(candidate.name));
  if (hidden)
    return verdict.notApplicable(
      `${group.address} generates some parameters with expressions; ${FORCE_SSL_PARAMETER} cannot be read here.`,
    );
  return verdict.nonCompliant(`${group.address} does not set ${FORCE_SSL_PARAMETER} = 1.`);
}
