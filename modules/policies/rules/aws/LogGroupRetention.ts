/** CloudWatch log groups keep logs for at least a year, by a declared retention. */
import { expectAtLeast, findingOf, verdict } from "../../lib/aws";
import { literalNumber, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LOG_GROUP_RETENTION";

/** Shortest accepted retention, in days (CKV_AWS_338). */
export const MIN_LOG_RETENTION_DAYS = 365;

/** `AWS_LOG_GROUP_RETENTION` (CKV_AWS_338): every `aws_cloudwatch_log_group` sets `retention_in_days` to 365 or more. */
export const LogGroupRetention: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_338"],
  resourceTypes: ["aws_cloudwatch_log_group"],
  description: `An aws_cloudwatch_log_group sets retention_in_days below ${MIN_LOG_RETENTION_DAYS}, to 0, or not at all (logs then never expire).`,
  explanation:
    "Mathesar's application log and the VPC flow log are the evidence of who signed in and what connected " +
    "where; an intrusion is typically found months later, so keep a year. A log group without a retention " +
    "keeps everything forever at growing cost, with no declared policy. Encryption with a customer key " +
    "(CKV_AWS_158) is optional: CloudWatch Logs encrypts at rest in any case.",
  remediation: "Set retention_in_days to 365 or more.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_cloudwatch_log_group").map((group) => {
      if (literalNumber(group.body.retention_in_days) === 0) {
        return findingOf(
          ID,
          group.address,
          verdict.nonCompliant("retention_in_days = 0: events never expire and no retention is declared."),
        );
      }
      return findingOf(
        ID,
        group.address,
        expectAtLeast(group.body, "retention_in_days", MIN_LOG_RETENTION_DAYS, {
          absent: "events never expire and no retention is declared.",
          consequence: "evidence is gone before most intrusions are noticed.",
        }),
      );
    });
  },
};
