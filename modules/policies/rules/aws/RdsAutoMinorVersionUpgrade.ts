/** RDS applies PostgreSQL minor (security) releases. */
import { expectBoolean, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_AUTO_MINOR_VERSION_UPGRADE";

/** `AWS_RDS_AUTO_MINOR_VERSION_UPGRADE` (CKV_AWS_226): no `aws_db_instance` sets `auto_minor_version_upgrade = false`. */
export const RdsAutoMinorVersionUpgrade: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_226"],
  resourceTypes: ["aws_db_instance"],
  description: "An aws_db_instance sets auto_minor_version_upgrade = false (the default is true).",
  explanation:
    "PostgreSQL minor releases are security and bug fixes that never change behaviour Mathesar relies on. " +
    "With automatic minor upgrades off they are applied only when someone remembers, and RDS eventually " +
    "forces them at a time of its choosing once a minor version reaches end of support.",
  remediation: "Leave auto_minor_version_upgrade unset or set it to true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectBoolean(instance.body, "auto_minor_version_upgrade", {
          want: true,
          providerDefault: true,
          consequence: "security releases of PostgreSQL wait until someone applies them by hand.",
        }),
      ),
    );
  },
};
