/** Every target of the conformance suite. A new target adds its adapter here. */
import { HELM } from "../support/helm";
import { awsTarget } from "./aws";
import { digitalOceanTarget } from "./digitalocean";
import { dockerTarget } from "./docker";
import { googleTarget, googleVmTarget } from "./google";
import { kubernetesTarget } from "./kubernetes";
import type { ConformanceTarget } from "./target";

const withHelm = HELM !== undefined || process.env.MATHESAR_REQUIRE_TOOLS === "1";
if (!withHelm) {
  console.warn("SKIPPED the Kubernetes conformance target: helm is not installed (node scripts/install-helm.js).");
}

export const CONFORMANCE_TARGETS: ConformanceTarget[] = [
  digitalOceanTarget,
  awsTarget,
  googleTarget,
  googleVmTarget,
  dockerTarget,
  ...(withHelm ? [kubernetesTarget] : []),
];
