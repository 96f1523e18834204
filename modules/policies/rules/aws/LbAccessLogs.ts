/** Load balancers write access logs. */
import { LOAD_BALANCER_TYPES, expectBoolean, findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import { blocks, dependsOn, hasDynamicBlock, isExpression, literalString } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LB_ACCESS_LOGS";

/** `AWS_LB_ACCESS_LOGS` (CKV_AWS_91): every `aws_lb` has an `access_logs` block with `enabled = true` and a bucket. */
export const LbAccessLogs: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_91"],
  resourceTypes: LOAD_BALANCER_TYPES,
  description:
    "An aws_lb has no access_logs block, one without a bucket, or an enabled that is not true (the default is false, even " +
    "with a bucket).",
  explanation:
    "Access logs are the only record of who reached Mathesar's login page, from where, and what the load " +
    "balancer answered; without them a credential-stuffing attempt or a leaked session cannot be traced. " +
    "Gateway load balancers have no access logs.",
  remediation: "Add an access_logs block with a bucket the load balancer may write to and enabled = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, LOAD_BALANCER_TYPES).map((balancer) =>
      findingOf(ID, balancer.address, checkBalancer(balancer.body)),
    );
  },
};

function checkBalancer(body: JsonObject): Verdict {
  if (isExpression(body.load_balancer_type))
    return verdict.notApplicable(`load_balancer_type ${dependsOn(body.load_balancer_type)}.`);
  if (literalString(body.load_balancer_type) === "gateway")
    return verdict.notApplicable("a gateway load balancer has no access logs.");
  if (hasDynamicBlock(body, "access_logs"))
    return verdict.notApplicable("access_logs is a dynamic block: its settings are known only to Terraform.");
  const logs = blocks(body.access_logs)[0];
  if (logs === undefined) return verdict.nonCompliant("no access_logs block: requests leave no record.");
  if (!isExpression(logs.bucket) && (literalString(logs.bucket) ?? "").trim() === "") {
    return verdict.nonCompliant("access_logs has no bucket: requests leave no record.");
  }
  const enabled = expectBoolean(logs, "enabled", {
    want: true,
    providerDefault: false,
    consequence: "requests leave no record.",
  });
  return { ...enabled, message: `access_logs.${enabled.message}` };
}
