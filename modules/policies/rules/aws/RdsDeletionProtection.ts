/** RDS refuses to be deleted. */
import { expectBoolean, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_DELETION_PROTECTION";

/** `AWS_RDS_DELETION_PROTECTION` (CKV_AWS_293 / AWS-0177): every `aws_db_instance` sets `deletion_protection = true`. */
export const RdsDeletionProtection: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_293", "AWS-0177"],
  resourceTypes: ["aws_db_instance"],
  description: "An aws_db_instance does not set deletion_protection = true (the default is false).",
  explanation:
    "Without it, one `terraform destroy` or a change that forces replacement deletes the instance and, " +
    "unless a final snapshot is configured, its automated backups: every user, exploration and saved " +
    "connection Mathesar stored. RDS refuses the deletion while the flag is on; switch it off deliberately " +
    "(deletionProtection = false) for throwaway environments and suppress this rule with that reason.",
  remediation: "Set deletion_protection = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectBoolean(instance.body, "deletion_protection", {
          want: true,
          providerDefault: false,
          consequence: "terraform destroy or a forced replacement deletes the database.",
        }),
      ),
    );
  },
};
