/** Cloud Run accepts requests only through the load balancer. */
import { findingOf, resourcesOfTypes, verdict, type Verdict } from "../../lib/aws";
import {
  CLOUD_RUN_SERVICE_TYPES,
  DEFAULT_INGRESS,
  INTERNAL_INGRESS,
  LOAD_BALANCER_INGRESS,
  cloudRunIngress,
} from "../../lib/google";
import type { ResourceRef } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "GOOGLE_CLOUD_RUN_INGRESS_LOAD_BALANCER";

/** Ingress settings that keep the service's own `run.app` URL closed to the internet. */
export const PRIVATE_INGRESS: readonly string[] = [LOAD_BALANCER_INGRESS, INTERNAL_INGRESS];

/**
 * `GOOGLE_CLOUD_RUN_INGRESS_LOAD_BALANCER`: every Cloud Run service sets `ingress` to
 * `INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER` (or `INGRESS_TRAFFIC_INTERNAL_ONLY`); the v1 service its
 * `run.googleapis.com/ingress` annotation to `internal-and-cloud-load-balancing` (or `internal`).
 */
export const CloudRunIngressLoadBalancer: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: CLOUD_RUN_SERVICE_TYPES,
  description:
    `A google_cloud_run_v2_service sets ingress to anything but ${LOAD_BALANCER_INGRESS} or ${INTERNAL_INGRESS}, or leaves it ` +
    `unset (the default, ${DEFAULT_INGRESS}); for google_cloud_run_service, the run.googleapis.com/ingress annotation.`,
  explanation:
    "With ingress open to all, the service's own run.app URL serves Mathesar beside the load balancer: no " +
    "Cloud Armor, no IAP, no HTTP-to-HTTPS redirect or TLS policy of ours, and no load balancer logs of who " +
    "reached the login page. INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER admits only the load balancer (and the VPC).",
  remediation:
    'Set ingress = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" and serve Mathesar through the HTTPS load balancer.',
  check(config: TerraformJson): Finding[] {
    return resourcesOfTypes(config, CLOUD_RUN_SERVICE_TYPES).map((service) =>
      findingOf(ID, service.address, checkService(service)),
    );
  },
};

function checkService(service: ResourceRef): Verdict {
  const ingress = cloudRunIngress(service);
  if ("unknown" in ingress) return verdict.notApplicable(`${ingress.unknown}, known only to Terraform.`);
  if (PRIVATE_INGRESS.includes(ingress.value)) return verdict.compliant(`ingress = "${ingress.value}".`);
  const shown = ingress.defaulted ? `is not set, so the default, ${DEFAULT_INGRESS}, applies` : `= "${ingress.value}"`;
  return verdict.nonCompliant(`ingress ${shown}: the service's run.app URL serves Mathesar around the load balancer.`);
}
