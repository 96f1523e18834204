/**
 * Railway's own limits, with where they come from (read 2026-12).
 * - Regions: the deployment regions Railway lists (docs.railway.com/reference/deployment-regions), as
 *   config-as-code's `multiRegionConfig` names them.
 * - Names: Railway documents no limit on a service name, but it derives the public host name
 *   `<service>-<environment>.up.railway.app` from it and a host-name label holds at most 63 characters; 32
 *   leaves room for the environment and Railway's suffix.
 */
import { nameRule, oneOfRule } from "../mathesar";
import type { PlatformRules } from "../platforms";

/** Railway's deployment regions. */
export const RAILWAY_REGIONS = [
  "us-west2",
  "us-east4-eqdc4a",
  "europe-west4-drams3a",
  "asia-southeast1-eqsg3a",
] as const;

/** Railway's rules for the shared platform props. */
export const RAILWAY_RULES: PlatformRules = {
  name: nameRule(32, "Railway builds the host name <service>-<environment>.up.railway.app from it"),
  region: oneOfRule(RAILWAY_REGIONS, "one of Railway's regions:"),
  defaultRegion: "us-east4-eqdc4a",
};
