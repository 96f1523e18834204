/** RDS has no public endpoint. */
import { expectBoolean, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_NOT_PUBLICLY_ACCESSIBLE";

/** `AWS_RDS_NOT_PUBLICLY_ACCESSIBLE` (CKV_AWS_17 / AWS-0180): no `aws_db_instance` sets `publicly_accessible = true`. */
export const RdsNotPubliclyAccessible: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_17", "AWS-0180"],
  resourceTypes: ["aws_db_instance"],
  description: "An aws_db_instance sets publicly_accessible = true.",
  explanation:
    "A publicly accessible instance gets a DNS name that resolves to a public address; one permissive " +
    "security-group rule then exposes Mathesar's internal database to password guessing from the internet. " +
    "Mathesar reaches it from private subnets; nothing else needs to.",
  remediation: "Leave publicly_accessible unset or false, and place the instance in private subnets.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectBoolean(instance.body, "publicly_accessible", {
          want: false,
          providerDefault: false,
          consequence: "the instance has a public address; only its security group stands between it and the internet.",
        }),
      ),
    );
  },
};
