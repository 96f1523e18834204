/**
 * The Mathesar rule pack: every rule, run over one Terraform JSON configuration, with cdk-nag-style
 * suppressions that must say why and stay visible in the report.
 */
import { MATHESAR_RULES } from "./rules";
import type { PolicyFinding, PolicyRule, PolicySuppression, RunPoliciesOptions, TerraformJson } from "./types";

/** Shortest accepted suppression reason, as in cdk-nag: long enough that "ok" or "n/a" are refused. */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/** Thrown for a suppression that has no reason or names no rule of the pack. */
export class PolicySuppressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicySuppressionError";
  }
}

/**
 * Runs every rule over `config` and returns all findings, rule by rule. Non-compliant findings matched by
 * a suppression keep their status and carry its reason, so a report always shows what was waived and why.
 * @throws PolicySuppressionError when a suppression has no reason or names an unknown rule
 */
export function runPolicies(config: TerraformJson, options: RunPoliciesOptions = {}): PolicyFinding[] {
  const rules = options.rules ?? MATHESAR_RULES;
  const suppressions = options.suppressions ?? [];
  validateSuppressions(suppressions, rules);
  return rules.flatMap((rule) =>
    rule.check(config).map((finding): PolicyFinding => {
      if (finding.status !== "non_compliant") return finding;
      const match = suppressions.find(
        (suppression) =>
          suppression.ruleId === finding.ruleId &&
          (suppression.address === undefined || suppression.address === finding.address),
      );
      return match ? { ...finding, suppression: { reason: match.reason.trim() } } : finding;
    }),
  );
}

/** The findings that fail a deployment: non-compliant and not suppressed. */
export function violations(findings: readonly PolicyFinding[]): PolicyFinding[] {
  return findings.filter((finding) => finding.status === "non_compliant" && finding.suppression === undefined);
}

/** Refuses suppressions without a reason (the cdk-nag rule) or for rules the pack does not have (typos). */
function validateSuppressions(suppressions: readonly PolicySuppression[], rules: readonly PolicyRule[]): void {
  const ids = new Set(rules.map((rule) => rule.id));
  for (const suppression of suppressions) {
    const reason = typeof suppression.reason === "string" ? suppression.reason.trim() : "";
    if (reason.length < MIN_SUPPRESSION_REASON_LENGTH) {
      throw new PolicySuppressionError(
        `Invalid suppression of ${suppression.ruleId}${suppression.address ? ` on ${suppression.address}` : ""}: ` +
          `reason ${JSON.stringify(suppression.reason)} must explain why, in at least ${MIN_SUPPRESSION_REASON_LENGTH} characters.`,
      );
    }
    if (!ids.has(suppression.ruleId)) {
      throw new PolicySuppressionError(
        `Invalid suppression: no rule ${JSON.stringify(suppression.ruleId)} in the pack (rules: ${[...ids].join(", ")}).`,
      );
    }
  }
}
