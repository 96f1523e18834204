/**
 * Terraform JSON strings as HCL. In Terraform's JSON syntax a string is a template wherever HCL would take an
 * expression, and a plain literal where HCL takes a constant (descriptions, defaults, `source`). Each needs a
 * different spelling in HCL to mean the same:
 * - a template that is exactly one `${expr}` is the expression's own value, so it is written bare;
 * - any other template keeps its interpolations verbatim and escapes only its literal text;
 * - a literal has its `${` and `%{` escaped, so nothing in it is ever read as an interpolation.
 */
import { escapeHclText, hclString, isControlCharacter } from "../../../modules/terraform/hcl-string";
import { formatExpression } from "./expression/format";
import { singleInterpolation, splitTemplate } from "./expression/template";

/** How wide generated lines may be before expressions are broken over several lines. */
export const LINE_WIDTH = 100;

/** A heredoc delimiter that no line of `text` equals. */
function heredocDelimiter(text: string): string {
  const lines = new Set(text.split("\n").map((line) => line.trim()));
  let delimiter = "EOT";
  for (let n = 2; lines.has(delimiter); n++) delimiter = `EOT${n}`;
  return delimiter;
}

/**
 * A heredoc is only the same string when the template ends with a newline (a heredoc always ends with one) and
 * its literal text has no characters a heredoc cannot carry verbatim (it processes no backslash escapes).
 */
function heredocFits(template: string): boolean {
  const verbatim = [...template].every((ch) => ch === "\n" || ch === "\t" || !isControlCharacter(ch));
  return template.endsWith("\n") && template.split("\n").length > 2 && verbatim;
}


/**
 * A Terraform JSON template string as an HCL expression on lines indented by `indent`, starting at `column`: a bare (formatted) expression, a
 * heredoc for multi-line text (only where nothing follows it on its closing line: `allowHeredoc`), or a quoted
 * template.
 */
export function templateExpression(template: string, indent: number, allowHeredoc = true, column = indent): string {
  const only = singleInterpolation(template);
  if (only !== undefined) return formatExpression(only, { indent, width: LINE_WIDTH, column });
  const parts = splitTemplate(template);
  if (allowHeredoc && heredocFits(template)) {
    const delimiter = heredocDelimiter(template);
    const body = parts.map((part) => (part.kind === "literal" ? part.text : sourceOf(part))).join("");
    return `<<${delimiter}\n${body}${delimiter}`;
  }
  return `"${parts.map((part) => (part.kind === "literal" ? escapeHclText(part.text) : sourceOf(part))).join("")}"`;
}

/** The source text of an interpolation or directive, as it was in the template. */
function sourceOf(part: ReturnType<typeof splitTemplate>[number]): string {
  if (part.kind === "interpolation")
    return `\${${part.stripLeft ? "~" : ""}${part.expression}${part.stripRight ? "~" : ""}}`;
  if (part.kind === "directive") return part.text;
  return part.text;
}

/** A constant string (never a template) as an HCL quoted string: its `${` and `%{` are escaped. */
export const literalString = hclString;

/** True for names HCL accepts bare as an object key or argument name. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !["for", "if", "in", "null", "true", "false"].includes(name);
}
