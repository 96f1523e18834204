/** RDS records database load (Performance Insights / Database Insights standard mode). */
import { expectBoolean, findingOf } from "../../lib/aws";
import { resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_RDS_PERFORMANCE_INSIGHTS";

/** `AWS_RDS_PERFORMANCE_INSIGHTS` (CKV_AWS_353 / AWS-0133): every `aws_db_instance` sets `performance_insights_enabled = true`. */
export const RdsPerformanceInsights: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_353", "AWS-0133"],
  resourceTypes: ["aws_db_instance"],
  description: "An aws_db_instance does not set performance_insights_enabled = true (the default is false).",
  explanation:
    "Performance Insights (the standard mode of CloudWatch Database Insights) records which queries load the " +
    "database. Mathesar runs users' ad-hoc explorations against it; without the record, a slow or abusive " +
    "query cannot be found after the fact. Seven days of history are free.",
  remediation: "Set performance_insights_enabled = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_db_instance").map((instance) =>
      findingOf(
        ID,
        instance.address,
        expectBoolean(instance.body, "performance_insights_enabled", {
          want: true,
          providerDefault: false,
          consequence: "no record of which queries load the database.",
        }),
      ),
    );
  },
};
