/** Load balancers refuse to be deleted. */
import { LOAD_BALANCER_TYPES, expectBoolean, findingOf, resourcesOfTypes } from "../../lib/aws";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LB_DELETION_PROTECTION";

/** `AWS_LB_DELETION_PROTECTION` (CKV_AWS_150): every `aws_lb` sets `enable_deletion_protection = true`. */
export const LbDeletionProtection: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_150"],
  resourceTypes: LOAD_BALANCER_TYPES,
  description: "An aws_lb does not set enable_deletion_protection = true (the default is false).",
  explanation:
    "Deleting the load balancer takes Mathesar offline and releases its DNS name: records and allow-lists " +
    "that point at it break, and a new one gets a different name. Protection makes deletion a deliberate " +
    "two-step change (loadBalancerDeletionProtection = false, then destroy).",
  remediation: "Set enable_deletion_protection = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, LOAD_BALANCER_TYPES).map((balancer) =>
      findingOf(
        ID,
        balancer.address,
        expectBoolean(balancer.body, "enable_deletion_protection", {
          want: true,
          providerDefault: false,
          consequence: "one destroy or replacement takes Mathesar offline and loses the load balancer's DNS name.",
        }),
      ),
    );
  },
};
