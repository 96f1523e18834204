/**
 * Compares a Terraform JSON configuration (what cdktf synthesized) with an HCL rendering of it, parsed back by
 * `@cdktf/hcl2json` (the WASM build of the HCL parser Terraform uses) and normalized by `parseHcl`. Two
 * configurations are equivalent when every block, argument and value is there on both sides and means the same:
 * - strings are compared as Terraform templates: the same literal text and, interpolation by interpolation, the
 *   same expression up to layout (`canonicalExpression`: whitespace, line breaks, trailing commas, `"key"` vs
 *   `key`, the parentheses a formatter adds);
 * - constants (descriptions, defaults, `source`) are compared as the literal text Terraform reads;
 * - references and keywords (`depends_on`, `ignore_changes`, `when = destroy`) as expressions;
 * - a block written once (`lifecycle {}`) equals the JSON object of that block, as Terraform reads both.
 * The result lists every difference with its path, so a failing test says exactly what changed meaning.
 */
import { canonicalExpression } from "../../stacks/dist/hcl/expression/canonical";
import { tokenize } from "../../stacks/dist/hcl/expression/lexer";
import { parseExpression } from "../../stacks/dist/hcl/expression/parser";
import { splitTemplate } from "../../stacks/dist/hcl/expression/template";

type Value = unknown;
type Mode = "template" | "literal" | "bare";

const BARE_LISTS = new Set(["depends_on", "ignore_changes", "replace_triggered_by"]);
const BARE_VALUES = new Set(["provider", "iterator", "when", "on_failure"]);

/** How the strings at `path` are read by Terraform. */
function modeAt(path: string[]): Mode {
  const [kind, , key] = path;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (kind === "terraform") return "literal";
  if (kind === "variable" && (key === "description" || key === "default")) return "literal";
  if (kind === "variable" && key === "type") return "bare";
  if (kind === "output" && key === "description") return "literal";
  if (kind === "module" && (key === "source" || key === "version")) return "literal";
  if (BARE_LISTS.has(parent) || BARE_LISTS.has(last)) return "bare";
  if (BARE_VALUES.has(last) && path.length >= 3) return "bare";
  if (kind === "module" && path[2] === "providers") return "bare";
  return "template";
}

/** A JSON-syntax string read as an expression: `x.y` and `${x.y}` are the same reference. */
function bareExpression(text: string): string {
  const parts = splitTemplate(text);
  const only = parts.length === 1 && parts[0].kind === "interpolation" ? parts[0].expression : text;
  return canonicalExpression(only);
}

/**
 * The template `text` in canonical form: literal text, directives and interpolations (each expression
 * canonical), with an interpolation whose expression is a conditional written as the `%{if}` directive it
 * equals. hcl2json prints `${c ? "a" : ""}` as `%{if c}a%{endif}`; both sides go through the same expansion,
 * so the comparison does not depend on which spelling either side used.
 */
function canonicalTemplate(text: string): string {
  return mergeLiterals(templateSegments(text)).join("");
}

function templateSegments(text: string): string[] {
  return splitTemplate(text).flatMap((part): string[] => {
    if (part.kind === "literal") return [`L(${part.text})`];
    if (part.kind === "directive") return [directiveSegment(part.text)];
    const strip = `${part.stripLeft ? "~" : ""}${part.stripRight ? "~" : ""}`;
    const branches = strip ? undefined : conditionalParts(part.expression);
    if (branches) {
      const otherwise = branchSegments(branches.otherwise);
      return [
        `IF(${canonicalExpression(branches.condition)})`,
        ...branchSegments(branches.then),
        ...(otherwise.length ? ["ELSE", ...otherwise] : []),
        "ENDIF",
      ];
    }
    // hcl2json folds a constant string interpolation into text (`${"}"}` → `}`): so does the canonical form.
    const parsed = strip ? undefined : parseExpression(part.expression);
    if (parsed?.type === "string" && !/[$%]\{/.test(parsed.text)) return [`L(${unquote(parsed.text)})`];
    return [`I(${strip}${canonicalExpression(part.expression)})`];
  });
}

/** The source of a top-level conditional's condition and branches (`c ? a : b`), or undefined for anything else. */
function conditionalParts(expression: string): { condition: string; then: string; otherwise: string } | undefined {
  const parsed = parseExpression(expression);
  // The formatter wraps a conditional it breaks over lines in parentheses; they change nothing.
  if (parsed.type === "parens" && parsed.inner.type === "conditional") {
    const trimmed = expression.trim();
    return conditionalParts(trimmed.slice(1, -1));
  }
  if (parsed.type !== "conditional") return undefined;
  const tokens = tokenize(expression);
  let depth = 0;
  let question = -1;
  let pending = 0;
  for (const token of tokens) {
    if (token.kind === "punctuation" && "([{".includes(token.text)) depth++;
    else if (token.kind === "punctuation" && ")]}".includes(token.text)) depth--;
    else if (depth === 0 && token.kind === "operator" && token.text === "?") {
      if (question < 0) question = token.start;
      else pending++;
    } else if (depth === 0 && token.kind === "operator" && token.text === ":" && question >= 0) {
      if (pending > 0) pending--;
      else
        return {
          condition: expression.slice(0, question),
          then: expression.slice(question + 1, token.start),
          otherwise: expression.slice(token.end),
        };
    }
  }
  return undefined;
}

/** A conditional's branch as template segments: a string's own template, a literal's text, or an interpolation. */
function branchSegments(branch: string): string[] {
  const parsed = parseExpression(branch);
  if (parsed.type === "string") return templateSegments(unquote(parsed.text));
  if (parsed.type === "literal" && parsed.text !== "null") return [`L(${parsed.text})`];
  return [`I(${canonicalExpression(branch)})`];
}

function directiveSegment(text: string): string {
  const body = text.replace(/^%\{~?\s*/, "").replace(/\s*~?\}$/, "");
  if (body === "else") return "ELSE";
  if (body === "endif") return "ENDIF";
  if (body.startsWith("if ")) return `IF(${canonicalExpression(body.slice(3))})`;
  return `D(${body.replace(/\s+/g, " ")})`;
}

/** An HCL quoted string's template content, its backslash escapes resolved (hcl2json resolves them too). */
function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[escape] ?? escape;
  });
}

