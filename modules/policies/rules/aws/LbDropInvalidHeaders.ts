/** Application Load Balancers drop malformed HTTP headers. */
import { LOAD_BALANCER_TYPES, expectBoolean, findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import { dependsOn, isExpression, literalString } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_LB_DROP_INVALID_HEADERS";

/** `AWS_LB_DROP_INVALID_HEADERS` (CKV_AWS_131 / AWS-0052): every application load balancer sets `drop_invalid_header_fields = true`. */
export const LbDropInvalidHeaders: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_131", "AWS-0052"],
  resourceTypes: LOAD_BALANCER_TYPES,
  description: "An application aws_lb does not set drop_invalid_header_fields = true (the default is false).",
  explanation:
    "Header names with characters outside the HTTP token set are how request-smuggling and header-injection " +
    "attacks slip past the load balancer to gunicorn and Django, which may read them differently. Dropping them " +
    "at the edge costs nothing for browsers, which never send them.",
  remediation: "Set drop_invalid_header_fields = true.",
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, LOAD_BALANCER_TYPES).map((balancer) =>
      findingOf(ID, balancer.address, checkBalancer(balancer.body)),
    );
  },
};

/** Verdict for a non-application load balancer, or undefined for an application one (the default type). */
export function notApplication(body: JsonObject): Verdict | undefined {
  const type = body.load_balancer_type;
  if (isExpression(type)) return verdict.notApplicable(`load_balancer_type ${dependsOn(type)}.`);
  const name = literalString(type) ?? "application";
  return name === "application" ? undefined : verdict.notApplicable(`a ${name} load balancer does not parse HTTP.`);
}

function checkBalancer(body: JsonObject): Verdict {
  return (
    notApplication(body) ??
    expectBoolean(body, "drop_invalid_header_fields", {
      want: true,
      providerDefault: false,
      consequence: "malformed headers reach Mathesar (request smuggling, header injection).",
    })
  );
}
