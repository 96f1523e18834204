/** Every target of the conformance suite. A new target adds its adapter here. */
import { awsTarget } from "./aws";
import { digitalOceanTarget } from "./digitalocean";
import type { ConformanceTarget } from "./target";

export const CONFORMANCE_TARGETS: ConformanceTarget[] = [digitalOceanTarget, awsTarget];