function mergeLiterals(segments: string[]): string[] {
  const out: string[] = [];
  for (const segment of segments) {
    const previous = out[out.length - 1];
    if (previous?.startsWith("L(") && segment.startsWith("L("))
      out[out.length - 1] = `${previous.slice(0, -1)}${segment.slice(2)}`;
    else if (segment !== "L()") out.push(segment);
  }
  return out;
}

/** hcl2json keeps a constant's template escapes (`$${`); the value Terraform reads has them resolved. */
function literalValue(text: string): string {
  return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

function isObject(value: Value): value is Record<string, Value> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** hcl2json groups provisioners by type (`{"local-exec": [...]}`); JSON lists them (`[{"local-exec": {...}}]`). */
function provisionersAsJson(value: Value): Value {
  if (!isObject(value)) return value;
  return Object.entries(value).flatMap(([type, bodies]) =>
    (Array.isArray(bodies) ? bodies : [bodies]).map((body) => ({ [type]: body })),
  );
}

/** Every difference in meaning between the JSON configuration `json` and the parsed HCL `hcl`. */
export function configDifferences(json: Value, hcl: Value, path: string[] = []): string[] {
  const where = path.join(".") || "(root)";
  const last = path[path.length - 1];
  if (last === "provisioner") hcl = provisionersAsJson(hcl);
  if (typeof json === "string") {
    if (typeof hcl !== "string") return [`${where}: JSON ${JSON.stringify(json)}, HCL ${JSON.stringify(hcl)}`];
    const mode = modeAt(path);
    const same =
      mode === "literal"
        ? json === literalValue(hcl)
        : mode === "bare"
          ? bareExpression(json) === bareExpression(hcl)
          : canonicalTemplate(json) === canonicalTemplate(hcl);
    return same ? [] : [`${where} (${mode}): JSON ${JSON.stringify(json)}\n  HCL  ${JSON.stringify(hcl)}`];
  }
  if (json === null || typeof json !== "object")
    return json === hcl ? [] : [`${where}: JSON ${JSON.stringify(json)}, HCL ${JSON.stringify(hcl)}`];
  if (Array.isArray(json)) {
    if (!Array.isArray(hcl)) return [`${where}: JSON has a list of ${json.length}, HCL ${JSON.stringify(hcl)}`];
    const list: unknown[] = hcl;
    if (json.length !== list.length) return [`${where}: JSON has ${json.length} items, HCL ${list.length}`];
    return json.flatMap((item, i) => configDifferences(item, list[i], [...path, String(i)]));
  }
  // A block: JSON writes one as an object, hcl2json as a list of one body.
  if (Array.isArray(hcl) && hcl.length === 1 && isObject(hcl[0])) hcl = hcl[0];
  if (!isObject(hcl)) return [`${where}: JSON has an object, HCL ${JSON.stringify(hcl)}`];
  const object = json as Record<string, Value>;
  const parsed = hcl;
  const out: string[] = [];
  for (const key of Object.keys(object)) {
    if (!(key in parsed)) out.push(`${where}.${key}: in the JSON, missing from the HCL`);
    else out.push(...configDifferences(object[key], parsed[key], [...path, key]));
  }
  for (const key of Object.keys(parsed)) if (!(key in object)) out.push(`${where}.${key}: in the HCL, not in the JSON`);
  return out;
}
