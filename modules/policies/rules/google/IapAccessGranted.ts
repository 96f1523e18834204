/** An Identity-Aware Proxy that is on lets someone in. */
import { findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import { iamMembers, namedResource } from "../../lib/google";
import { type ResourceRef, dependsOn, isExpression, literalString, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";
import { BACKEND_SERVICE_TYPE, iapState } from "./IapEnabled";

const ID = "GOOGLE_IAP_ACCESS_GRANTED";

/** The role IAP checks before it lets a signed-in user through. */
export const IAP_ACCESSOR_ROLE = "roles/iap.httpsResourceAccessor";

/** IAM resources that grant access through IAP to one backend service (`web_backend_service`). */
export const IAP_IAM_TYPES: readonly string[] = [
  "google_iap_web_backend_service_iam_binding",
  "google_iap_web_backend_service_iam_member",
];

/**
 * `GOOGLE_IAP_ACCESS_GRANTED`: every `google_compute_backend_service` with `iap.enabled = true` is named by a
 * `google_iap_web_backend_service_iam_binding` or `_iam_member` granting `roles/iap.httpsResourceAccessor` to someone.
 */
export const IapAccessGranted: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: [BACKEND_SERVICE_TYPE, ...IAP_IAM_TYPES],
  description:
    `A google_compute_backend_service sets iap.enabled = true but no google_iap_web_backend_service_iam_binding or _iam_member ` +
    `naming it grants ${IAP_ACCESSOR_ROLE} to at least one member.`,
  explanation:
    "IAP refuses every user who does not hold the accessor role on the backend service, so an IAP without a " +
    "grant locks everyone, the admin included, out of Mathesar; the usual fix, granting it by hand in the " +
    "console, then drifts from the configuration. Grant it in the same configuration (iap_members). Backend " +
    "services with IAP off are not_applicable: GOOGLE_IAP_ENABLED reports them.",
  remediation:
    "Grant roles/iap.httpsResourceAccessor on the backend service to the people who may sign in (iap_members), in the same configuration.",
  check(config: TerraformJson): Finding[] {
    const grants = resourcesOfTypes(config, IAP_IAM_TYPES);
    const backends = resourcesOf(config, BACKEND_SERVICE_TYPE);
    return backends.map((backend) => findingOf(ID, backend.address, checkBackend(backend, backends, grants)));
  },
};

function checkBackend(backend: ResourceRef, backends: readonly ResourceRef[], grants: readonly ResourceRef[]): Verdict {
  const { state, reason } = iapState(backend);
  if (state === "off") return verdict.notApplicable(`${reason}: there is no IAP to pass.`);
  const granted: string[] = [];
  const unknown: string[] = [];
  for (const grant of grants) {
    const target = namedResource(grant.body.web_backend_service, backends);
    if (target === "unknown")
      unknown.push(
        `${grant.address} names a backend service that ${dependsOn(String(grant.body.web_backend_service))}`,
      );
    if (target !== backend) continue;
    const role = grant.body.role;
    if (isExpression(role)) {
      unknown.push(`${grant.address} role ${dependsOn(role)}`);
      continue;
    }
    if (literalString(role) !== IAP_ACCESSOR_ROLE) continue;
    const { members, unknown: hidden } = iamMembers(grant.body);
    if (members.length > 0) granted.push(`${grant.address} (${members.join(", ")})`);
    else if (hidden !== undefined) unknown.push(`${grant.address} ${hidden}`);
  }
  if (state === "unknown") return verdict.notApplicable(`${reason}.`);
  if (granted.length > 0) return verdict.compliant(`${reason}; ${IAP_ACCESSOR_ROLE} granted by ${granted.join(", ")}.`);
  if (unknown.length > 0)
    return verdict.notApplicable(
      `${reason}; whether anyone holds ${IAP_ACCESSOR_ROLE} is known only to Terraform: ${unknown.join("; ")}.`,
    );
  return verdict.nonCompliant(
    `${reason} but nobody is granted ${IAP_ACCESSOR_ROLE} on it: IAP refuses everyone, so nobody can get in to Mathesar.`,
  );
}
