/** VPCs record their traffic. */
import { findingOf, verdict } from "../../lib/aws";
import { referencesAddress, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_VPC_FLOW_LOGS";

/** `AWS_VPC_FLOW_LOGS` (CKV2_AWS_11 / AWS-0178): every `aws_vpc` has an `aws_flow_log` whose `vpc_id` references it. */
export const VpcFlowLogs: PolicyRule = {
  id: ID,
  scannerIds: ["CKV2_AWS_11", "AWS-0178"],
  resourceTypes: ["aws_vpc", "aws_flow_log"],
  description: "An aws_vpc has no aws_flow_log whose vpc_id references it.",
  explanation:
    "Flow logs record every connection in and out of the VPC: which addresses reached the load balancer, and " +
    "which databases Mathesar's tasks connected to. Without them an exfiltration from the database or a " +
    "compromised task leaves no network trace.",
  remediation: "Add an aws_flow_log whose vpc_id references the VPC.",
  check(config: TerraformJson): Finding[] {
    const flowLogs = resourcesOf(config, "aws_flow_log");
    return resourcesOf(config, "aws_vpc").map((vpc) => {
      const recording = flowLogs.filter((flowLog) => referencesAddress(flowLog.body.vpc_id, vpc.address));
      return findingOf(
        ID,
        vpc.address,
        recording.length > 0
          ? verdict.compliant(`recorded by ${recording.map((flowLog) => flowLog.address).join(", ")}.`)
          : verdict.nonCompliant("no aws_flow_log references this VPC: its traffic is not recorded."),
      );
    });
  },
};
