/**
 * JSON-valued attributes (ECS container definitions, chart values) as `jsonencode({ ... })` over a
 * structured value, so the configuration holds an object a reader can follow rather than JSON text.
 *
 * cdktf 0.21 writes a string literal inside a function call as HCL text with only newlines and `${`
 * escaped: a quote, a backslash or a `%{` in the text would end the string, start an escape or open a
 * template directive (a shell command breaks the configuration). {@link jsonencode} escapes those itself
 * first and leaves `${` to cdktf, whose `$${` is right; Terraform's own plan of the result is the test.
 */
import { Fn, IResolvable, Token } from "cdktf";
import { escapeHclText } from "./hcl-string";

/** A cdktf token marker inside a string (what a reference becomes until synth resolves it). */
const TOKEN_MARKER = "${TfToken[";

/** HCL string escapes cdktf leaves out; `${` is left for cdktf, which writes `$${`. */
function escapeHclString(text: string): string {
  if (text.includes(`$${TOKEN_MARKER}`)) {
    // HCL cannot write a literal "$" right before an interpolation ("$${" is the escape for "${").
    throw new Error(`jsonencode: a literal "$" directly before a Terraform reference cannot be written: ${text}`);
  }
  // `${` is left for cdktf, which writes `$${`; a `%{` would open a directive.
  return escapeHclText(text).replace(/%\{/g, () => "%%{");
}

/** `null` as a list element: cdktf 0.21 writes nothing there (`[1, , 2]`, which Terraform refuses). */
const NULL_ELEMENT: IResolvable = { creationStack: [], resolve: () => "null", toString: () => "null" };

/**
 * Every string literal of a plain value (objects, arrays, nested) escaped for HCL. Tokens are left as
 * they are: a reference or a function call renders its own arguments, so literals meant for one go
 * through this before the call is built.
 */
export function hclStringLiterals<T>(value: T): T {
  if (typeof value === "string") return escapeHclString(value) as T;
  if (value === null || typeof value !== "object" || Token.isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.map((item) => (item == null ? NULL_ELEMENT : hclStringLiterals(item))) as T;
  // cdktf writes object keys as they are, `${` included.
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      escapeHclString(key).split("${").join("$${"),
      hclStringLiterals(item),
    ]),
  ) as T;
}

/**
 * `jsonencode(<value>)` with the value written as an HCL object: known strings, numbers and booleans as
 * literals (JSON strings, numbers and booleans after encoding), references and function calls as
 * expressions, so a boolean variable stays a JSON boolean.
 */
export function jsonencode(value: unknown): string {
  return Fn.jsonencode(hclStringLiterals(value));
}
