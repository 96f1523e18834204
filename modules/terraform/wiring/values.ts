/**
 * The vocabulary of a target's wiring: values that are either known in TypeScript (the construct flavour)
 * or Terraform expressions (the published module's flavour). Every operation here computes the answer
 * when its operands are known and emits the equivalent Terraform expression when they are not, so one
 * wiring serves both flavours. A condition is `boolean | string`: a known boolean, or a Terraform boolean
 * expression token.
 */
import { Fn, type IResolvable, Op, Token } from "cdktf";
import { isToken } from "../input-rule";

/** A known boolean, or a Terraform boolean expression (a string token). */
export type Condition = boolean | string;

const PRESENT_WHEN = Symbol("presentWhen");

/**
 * An optional object whose presence only Terraform knows: its fields are expressions, and
 * {@link isPresent} answers `present`; {@link isAbsent} answers `absent` (default `!present`), so a null
 * test reads `var.x == null` rather than `!(var.x != null)`.
 */
export function presentWhen<T extends object>(present: Condition, fields: T, absent?: Condition): T {
  Object.defineProperty(fields, PRESENT_WHEN, {
    value: { present, absent: absent ?? not(present) },
    enumerable: false,
  });
  return fields;
}

function nullTest(value: unknown, present: boolean): Condition {
  if (value === undefined || value === null) return !present;
  if (typeof value === "object" && PRESENT_WHEN in value) {
    const tests = (value as Record<symbol, { present: Condition; absent: Condition }>)[PRESENT_WHEN];
    return present ? tests.present : tests.absent;
  }
  if (!isToken(value) && !Token.isUnresolved(value)) return present;
  const operand = value as string;
  return Token.asString(present ? Op.neq(operand, Token.nullValue()) : Op.eq(operand, Token.nullValue()));
}

/** Whether an optional value is given: `undefined` is absent, tokens and {@link presentWhen} objects ask Terraform. */
export function isPresent(value: unknown): Condition {
  return nullTest(value, true);
}

/** Whether an optional value is absent (`value == null` for Terraform). */
export function isAbsent(value: unknown): Condition {
  return nullTest(value, false);
}

/** Typed tokens, not a bare IResolvable: a bare one serializes as "<unresolved-token>" in JSON.stringify. */
function typed<T>(sample: T, expression: unknown): T {
  if (typeof sample === "string") return Token.asString(expression) as T;
  if (typeof sample === "number") return Token.asNumber(expression) as T;
  if (Array.isArray(sample)) return Token.asList(expression) as T;
  return Token.asAny(expression) as T;
}

/**
 * `condition ? whenTrue() : whenFalse()`. cdktf renders it without parentheses (`a ? b : c ? 1 : 0` means
 * `a ? b : (c ? 1 : 0)`), so a `choose` result used as a condition or operand is grouped by {@link operand}.
 * Lazy: with a known condition only the chosen branch is built (the other may refer to a block that does
 * not exist); with a Terraform condition both are.
 */
export function choose<T>(condition: Condition, whenTrue: () => T, whenFalse: () => T): T {
  if (typeof condition === "boolean") return condition ? whenTrue() : whenFalse();
  const yes = whenTrue();
  const no = whenFalse();
  const result = typed(yes === undefined || yes === null ? no : yes, Fn.conditional(operand(condition), yes, no));
  if (typeof result === "string") CONDITIONALS.add(result);
  return result;
}

/** String tokens `choose` made: rendered without parentheses, so they are grouped where they are operands. */
const CONDITIONALS = new Set<string>();

/**
 * A condition ready to be an operand: a `choose` result wrapped in `tobool(...)` (its value, parenthesized
 * by the call), anything else as it is. `all`, `any`, `not` and the composers' `when` use it, so
 * `all(x, choose(c, a, b))` means `x && (c ? a : b)`, not `(x && c) ? a : b`.
 */
export function operand(condition: Condition): Condition {
  return typeof condition === "string" && CONDITIONALS.has(condition)
    ? Token.asString(Fn.tobool(condition))
    : condition;
}

/** `a && b`. */
export function all(...conditions: Condition[]): Condition {
  if (conditions.some((c) => c === false)) return false;
  const open = conditions.filter((c): c is string => c !== true);
  if (open.length === 0) return true;
  return open.map((c) => operand(c) as string).reduce((a, b) => Token.asString(Op.and(a, b)));
}

/** `a || b`. */
export function any(...conditions: Condition[]): Condition {
  if (conditions.some((c) => c === true)) return true;
  const open = conditions.filter((c): c is string => c !== false);
  if (open.length === 0) return false;
  return open.map((c) => operand(c) as string).reduce((a, b) => Token.asString(Op.or(a, b)));
}

/** `!a`. */
export function not(condition: Condition): Condition {
  return typeof condition === "boolean" ? !condition : Token.asString(Op.not(operand(condition)));
}

/**
 * A boolean prop as a condition: a known boolean, or a boolean variable's token (cdktf encodes those as an
 * IResolvable typed `boolean`), which is itself a Terraform condition.
 */
export function truthy(value: boolean | IResolvable | undefined, fallback = false): Condition {
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  return Token.asString(value);
}

/** `a == b`, computed for known values. */
export function equal(a: unknown, b: unknown): Condition {
  if (!isToken(a) && !isToken(b)) return a === b;
  return Token.asString(Op.eq(a, b));
}

/** `a != b`, computed for known values. */
export function differs(a: unknown, b: unknown): Condition {
  if (!isToken(a) && !isToken(b)) return a !== b;
  return Token.asString(Op.neq(a, b));
}

/** The first value that is not absent: TypeScript's `??`, Terraform's `coalesce` (for string values). */
export function firstOf(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return isToken(value) ? Token.asString(Fn.coalesce([value, fallback])) : value;
}

/** Whether `value` is one of `options`: `contains([...], value)` for Terraform. */
export function oneOf(value: string, options: readonly string[]): Condition {
  return isToken(value) ? Token.asString(Fn.contains([...options], value)) : options.includes(value);
}

/** Whether `value` ends with `suffix`. Never call it on a value that may be null in Terraform. */
export function endsWith(value: string, suffix: string): Condition {
  return isToken(value) || isToken(suffix) ? Token.asString(Fn.endswith(value, suffix)) : value.endsWith(suffix);
}

/** `a >= b` over numbers. */
export function atLeast(a: number, b: number): Condition {
  return isToken(a) || isToken(b) ? Token.asString(Op.gte(a, b)) : a >= b;
}
