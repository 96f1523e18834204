/**
 * Fly.io's own limits, with where they come from (read 2026-12).
 * - Regions: the regions Fly lists for new Machines (fly.io/docs/reference/regions); Fly retired several
 *   smaller regions in 2024–2025, which this list no longer has.
 * - Names: an app is served at `<app>.fly.dev` and reached privately at `<app>.internal`, so its name is a
 *   host-name label (at most 63 characters, lowercase letters, digits and hyphens).
 * - Machine: `shared-cpu-1x` with 1 GB is the size we plan for; Mathesar's gunicorn workers hold about 120 MiB
 *   each, so the contract's `webConcurrency` gives 3.
 */
import { nameRule, oneOfRule } from "../mathesar";
import type { PlatformRules } from "../platforms";

/** Fly.io regions. */
export const FLY_REGIONS = [
  "ams",
  "arn",
  "bom",
  "cdg",
  "dfw",
  "ewr",
  "fra",
  "gru",
  "iad",
  "jnb",
  "lax",
  "lhr",
  "nrt",
  "ord",
  "sin",
  "sjc",
  "syd",
  "yyz",
] as const;

/** Fly's rules for the shared platform props. */
export const FLY_RULES: PlatformRules = {
  name: nameRule(63, "Fly serves the app at <app>.fly.dev: one host-name label"),
  region: oneOfRule(FLY_REGIONS, "one of Fly.io's regions:"),
  defaultRegion: "iad",
};

/** The Machine we plan for. */
export const FLY_MACHINE = { size: "shared-cpu-1x", vcpus: 1, memoryMiB: 1024, memory: "1gb" } as const;
