/** Application Load Balancers mitigate HTTP desync. */
import { LOAD_BALANCER_TYPES, findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import { dependsOn, isExpression, isUnset, literalString } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";
import { notApplication } from "./LbDropInvalidHeaders";

const ID = "AWS_LB_DESYNC_MITIGATION";

/** Desync mitigation modes that block ambiguous requests. */
export const SAFE_DESYNC_MODES = ["defensive", "strictest"] as const;

/** `AWS_LB_DESYNC_MITIGATION` (CKV_AWS_328): no application load balancer sets `desync_mitigation_mode = "monitor"`. */
export const LbDesyncMitigation: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_328"],
  resourceTypes: LOAD_BALANCER_TYPES,
  description: `An application aws_lb sets desync_mitigation_mode to a value other than ${SAFE_DESYNC_MODES.join(" or ")} (the default is defensive).`,
  explanation:
    "In monitor mode the load balancer forwards requests it knows are ambiguous (conflicting Content-Length " +
    "and Transfer-Encoding), the raw material of HTTP request smuggling against the application behind it.",
  remediation: "Leave desync_mitigation_mode unset (defensive) or set it to defensive or strictest.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, LOAD_BALANCER_TYPES).map((balancer) =>
      findingOf(ID, balancer.address, checkBalancer(balancer.body)),
    );
  },
};

function checkBalancer(body: JsonObject): Verdict {
  const other = notApplication(body);
  if (other !== undefined) return other;
  const mode = body.desync_mitigation_mode;
  if (isUnset(mode)) return verdict.compliant("desync_mitigation_mode is not set; the default, defensive, applies.");
  if (isExpression(mode)) return verdict.notApplicable(`desync_mitigation_mode ${dependsOn(mode)}.`);
  const name = literalString(mode) ?? "";
  if ((SAFE_DESYNC_MODES as readonly string[]).includes(name))
    return verdict.compliant(`desync_mitigation_mode = "${name}".`);
  return verdict.nonCompliant(
    `desync_mitigation_mode = "${name}": ambiguous requests are forwarded (request smuggling).`,
  );
}
