/**
 * Terraform JSON values as HCL expressions. In an expression position, JSON strings are templates (see
 * strings.ts), objects are object constructors whose keys are templates too, arrays are tuples, and numbers,
 * booleans and null are themselves. In a constant position (a variable's default) strings are literals.
 */
import type { Json } from "../module-json";
import { LINE_WIDTH, isIdentifier, literalString, templateExpression } from "./strings";

/** Whether strings are templates (expressions) or plain literals (constants such as a variable's default). */
export type StringMode = "template" | "literal";

/** An object key: bare when HCL reads it as the same literal name, otherwise a quoted template or literal. */
export function objectKey(key: string, mode: StringMode): string {
  if (isIdentifier(key)) return key;
  return mode === "template" ? templateExpression(key, 0) : literalString(key);
}

/**
 * `value` as an HCL expression on lines indented by `indent`, its first character at `column` (after
 * `name = `); wide values are spread over lines. Only a whole argument's value may be a heredoc (inside a tuple
 * its closing line would need a comma).
 */
export function valueExpression(
  value: Json,
  indent: number,
  mode: StringMode = "template",
  topLevel = true,
  column = indent,
): string {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string")
    return mode === "template" ? templateExpression(value, indent, topLevel, column) : literalString(value);
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => valueExpression(item, inner, mode, false));
    const oneLine = `[${items.join(", ")}]`;
    if (fitsOnOneLine(oneLine, column)) return oneLine;
    return `[\n${items.map((item) => `${pad}${item},`).join("\n")}\n${" ".repeat(indent)}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const items = entries.map(([key, child]) => `${objectKey(key, mode)} = ${valueExpression(child, inner, mode, false)}`);
  const oneLine = `{ ${items.join(", ")} }`;
  if (fitsOnOneLine(oneLine, column) && entries.length <= 3) return oneLine;
  return `{\n${items.map((item) => `${pad}${item}`).join("\n")}\n${" ".repeat(indent)}}`;
}

function fitsOnOneLine(text: string, indent: number): boolean {
  return !text.includes("\n") && indent + text.length <= LINE_WIDTH;
}
