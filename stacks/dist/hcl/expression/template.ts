/**
 * Splits a Terraform template (a string value of Terraform JSON, already JSON-decoded) into its literal text,
 * `${ ... }` interpolations and `%{ ... }` directives. The JSON syntax applies no backslash escapes of its own
 * to the decoded string, so the only escapes here are the template ones: `$${` and `%%{`.
 */
import { closeSequence } from "./lexer";

/**
 * One part of a template. A literal's `text` is the raw template text (escapes `$${` / `%%{` kept as written);
 * an interpolation's `expression` is the text between `${` / `}` (strip markers `~` removed, surrounding
 * whitespace trimmed); a directive's `text` is its whole `%{ ... }` source.
 */
export type TemplatePart =
  | { kind: "literal"; text: string }
  | { kind: "interpolation"; expression: string; stripLeft: boolean; stripRight: boolean }
  | { kind: "directive"; text: string };

/**
 * Splits `template` into parts, in order. Adjacent literal text is one part; the parts' source texts joined
 * give back the template. Throws an Error naming the position of an unterminated `${` or `%{`.
 */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literalStart = 0;
  let i = 0;
  const flushLiteral = (end: number) => {
    if (end > literalStart) parts.push({ kind: "literal", text: template.slice(literalStart, end) });
  };
  while (i < template.length) {
    const c = template[i];
    if ((c === "$" || c === "%") && template.startsWith(`${c}${c}{`, i)) {
      i += 3; // an escaped `${` / `%{` is literal text
    } else if ((c === "$" || c === "%") && template[i + 1] === "{") {
      flushLiteral(i);
      const end = closeSequence(template, i);
      if (c === "%") {
        parts.push({ kind: "directive", text: template.slice(i, end) });
      } else {
        const stripLeft = template[i + 2] === "~";
        const stripRight = template[end - 2] === "~";
        const expression = template.slice(stripLeft ? i + 3 : i + 2, stripRight ? end - 2 : end - 1).trim();
        parts.push({ kind: "interpolation", expression, stripLeft, stripRight });
      }
      i = end;
      literalStart = end;
    } else {
      i++;
    }
  }
  flushLiteral(template.length);
  return parts;
}

/**
 * The expression when the whole template is exactly one `${ expr }` without strip markers: Terraform then
 * yields the expression's value unchanged (not converted to a string), so HCL can write the expression bare.
 * Otherwise undefined.
 */
export function singleInterpolation(template: string): string | undefined {
  const parts = splitTemplate(template);
  const [only] = parts;
  if (parts.length !== 1 || only.kind !== "interpolation" || only.stripLeft || only.stripRight) return undefined;
  return only.expression;
}
