/**
 * Render's own limits, with where they come from (read 2026-12).
 * - Regions: the regions a Blueprint's `region` accepts (render.com/docs/blueprint-spec#region).
 * - Names: a web service is served at `<name>.onrender.com` (Render appends a suffix when taken), one
 *   host-name label; 40 leaves room for that suffix within 63.
 * - Plans: `preDeployCommand` and disks need a paid instance type; `starter` (512 MB, 0.5 CPU) is the
 *   smallest, `basic-256mb` the smallest paid Postgres (free databases expire after 30 days).
 */
import { nameRule, oneOfRule } from "../mathesar";
import type { PlatformRules } from "../platforms";

/** Render regions. */
export const RENDER_REGIONS = ["oregon", "ohio", "virginia", "frankfurt", "singapore"] as const;

/** Render's rules for the shared platform props. */
export const RENDER_RULES: PlatformRules = {
  name: nameRule(40, "Render serves the service at <name>.onrender.com, adding a suffix when the name is taken"),
  region: oneOfRule(RENDER_REGIONS, "one of Render's regions:"),
  defaultRegion: "oregon",
};

/** The instance types we use and what we plan for. */
export const RENDER_PLANS = {
  web: "starter",
  webVcpus: 0.5,
  webMemoryMiB: 512,
  database: "basic-256mb",
  diskGB: 1,
} as const;
