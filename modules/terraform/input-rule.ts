/**
 * Input rules, written once and enforced twice: by the constructs at synth time (TypeScript users) and by
 * `validation` blocks in the published Terraform modules (plain-Terraform users). Both sides read the
 * same regular expression or list, so the two can never disagree.
 */
import { hclString } from "./hcl-string";
import { Token } from "cdktf";

/** Thrown for bad input at construction time; nothing is synthesized after it. */
export class MathesarInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MathesarInputError";
  }
}

/** A rule for one input, usable from TypeScript and from Terraform. */
export interface InputRule<T> {
  /** What is allowed, in words, completing the sentence "must be …". */
  readonly allowed: string;
  /** Whether a concrete value satisfies the rule. */
  test(value: T): boolean;
  /** A Terraform boolean expression (without `${}`) over `ref` that is true when the rule holds. */
  condition(ref: string): string;
}

/**
 * A rule over strings defined by an RE2-compatible regular expression (Terraform's `regex` uses RE2, so
 * no look-arounds or back-references), anchored at both ends.
 */
export function patternRule(pattern: string, allowed: string, maxLength?: number): InputRule<string> {
  const anchored = `^(?:${pattern})$`;
  const regex = new RegExp(anchored);
  return {
    allowed,
    test: (value) =>
      typeof value === "string" && regex.test(value) && (maxLength === undefined || value.length <= maxLength),
    condition: (ref) =>
      `can(regex(${hclString(anchored)}, ${ref}))` +
      (maxLength === undefined ? "" : ` && length(${ref}) <= ${maxLength}`),
  };
}

/** A rule that accepts one of a fixed list of strings. */
export function oneOfRule(values: readonly string[], what = "one of"): InputRule<string> {
  return {
    allowed: `${what} ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    test: (value) => values.includes(value),
    condition: (ref) => `contains([${values.map(hclString).join(", ")}], ${ref})`,
  };
}

/** A rule that accepts whole numbers between `min` and `max`, both included. */
export function integerRangeRule(min: number, max: number, unit = ""): InputRule<number> {
  const suffix = unit ? ` ${unit}` : "";
  return {
    allowed: `a whole number from ${min} to ${max}${suffix}`,
    test: (value) => Number.isInteger(value) && value >= min && value <= max,
    condition: (ref) => `${ref} >= ${min} && ${ref} <= ${max} && floor(${ref}) == ${ref}`,
  };
}

/** Renders the error for a failed rule the same way everywhere. */
export function describeViolation(prop: string, value: unknown, rule: Pick<InputRule<unknown>, "allowed">): string {
  return `Invalid ${prop} ${JSON.stringify(value)}: must be ${rule.allowed}.`;
}

/**
 * Checks a construct prop. Unresolved tokens (e.g. `var.x` in a module) are left to Terraform's
 * validation blocks, and `undefined` to the caller's defaults.
 */
export function checkProp<T>(prop: string, value: T | undefined, rule: InputRule<T>): void {
  if (value === undefined || isToken(value)) return;
  if (!rule.test(value)) throw new MathesarInputError(describeViolation(prop, value, rule));
}

/** Throws a {@link MathesarInputError} with `message` (for rules that relate several props). */
export function failInput(message: string): never {
  throw new MathesarInputError(message);
}

/** Checks every entry of a list prop (`prop[0]`, `prop[1]`, ...); a token list is left to Terraform. */
export function checkEachProp<T>(prop: string, values: readonly T[] | undefined, rule: InputRule<T>): void {
  if (values === undefined || isToken(values as unknown)) return;
  values.forEach((value, index) => checkProp(`${prop}[${index}]`, value, rule));
}

/** True when a value is (or contains) a cdktf token that only Terraform can resolve. */
export function isToken(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  // cdktf encodes a boolean token as an IResolvable typed `boolean` (TerraformVariable.booleanValue).
  return typeof value === "object" && value !== null && !Array.isArray(value) && Token.isUnresolved(value);
}

/**
 * The expression that shows a variable's value in an error message. Terraform evaluates the message even when
 * the condition holds (`terraform validate` of a module call): a field of a null object (`var.db.host` with
 * `db = null`) must not fail there, so a field reference falls back to "null". (HCL makes that failure an
 * error; Terraform JSON only warned, and says it will become an error.)
 */
export function shownValue(ref: string): string {
  return ref.split(".").length > 2 ? `try(jsonencode(${ref}), "null")` : `jsonencode(${ref})`;
}

/**
 * A Terraform `validation` block for a variable. `nullable` variables pass when null. The message names
 * the variable and what is allowed, like the TypeScript error.
 */
export function validationFor<T>(
  variable: string,
  rule: InputRule<T>,
  options: { nullable?: boolean; sensitive?: boolean } = {},
): { condition: string; errorMessage: string } {
  const ref = `var.${variable}`;
  const test = rule.condition(ref);
  // Terraform (>= 1.9) may interpolate the offending value into the message, except for sensitive ones.
  const shown = options.sensitive ? "" : ` \${${shownValue(ref)}}`;
  return {
    condition: options.nullable ? `\${${ref} == null ? true : (${test})}` : `\${${test}}`,
    errorMessage: `Invalid ${variable}${shown}: must be ${rule.allowed}.`,
  };
}

export { hclString } from "./hcl-string";
