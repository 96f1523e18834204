/**
 * Values that are either known in TypeScript or only known to Terraform (a module variable). These
 * helpers compute the result directly for known values, so deployable stacks stay readable, and emit the
 * equivalent Terraform expression for tokens, so modules stay correct. Both paths are tested.
 */
import { Fn, Token } from "cdktf";

function isUnresolved(value: unknown): boolean {
  return (typeof value === "string" || typeof value === "number") && Token.isUnresolved(value);
}

/** `condition ? whenTrue : whenFalse`, for a boolean or a Terraform boolean expression. */
export function ifElse<T>(condition: boolean | string, whenTrue: T, whenFalse: T): T {
  if (typeof condition === "boolean") return condition ? whenTrue : whenFalse;
  return Fn.conditional(condition, whenTrue, whenFalse) as T;
}

/** `table[key]`, for a known key or a Terraform string expression (then `lookup(table, key)`). */
export function lookupIn<V extends string | number>(table: Readonly<Record<string, V>>, key: string): V {
  if (!isUnresolved(key)) {
    if (!(key in table)) throw new Error(`No entry "${key}" in ${Object.keys(table).join(", ")}`);
    return table[key];
  }
  const value = Fn.lookup(Token.asAny({ ...table }), key);
  return (typeof Object.values(table)[0] === "number" ? Token.asNumber(value) : Token.asString(value)) as V;
}

/** A number or numeric expression as a string. */
export function asString(value: number | string): string {
  return isUnresolved(value) ? Fn.tostring(value) : String(value);
}
