/** Plain HTTP only ever redirects to HTTPS. */
import { LISTENER_RULE_TYPES, LISTENER_TYPES, findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import {
  type ResourceRef,
  blocks,
  dependsOn,
  hasDynamicBlock,
  isExpression,
  literalString,
  referencesAddress,
} from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LB_HTTP_REDIRECTS_TO_HTTPS";

/**
 * `AWS_LB_HTTP_REDIRECTS_TO_HTTPS` (CKV2_AWS_20 / AWS-0054): every action of an HTTP listener — its default
 * actions and the actions of the listener rules attached to it — redirects to HTTPS.
 */
export const LbHttpRedirectsToHttps: PolicyRule = {
  id: ID,
  scannerIds: ["CKV2_AWS_20", "AWS-0054"],
  resourceTypes: [...LISTENER_TYPES, ...LISTENER_RULE_TYPES],
  description:
    "An aws_lb_listener with protocol HTTP (the default) has a default action, or an aws_lb_listener_rule attached to it " +
    "has an action, other than a redirect with protocol HTTPS.",
  explanation:
    "Anything an HTTP listener forwards crosses the network in clear: Mathesar's login form, session cookies " +
    "and the database credentials users type in. Port 80 should exist only to send browsers to HTTPS (301). " +
    "Listener rules count too: a rule that forwards on the HTTP listener bypasses a redirecting default action.",
  remediation:
    "Make the HTTP listener's default action a redirect with protocol HTTPS (status HTTP_301), and attach no forwarding rules to it.",
  check(config: TerraformJson): Finding[] {
    const rules = resourcesOfTypes(config, LISTENER_RULE_TYPES);
    return resourcesOfTypes(config, LISTENER_TYPES).map((listener) =>
      findingOf(ID, listener.address, checkListener(listener, rules)),
    );
  },
};

function checkListener(listener: ResourceRef, rules: ResourceRef[]): Verdict {
  const protocol = listener.body.protocol;
  if (isExpression(protocol)) return verdict.notApplicable(`protocol ${dependsOn(protocol)}.`);
  const name = (literalString(protocol) ?? "HTTP").toUpperCase();
  if (name !== "HTTP") return verdict.notApplicable(`protocol ${name}: not a plain-HTTP listener.`);
  const plain: string[] = [];
  const unknown: string[] = [];
  const inspect = (actions: JsonObject[], label: string) =>
    actions.forEach((action, index) => {
      const answer = checkAction(action);
      if (answer === "redirects") return;
      (answer.unknown ? unknown : plain).push(`${label} ${index + 1} ${answer.reason}`);
    });
  inspect(blocks(listener.body.default_action), "default_action");
  if (hasDynamicBlock(listener.body, "default_action")) unknown.push("some default_action blocks are dynamic");
  for (const rule of rules.filter((candidate) => referencesAddress(candidate.body.listener_arn, listener.address))) {
    inspect(blocks(rule.body.action), `${rule.address} action`);
    if (hasDynamicBlock(rule.body, "action")) unknown.push(`${rule.address} has dynamic actions`);
  }
  if (plain.length > 0) return verdict.nonCompliant(`serves plain HTTP: ${plain.join("; ")}.`);
  if (unknown.length > 0) return verdict.notApplicable(`cannot tell: ${unknown.join("; ")}.`);
  return verdict.compliant("every action redirects to HTTPS.");
}

/** Whether one action redirects to HTTPS. */
function checkAction(action: JsonObject): "redirects" | { unknown: boolean; reason: string } {
  if (isExpression(action.type)) return { unknown: true, reason: `type ${dependsOn(action.type)}` };
  const type = literalString(action.type);
  if (type !== "redirect") return { unknown: false, reason: `is ${JSON.stringify(type ?? "unset")}, not a redirect` };
  const redirect = blocks(action.redirect)[0] ?? {};
  if (isExpression(redirect.protocol))
    return { unknown: true, reason: `redirect protocol ${dependsOn(redirect.protocol)}` };
  const protocol = literalString(redirect.protocol);
  if (protocol?.toUpperCase() === "HTTPS") return "redirects";
  return { unknown: false, reason: `redirects to protocol ${JSON.stringify(protocol ?? "#{protocol}")}, not HTTPS` };
}
