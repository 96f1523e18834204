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

/** A template directive taken apart: `%{ if cond }`, `%{ else }`, `%{ endif }`, `%{ for k, v in coll }`, `%{ endfor }`. */
export interface Directive {
  readonly keyword: "if" | "else" | "endif" | "for" | "endfor";
  readonly stripLeft: boolean;
  readonly stripRight: boolean;
  /** The loop's names (`k, v` or `v`) of a `for`; empty otherwise. */
  readonly names: readonly string[];
  /** The condition of an `if`, the collection of a `for`. */
  readonly expression?: string;
}

const NAME = "[\\p{L}_][\\p{L}\\p{N}_-]*";
const FOR_HEAD = new RegExp(`^for\\s+(${NAME})(?:\\s*,\\s*(${NAME}))?\\s+in\\s+([\\s\\S]+)$`, "u");

/** Takes apart a directive's source (`%{ ... }`, as splitTemplate returns it). Throws on an unknown directive. */
export function parseDirective(text: string): Directive {
  const stripLeft = text.startsWith("%{~");
  const stripRight = text.endsWith("~}");
  const body = text.slice(stripLeft ? 3 : 2, stripRight ? -2 : -1).trim();
  const keyword = /^[a-z]+/.exec(body)?.[0];
  const rest = body.slice(keyword?.length ?? 0).trim();
  if ((keyword === "else" || keyword === "endif" || keyword === "endfor") && rest === "") {
    return { keyword, stripLeft, stripRight, names: [] };
  }
  if (keyword === "if" && rest !== "" && /^\s/.test(body.slice(2))) return { keyword, stripLeft, stripRight, names: [], expression: rest };
  const loop = FOR_HEAD.exec(body);
  if (keyword === "for" && loop !== null) {
    const names = loop[2] === undefined ? [loop[1]] : [loop[1], loop[2]];
    return { keyword, stripLeft, stripRight, names, expression: loop[3].trim() };
  }
  throw new Error(`template directive ${JSON.stringify(text)}: expected if, else, endif, for or endfor`);
}
