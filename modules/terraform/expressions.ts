/**
 * Values that are either known in TypeScript or only known to Terraform (a module variable). These
 * helpers compute the result directly for known values, so deployable stacks stay readable, and emit the
 * equivalent Terraform expression for tokens, so modules stay correct. Both paths are tested.
 */
import { Fn, Op, Token, ref } from "cdktf";

function isUnresolved(value: unknown): boolean {
  return (typeof value === "string" || typeof value === "number") && Token.isUnresolved(value);
}

/** `condition ? whenTrue : whenFalse`, for a boolean or a Terraform boolean expression. */
export function ifElse<T>(condition: boolean | string, whenTrue: T, whenFalse: T): T {
  if (typeof condition === "boolean") return condition ? whenTrue : whenFalse;
  const expression = Fn.conditional(condition, whenTrue, whenFalse);
  // Typed tokens, not a bare IResolvable: a bare one would serialize as "<unresolved-token>" in JSON.stringify.
  if (typeof whenTrue === "string") return Token.asString(expression) as T;
  if (typeof whenTrue === "number") return Token.asNumber(expression) as T;
  if (Array.isArray(whenTrue)) return Token.asList(expression) as T;
  return Token.asAny(expression) as T;
}

/** `table[key]`, for a known key or a Terraform string expression (then `lookup(table, key)`). */
export function lookupIn<V extends string | number>(table: Readonly<Record<string, V>>, key: string): V {
  if (!isUnresolved(key)) {
    if (!(key in table)) throw new Error(`No entry "${key}" in ${Object.keys(table).join(", ")}`);
    return table[key];
  }
  // A plain object renders as an HCL object literal inside a function call (Token.asAny would not).
  const value = Fn.lookup({ ...table } as unknown as string, key);
  return (typeof Object.values(table)[0] === "number" ? Token.asNumber(value) : Token.asString(value)) as V;
}

/** A number or numeric expression as a string. */
export function asString(value: number | string): string {
  return isUnresolved(value) ? Fn.tostring(value) : String(value);
}

/** A resource with a stable address (what the reference helpers below need). */
type Addressable = { terraformResourceType: string; friendlyUniqueId: string };

const address = (resource: Addressable) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;

/**
 * A list reference to an attribute of every instance of a counted resource: `type.name[*].attr`. Built with
 * cdktf's `ref`, so it renders correctly inside functions (a hand-written "${...}" string would not).
 */
export function splat(resource: Addressable, attribute: string): string[] {
  return Token.asList(ref(`${address(resource)}[*].${attribute}`));
}

/**
 * `one(type.name.<path>)` for a path through a nested list (`server_ca_cert[*].cert`): its only element, or
 * null while the list is empty, where `[0]` would fail the whole plan.
 */
export function onlyNested(resource: Addressable, path: string): string {
  return Token.asString(Fn.one(Token.asList(ref(`${address(resource)}.${path}`))));
}

/** A reference to one instance's attribute of a counted resource: `type.name[index].attr`. */
export function instanceAttribute(resource: Addressable, index: number, attribute: string): string {
  return Token.asString(ref(`${address(resource)}[${index}].${attribute}`));
}

/** `one(type.name[*].attr)`: the attribute of a resource that has a count of 0 or 1 (null when 0). */
export function optionalAttribute(resource: Addressable, attribute: string): string {
  return Token.asString(Fn.one(splat(resource, attribute)));
}

/**
 * `value == null` as a Terraform condition (for optional variables). Built with cdktf's operators: a token
 * pasted into a hand-written `${...}` string does not render.
 */
export function isNull(value: unknown): string {
  return Token.asString(Op.eq(value as string, Token.nullValue()));
}

/** `value * factor`, computed in TypeScript for numbers and by Terraform for expressions. */
export function times(value: number | string, factor: number): number {
  return isUnresolved(value) ? Token.asNumber(Op.mul(value as number, factor)) : Number(value) * factor;
}

/** Whether an optional value is set: known in TypeScript, or `value != null` for Terraform to decide. */
export function isSet(value: string | undefined): boolean | string {
  if (value === undefined) return false;
  return isUnresolved(value) ? Token.asString(Op.neq(value, Token.nullValue())) : true;
}

/** `a && b` over known booleans or Terraform conditions. */
export function and(a: boolean | string, b: boolean | string): boolean | string {
  if (typeof a === "boolean" && typeof b === "boolean") return a && b;
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  return Token.asString(Op.and(a, b));
}

/** `!a` over a known boolean or a Terraform condition. */
export function not(a: boolean | string): boolean | string {
  return typeof a === "boolean" ? !a : Token.asString(Op.not(a));
}

/** A `count` of 1 or 0 from a condition. */
export function countIf(condition: boolean | string): number {
  return Token.asNumber(ifElse(condition, 1, 0));
}
