/**
 * Rules that relate several settings, written once over the wiring's vocabulary (values.ts): evaluated on
 * known props they throw the synth-time error; evaluated on the root module's variables they become a
 * `validation` block. Both say the same words, naming each setting the way its reader knows it (the prop
 * path in TypeScript, the variable in Terraform).
 */
import { MathesarInputError, isToken, shownValue } from "../input-rule";
import { getPath } from "./block-spec";
import { type Settings, variableOf } from "./settings";
import type { Condition } from "./values";

/** How a message names a setting and shows its value. */
export interface MessageWords {
  /** The setting's name: `domainZone` in TypeScript, `domain_zone` in Terraform. */
  name(prop: string): string;
  /**
   * The setting's value: JSON in TypeScript (`fallback` when the prop is absent, i.e. its default),
   * `${jsonencode(var.x)}` in Terraform.
   */
  value(prop: string, fallback?: unknown): string;
}

/** A rule over several settings. */
export interface CrossFieldRule<P> {
  /** Prop path of the setting whose variable carries the `validation` block. */
  readonly on: string;
  /** True (or a Terraform condition that is true) when the combination is acceptable. */
  readonly holds: (props: P) => Condition;
  /** The error, completing nothing: a whole sentence that starts with "Invalid <name>". */
  readonly message: (words: MessageWords) => string;
}

/** Throws the first rule's error that known props break; rules over tokens are left to Terraform. */
export function checkCrossFieldRules<P>(rules: readonly CrossFieldRule<P>[], props: P): void {
  for (const rule of rules) {
    const verdict = rule.holds(props);
    if (verdict === false) {
      throw new MathesarInputError(
        rule.message({
          name: (prop) => prop,
          value: (prop, fallback) => JSON.stringify(getPath(props, prop) ?? fallback),
        }),
      );
    }
    if (verdict !== true && !isToken(verdict)) throw new Error(`Rule on ${rule.on} answered ${String(verdict)}`);
  }
}

/** The rules as `validation` blocks, grouped by the variable that carries each. */
export function crossFieldValidations<P>(
  rules: readonly CrossFieldRule<P>[],
  settings: Settings,
  props: P,
): Record<string, Array<{ condition: string; errorMessage: string }>> {
  const byVariable: Record<string, Array<{ condition: string; errorMessage: string }>> = {};
  const words: MessageWords = {
    name: (prop) => variableOf(settings, prop),
    value: (prop) => `\${${shownValue(`var.${variableOf(settings, prop)}`)}}`,
  };
  for (const rule of rules) {
    const condition = rule.holds(props);
    if (typeof condition === "boolean") {
      throw new Error(`Rule on ${rule.on} does not depend on any variable (it is always ${condition}).`);
    }
    const variable = variableOf(settings, rule.on);
    (byVariable[variable] ??= []).push({ condition, errorMessage: rule.message(words) });
  }
  return byVariable;
}
