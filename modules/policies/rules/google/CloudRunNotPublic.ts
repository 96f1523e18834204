/** Nobody invokes Cloud Run without IAM unless the load balancer is the only way in. */
import { findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import {
  CLOUD_RUN_SERVICE_TYPES,
  DEFAULT_INGRESS,
  INTERNAL_INGRESS,
  LOAD_BALANCER_INGRESS,
  PUBLIC_MEMBERS,
  cloudRunIngress,
  iamMembers,
  namedResource,
} from "../../lib/google";
import {
  type ResourceRef,
  dependsOn,
  isExpression,
  isUnset,
  literalBoolean,
  literalString,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_CLOUD_RUN_NOT_PUBLIC";

/** The role that lets a principal call a Cloud Run service. */
export const RUN_INVOKER_ROLE = "roles/run.invoker";

/** IAM member and binding resources of Cloud Run services (v2 names the service in `name`, v1 in `service`). */
export const CLOUD_RUN_IAM_TYPES: readonly string[] = [
  "google_cloud_run_v2_service_iam_member",
  "google_cloud_run_v2_service_iam_binding",
  "google_cloud_run_service_iam_member",
  "google_cloud_run_service_iam_binding",
];

/**
 * `GOOGLE_CLOUD_RUN_NOT_PUBLIC` (CKV_GCP_102): no Cloud Run IAM member or binding grants `roles/run.invoker` to
 * `allUsers` or `allAuthenticatedUsers`, and no v2 service sets `invoker_iam_disabled = true`, unless the service's
 * ingress admits only the load balancer (or the VPC).
 */
export const CloudRunNotPublic: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_GCP_102"],
  resourceTypes: [...CLOUD_RUN_IAM_TYPES, "google_cloud_run_v2_service"],
  description:
    `A Cloud Run IAM member or binding grants ${RUN_INVOKER_ROLE} to ${PUBLIC_MEMBERS.join(" or ")}, or a google_cloud_run_v2_service ` +
    `sets invoker_iam_disabled = true (the same thing), on a service whose ingress is not ${LOAD_BALANCER_INGRESS} or ${INTERNAL_INGRESS}.`,
  explanation:
    "A public invoker lets anyone on the internet call the service's run.app URL directly, bypassing the load " +
    "balancer and whatever it enforces (IAP, Cloud Armor, the HTTPS redirect and TLS policy). Behind a load " +
    "balancer the public invoker is how a serverless network endpoint group reaches the service, by design: " +
    "it is then safe only because ingress admits nothing but the load balancer, and Mathesar's own login (or " +
    "IAP on the backend service) decides who gets in.",
  remediation:
    "Grant roles/run.invoker to allUsers only on a service whose ingress is " +
    "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER (or INTERNAL_ONLY); otherwise grant it to named members.",
  check(config: TerraformJson): Finding[] {
    const services = resourcesOfTypes(config, CLOUD_RUN_SERVICE_TYPES);
    return [
      ...resourcesOfTypes(config, CLOUD_RUN_IAM_TYPES).map((grant) =>
        findingOf(ID, grant.address, checkGrant(grant, services)),
      ),
      ...resourcesOfTypes(config, ["google_cloud_run_v2_service"]).map((service) =>
        findingOf(ID, service.address, checkService(service)),
      ),
    ];
  },
};

function checkGrant(grant: ResourceRef, services: readonly ResourceRef[]): Verdict {
  const role = grant.body.role;
  if (isExpression(role)) return verdict.notApplicable(`role ${dependsOn(role)}.`);
  if (literalString(role) !== RUN_INVOKER_ROLE)
    return verdict.notApplicable(`role ${JSON.stringify(role)} does not invoke the service.`);
  const { members, unknown } = iamMembers(grant.body);
  const open = members.filter((member) => PUBLIC_MEMBERS.includes(member));
  if (open.length === 0) {
    if (unknown !== undefined)
      return verdict.notApplicable(`${unknown}: whether it is public is known only to Terraform.`);
    return verdict.compliant(`${RUN_INVOKER_ROLE} granted to ${members.join(", ") || "nobody"}, not to the public.`);
  }
  const attribute = grant.type.startsWith("google_cloud_run_v2_") ? "name" : "service";
  const service = namedResource(grant.body[attribute], services);
  const who = `${RUN_INVOKER_ROLE} granted to ${open.join(", ")}`;
  if (service === "unknown")
    return verdict.notApplicable(
      `${who} on a service that ${attribute} ${dependsOn(String(grant.body[attribute]))}: its ingress cannot be read here.`,
    );
  if (service === "outside" || service === "absent")
    return verdict.notApplicable(
      `${who} on service ${JSON.stringify(grant.body[attribute])}, outside this configuration: its ingress cannot be read here.`,
    );
  return behindLoadBalancer(service, who);
}

function checkService(service: ResourceRef): Verdict {
  const disabled = service.body.invoker_iam_disabled;
  if (isUnset(disabled)) return verdict.compliant("invoker_iam_disabled is not set: callers need roles/run.invoker.");
  if (isExpression(disabled)) return verdict.notApplicable(`invoker_iam_disabled ${dependsOn(disabled)}.`);
  if (literalBoolean(disabled) !== true)
    return verdict.compliant(`invoker_iam_disabled = ${JSON.stringify(disabled)}: callers need roles/run.invoker.`);
  return behindLoadBalancer(service, "invoker_iam_disabled = true (anyone may invoke, as with allUsers)", true);
}

/** The verdict on a public invoker of `service`: safe only when ingress admits the load balancer (or the VPC) alone. */
function behindLoadBalancer(service: ResourceRef, who: string, self = false): Verdict {
  const on = self ? "" : ` on ${service.address}`;
  const ingress = cloudRunIngress(service);
  if ("unknown" in ingress) return verdict.notApplicable(`${who}${on}; ${ingress.unknown}, known only to Terraform.`);
  if (ingress.value === LOAD_BALANCER_INGRESS) {
    return verdict.compliant(
      `${who}${on}, with ingress ${LOAD_BALANCER_INGRESS}: fronted by the load balancer by design, its run.app URL refuses the internet.`,
    );
  }
  if (ingress.value === INTERNAL_INGRESS)
    return verdict.compliant(`${who}${on}, with ingress ${INTERNAL_INGRESS}: reachable from the VPC only.`);
  const shown = ingress.defaulted ? `no ingress (the default, ${DEFAULT_INGRESS})` : `ingress ${ingress.value}`;
  return verdict.nonCompliant(
    `${who}${on}, with ${shown}: anyone on the internet can call its run.app URL, bypassing the load balancer.`,
  );
}
