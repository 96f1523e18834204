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
 * An optional object whose presence only Terraform knows (a nullable object variable): its fields are
 * expressions over the variable, and {@link isPresent} answers with `condition`.
 */
export function presentWhen<T extends object>(condition: Condition, fields: T): T {
  Object.defineProperty(fields, PRESENT_WHEN, { value: condition, enumerable: false });
  return fields;
}

/** Whether an optional value is given: `undefined` is absent, {@link presentWhen} objects ask Terraform. */
export function isPresent(value: unknown): Condition {
  if (value === undefined || value === null) return false;
  if (typeof value === "object" && PRESENT_WHEN in value) return (value as Record<symbol, Condition>)[PRESENT_WHEN];
  if (isToken(value) || Token.isUnresolved(value)) return Token.asString(Op.neq(value, Token.nullValue()));
  return true;
}

/** Typed tokens, not a bare IResolvable: a bare one serializes as "<unresolved-token>" in JSON.stringify. */
function typed<T>(sample: T, expression: unknown): T {
  if (typeof sample === "string") return Token.asString(expression) as T;
  if (typeof sample === "number") return Token.asNumber(expression) as T;
  if (Array.isArray(sample)) return Token.asList(expression) as T;
  return Token.asAny(expression) as T;
}

/**
 * `condition ? whenTrue() : whenFalse()`. Lazy: with a known condition only the chosen branch is built
 * (the other may refer to a block that does not exist); with a Terraform condition both are.
 */
export function choose<T>(condition: Condition, whenTrue: () => T, whenFalse: () => T): T {
  if (typeof condition === "boolean") return condition ? whenTrue() : whenFalse();
  const yes = whenTrue();
  const no = whenFalse();
  return typed(yes === undefined || yes === null ? no : yes, Fn.conditional(condition, yes, no));
}

/** `a && b`. */
export function all(...conditions: Condition[]): Condition {
  if (conditions.some((c) => c === false)) return false;
  const open = conditions.filter((c): c is string => c !== true);
  if (open.length === 0) return true;
  return open.reduce((a, b) => Token.asString(Op.and(a, b)));
}

/** `a || b`. */
export function any(...conditions: Condition[]): Condition {
  if (conditions.some((c) => c === true)) return true;
  const open = conditions.filter((c): c is string => c !== false);
  if (open.length === 0) return false;
  return open.reduce((a, b) => Token.asString(Op.or(a, b)));
}

/** `!a`. */
export function not(condition: Condition): Condition {
  return typeof condition === "boolean" ? !condition : Token.asString(Op.not(condition));
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
