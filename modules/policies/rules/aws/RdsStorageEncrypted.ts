/** RDS storage is encrypted at rest. */
import { expectBoolean, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_STORAGE_ENCRYPTED";

/** `AWS_RDS_STORAGE_ENCRYPTED` (CKV_AWS_16 / AWS-0080): every `aws_db_instance` sets `storage_encrypted = true`. */
export const RdsStorageEncrypted: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_16", "AWS-0080"],
  resourceTypes: ["aws_db_instance"],
  description: "An aws_db_instance does not set storage_encrypted = true (the default is false).",
  explanation:
    "Unencrypted storage leaves Mathesar's users, sessions and the saved credentials of every connected " +
    "database readable in the volume, its snapshots and its automated backups. Encryption cannot be turned on " +
    "later without restoring from an encrypted snapshot copy, so it must be on from the first apply; it costs " +
    "nothing with the aws/rds key.",
  remediation:
    "Set storage_encrypted = true from the first apply (an existing instance needs a restore from an encrypted snapshot copy).",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectBoolean(instance.body, "storage_encrypted", {
          want: true,
          providerDefault: false,
          consequence: "the database, its snapshots and backups are stored unencrypted.",
        }),
      ),
    );
  },
};
