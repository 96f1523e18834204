/** RDS keeps automated backups for at least a week. */
import { expectAtLeast, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_BACKUP_RETENTION";

/** Shortest accepted backup retention, in days. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** `AWS_RDS_BACKUP_RETENTION` (CKV_AWS_133 / AWS-0077): every `aws_db_instance` keeps backups for at least 7 days. */
export const RdsBackupRetention: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_133", "AWS-0077"],
  resourceTypes: ["aws_db_instance"],
  description:
    `An aws_db_instance sets backup_retention_period below ${MIN_BACKUP_RETENTION_DAYS} days, or not at ` +
    `all (RDS then keeps one day; 0 turns backups off).`,
  explanation:
    "Automated backups are also the point-in-time-recovery window. With one day or none, a bad migration, " +
    "a deleted table or a compromised admin noticed after the weekend cannot be undone, and everything " +
    "Mathesar stored (users, explorations, saved connections) is lost with it.",
  remediation: "Set backup_retention_period to 7 or more.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectAtLeast(instance.body, "backup_retention_period", MIN_BACKUP_RETENTION_DAYS, {
          absent: "RDS keeps automated backups for one day only.",
          consequence: "too short a window to notice and undo a mistake.",
        }),
      ),
    );
  },
};
