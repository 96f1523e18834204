/** The security rule pack for Mathesar deployments: rules (DigitalOcean, AWS, Google Cloud, cross-cloud Mathesar), the pack runner, and their types. */
export * from "./types";
export { MIN_SUPPRESSION_REASON_LENGTH, PolicySuppressionError, runPolicies, violations } from "./pack";
export { MATHESAR_RULES, RULES_BY_PROVIDER, isPolicyRule } from "./rules";
export { RULE_ID_PREFIXES, RULE_PROVIDERS, ruleIdFromFileName, type RuleProvider } from "./rule-id";
export * from "./rules/digitalocean";
export * from "./rules/mathesar";
export * from "./rules/aws";
export * from "./rules/google";
