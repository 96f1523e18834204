/**
 * A rule's id follows from where it lives: `rules/<provider>/<RuleName>.ts` has the id
 * `<PREFIX>_<RULE_NAME>`, so a rule renamed without its id (or the reverse) fails a test instead of leaving
 * a stale id behind. The ids are what users write in suppressions; they stay stable across releases.
 */

/** The id prefix of each provider folder under `rules/`. */
export const RULE_ID_PREFIXES = {
  digitalocean: "DO",
  mathesar: "MATHESAR",
  aws: "AWS",
  google: "GOOGLE",
  docker: "DOCKER",
} as const;

/** A provider folder under `rules/`: `digitalocean`, `mathesar` (cross-cloud), `aws` or `google`. */
export type RuleProvider = keyof typeof RULE_ID_PREFIXES;

/** The provider folders, in the order RULES.md lists them. */
export const RULE_PROVIDERS: readonly RuleProvider[] = ["digitalocean", "mathesar", "aws", "google", "docker"];

/** A rule's file name without `.ts`: PascalCase letters and digits, e.g. `RdsForceSsl`, `LbTls12Policy`. */
const RULE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The id a rule must have, from its provider folder and file name (without `.ts`): the prefix, then one
 * upper-case word per capitalised word of the name, and one per digit, so that a version reads as one
 * (`RdsForceSsl` → `AWS_RDS_FORCE_SSL`, `LbTls12Policy` → `AWS_LB_TLS_1_2_POLICY`).
 * @throws Error naming the bad provider or file name and what is allowed
 */
export function ruleIdFromFileName(provider: string, name: string): string {
  if (typeof provider !== "string" || !Object.prototype.hasOwnProperty.call(RULE_ID_PREFIXES, provider)) {
    throw new Error(
      `Invalid rule provider ${JSON.stringify(provider)}: expected one of ${RULE_PROVIDERS.join(", ")} (a folder under modules/policies/rules/).`,
    );
  }
  if (typeof name !== "string" || !RULE_NAME.test(name)) {
    throw new Error(
      `Invalid rule file name ${JSON.stringify(name)}: expected PascalCase letters and digits without ".ts", e.g. "RdsForceSsl".`,
    );
  }
  const words = name.match(/[A-Z][a-z]*|[a-z]+|[0-9]/g) ?? [];
  return [RULE_ID_PREFIXES[provider as RuleProvider], ...words.map((word) => word.toUpperCase())].join("_");
}
