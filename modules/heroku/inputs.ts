/**
 * Heroku's own limits, with where they come from (read 2026-12).
 * - Names: Heroku app names are 3 to 30 lowercase letters, digits and dashes, starting with a letter
 *   (devcenter.heroku.com/articles/creating-apps); app.json's `name` (the template's name) also takes 30.
 * - Region: app.json has no region field; the deploy screen offers the Common Runtime's `us` and `eu`, so a
 *   region prop is refused rather than silently ignored.
 * - Dyno: `basic` (512 MB) is the size we plan for; `essential-0` the smallest Heroku Postgres plan.
 */
import { patternRule } from "../mathesar";
import type { PlatformRules } from "../platforms";

/** Heroku app names: 3 to 30 characters (the contract's nameRule starts at 2, which Heroku refuses). */
export const HEROKU_NAME_RULE = patternRule(
  "[a-z][a-z0-9-]{1,28}[a-z0-9]",
  "3 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen (Heroku's app name rule)",
);

/** Heroku's rules for the shared platform props. */
export const HEROKU_RULES: PlatformRules = {
  name: HEROKU_NAME_RULE,
  region: {
    notApplicable: "left out: Heroku's deploy screen chooses the region (us or eu), app.json has no region field",
  },
  defaultRegion: "",
};

/** Dyno and add-on plans. */
export const HEROKU_PLANS = {
  dyno: "basic",
  dynoVcpus: 1,
  dynoMemoryMiB: 512,
  postgres: "heroku-postgresql:essential-0",
} as const;

/**
 * Heroku's router ends a request after 30 s (H12, devcenter.heroku.com/articles/request-timeout): gunicorn
 * stops a worker's request at the same point rather than working on for a client that is gone.
 */
export const HEROKU_REQUEST_TIMEOUT_SECONDS = 30;
