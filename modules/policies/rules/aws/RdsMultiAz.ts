/** RDS keeps a standby in a second availability zone. */
import { expectBoolean, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, PolicySuppression, TerraformJson } from "../../types";

const ID = "AWS_RDS_MULTI_AZ";

/**
 * Why the shipped small and medium sizes run a single-AZ instance (RULES.md, "Reasoned exceptions"): the
 * reason a suppression of this rule carries for them.
 */
export const SINGLE_AZ_DEFAULT_REASON =
  "Small and medium sizes run a single-AZ database by default to halve its cost; backups (7 days of point-in-time recovery) " +
  "and deletion protection still guard the data, and highAvailability (database_high_availability) turns Multi-AZ on.";

/** The suppression for the shipped small and medium defaults of the AWS target (`aws_db_instance.this`). */
export const SINGLE_AZ_DEFAULT_SUPPRESSION: PolicySuppression = {
  ruleId: ID,
  address: "aws_db_instance.this",
  reason: SINGLE_AZ_DEFAULT_REASON,
};

/** `AWS_RDS_MULTI_AZ` (CKV_AWS_157): every `aws_db_instance` sets `multi_az = true`. */
export const RdsMultiAz: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_157"],
  resourceTypes: ["aws_db_instance"],
  description: "An aws_db_instance does not set multi_az = true (the default is false).",
  explanation:
    "A single-AZ instance is down for as long as its zone or host is (and during some maintenance), and " +
    "Mathesar with it. A Multi-AZ standby takes over in one to two minutes, at twice the instance price. " +
    "The shipped small and medium sizes trade this for cost on purpose (see Reasoned exceptions); " +
    "highAvailability / database_high_availability turns it on.",
  remediation:
    "Set multi_az = true (highAvailability / database_high_availability), or suppress with the reason a single-AZ instance is acceptable.",
  exceptions: [
    {
      exportName: "SINGLE_AZ_DEFAULT_SUPPRESSION",
      suppression: SINGLE_AZ_DEFAULT_SUPPRESSION,
      where: "`aws_db_instance.this` of the AWS target with size `small` (the default) or `medium`",
      details:
        "A Multi-AZ standby doubles the instance price, which for the small size is most of the database's cost, to " +
        "shorten an outage of a zone or host from the time a restore takes to one or two minutes. Size `large` turns " +
        "Multi-AZ on by default and passes the rule; `database.managed.highAvailability = true` " +
        "(`database_high_availability = true` in the Terraform module) turns it on for any size. The suppression " +
        "names the address, so it never hides a second instance.",
    },
  ],
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectBoolean(instance.body, "multi_az", {
          want: true,
          providerDefault: false,
          consequence: "an availability-zone or host failure takes Mathesar down until the instance is recovered.",
        }),
      ),
    );
  },
};
