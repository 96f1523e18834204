/** Target groups define their health check. */
import { TARGET_GROUP_TYPES, findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import {
  blocks,
  dependsOn,
  hasDynamicBlock,
  isExpression,
  isUnset,
  literalBoolean,
  literalString,
} from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LB_TARGET_GROUP_HEALTH_CHECK";

/**
 * `AWS_LB_TARGET_GROUP_HEALTH_CHECK` (CKV_AWS_261): every target group (other than a Lambda one) has an enabled
 * `health_check` block, with a `path` when it checks over HTTP or HTTPS.
 */
export const LbTargetGroupHealthCheck: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_261"],
  resourceTypes: TARGET_GROUP_TYPES,
  description:
    "An aws_lb_target_group has no health_check block, disables it, or checks over HTTP(S) without a path. Lambda " +
    "target groups are not_applicable.",
  explanation:
    "The default check asks for / and expects 200; Mathesar answers / with a redirect to the login page, or " +
    "rejects the load balancer's Host header, so tasks are marked unhealthy and replaced in a loop — or, with a " +
    "check disabled, a broken task keeps receiving users. Check a path that answers 200 without a session or a " +
    "Host match (a static file), with thresholds that survive first-boot migrations.",
  remediation:
    "Add an enabled health_check whose path answers 200 without a session or a Host match (a static file), with thresholds that survive first-boot migrations.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, TARGET_GROUP_TYPES).map((group) =>
      findingOf(ID, group.address, checkGroup(group.body)),
    );
  },
};

function checkGroup(body: JsonObject): Verdict {
  if (isExpression(body.target_type)) return verdict.notApplicable(`target_type ${dependsOn(body.target_type)}.`);
  if (literalString(body.target_type) === "lambda")
    return verdict.notApplicable("a Lambda target group has no network health check.");
  if (hasDynamicBlock(body, "health_check"))
    return verdict.notApplicable("health_check is a dynamic block: its settings are known only to Terraform.");
  const check = blocks(body.health_check)[0];
  if (check === undefined)
    return verdict.nonCompliant("no health_check block: the defaults (GET /, expect 200) apply.");
  if (isExpression(check.enabled)) return verdict.notApplicable(`health_check.enabled ${dependsOn(check.enabled)}.`);
  if (literalBoolean(check.enabled) === false)
    return verdict.nonCompliant("health_check.enabled = false: broken tasks keep receiving requests.");
  const protocolValue = isUnset(check.protocol) ? body.protocol : check.protocol;
  if (isExpression(protocolValue))
    return verdict.notApplicable(`the health check protocol ${dependsOn(protocolValue)}.`);
  const protocol = (literalString(protocolValue) ?? "HTTP").toUpperCase();
  if (protocol !== "HTTP" && protocol !== "HTTPS") return verdict.compliant(`health_check over ${protocol}.`);
  if (isExpression(check.path)) return verdict.notApplicable(`health_check.path ${dependsOn(check.path)}.`);
  const path = (literalString(check.path) ?? "").trim();
  if (path === "") return verdict.nonCompliant(`health_check over ${protocol} has no path: the default, /, applies.`);
  return verdict.compliant(`health_check over ${protocol} on "${path}".`);
}
