/**
 * The list of all rules, read from the provider barrels (`rules/<provider>/index.ts`), which are the only
 * places a rule is registered: a rule exported there is in the pack, and nothing else has to name it.
 */
import type { PolicyRule } from "../types";
import { RULE_PROVIDERS, type RuleProvider } from "../rule-id";
import * as aws from "./aws";
import * as digitalocean from "./digitalocean";
import * as docker from "./docker";
import * as google from "./google";
import * as mathesar from "./mathesar";

/** True for a value shaped like a rule (barrels also export constants, suppressions and helpers). */
export function isPolicyRule(value: unknown): value is PolicyRule {
  if (typeof value !== "object" || value === null) return false;
  const rule = value as Partial<Record<keyof PolicyRule, unknown>>;
  return (
    typeof rule.id === "string" &&
    typeof rule.check === "function" &&
    typeof rule.description === "string" &&
    typeof rule.explanation === "string" &&
    typeof rule.remediation === "string" &&
    Array.isArray(rule.scannerIds) &&
    Array.isArray(rule.resourceTypes)
  );
}

/** The rules a barrel exports, sorted by id so the order never depends on how modules are loaded. */
function rulesOf(barrel: Readonly<Record<string, unknown>>): readonly PolicyRule[] {
  return Object.values(barrel)
    .filter(isPolicyRule)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every rule, by provider folder. */
export const RULES_BY_PROVIDER: Readonly<Record<RuleProvider, readonly PolicyRule[]>> = {
  digitalocean: rulesOf(digitalocean),
  mathesar: rulesOf(mathesar),
  aws: rulesOf(aws),
  google: rulesOf(google),
  docker: rulesOf(docker),
};

/** Every rule of the pack: the providers in RULE_PROVIDERS order, each provider's rules by id (as RULES.md lists them). */
export const MATHESAR_RULES: readonly PolicyRule[] = RULE_PROVIDERS.flatMap((provider) => RULES_BY_PROVIDER[provider]);
