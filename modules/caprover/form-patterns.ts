/**
 * The contract's input rules as the anchored regular expressions a one-click form validates with, so a
 * form field and the synth-time check accept exactly the same values.
 */
import type { InputRule } from "../terraform/input-rule";

/**
 * The anchored pattern (`^(?:...)$`) of a rule made by `patternRule`, read back from its Terraform
 * condition (the only place the rule exposes it). Throws for a rule that is not a single pattern.
 */
export function anchoredPattern(rule: InputRule<string>): string {
  const match = /^can\(regex\("((?:[^"\\]|\\.)*)", x\)\)/.exec(rule.condition("x"));
  if (!match) throw new Error(`not a pattern rule: ${rule.allowed}`);
  // Undo hclString(): \\ → \, \" → ", $${ → ${, %%{ → %{.
  return match[1]
    .replace(/\\(["\\])/g, "$1")
    .replace(/\$\$\{/g, "${")
    .replace(/%%\{/g, "%{");
}

/**
 * A database host reached over the network: the contract's DATABASE_HOST_RULE without its Unix-socket
 * branch (a socket directory cannot be reached from a CapRover service).
 */
export const NETWORK_HOST_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$";

/** A TCP port, 1 to 65535, without leading zeros (the contract's PORT_RULE as a pattern). */
export const PORT_PATTERN =
  "^(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})$";

/**
 * A password a form may carry into YAML and a shell environment unharmed: at least `min` characters, no
 * white space, quotes or backslashes.
 */
export function passwordPattern(min: number): string {
  return `^[^\\s'"\\\\]{${min},}$`;
}

/** `pattern` or the empty string. */
export function optionalPattern(pattern: string): string {
  return `^(?:${stripAnchors(pattern)})?$`;
}

function stripAnchors(pattern: string): string {
  return pattern.replace(/^\^/, "").replace(/\$$/, "");
}
