/** ECS tasks get no public IP address. */
import { expectBoolean, findingOf, verdict, type Verdict } from "../../lib/aws";
import { blocks, hasDynamicBlock, resourcesOf } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_ECS_NO_PUBLIC_IP";

/** `AWS_ECS_NO_PUBLIC_IP` (CKV_AWS_333): no `aws_ecs_service` sets `network_configuration.assign_public_ip = true`. */
export const EcsNoPublicIp: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_333"],
  resourceTypes: ["aws_ecs_service"],
  description: "An aws_ecs_service sets network_configuration.assign_public_ip = true.",
  explanation:
    "A task with a public address is reachable from the internet past the load balancer (no TLS, no header " +
    "checks, no access logs), guarded only by its security group. Run tasks in private subnets with a NAT " +
    "gateway or VPC endpoints for their outbound calls.",
  remediation:
    "Set network_configuration.assign_public_ip = false and run the tasks in private subnets behind the load balancer.",
  check(config: TerraformJson): Finding[] {
    return resourcesOf(config, "aws_ecs_service").map((service) =>
      findingOf(ID, service.address, checkService(service.body)),
    );
  },
};

function checkService(body: JsonObject): Verdict {
  if (hasDynamicBlock(body, "network_configuration"))
    return verdict.notApplicable("network_configuration is a dynamic block: known only to Terraform.");
  const network = blocks(body.network_configuration)[0];
  if (network === undefined)
    return verdict.compliant("no network_configuration: ECS assigns the tasks no address of their own.");
  const answer = expectBoolean(network, "assign_public_ip", {
    want: false,
    providerDefault: false,
    consequence: "every task is reachable from the internet, bypassing the load balancer.",
  });
  return { ...answer, message: `network_configuration.${answer.message}` };
}
