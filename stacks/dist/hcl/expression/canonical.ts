/**
 * A canonical text for an HCL expression, to prove two spellings mean the same: it is the syntax tree written
 * with every operation fully parenthesized, so layout (spaces, newlines, trailing commas, `,` vs newline between
 * object items, `=` vs `:` in objects), quoted vs bare object keys and parentheses that change no grouping all
 * disappear, while anything that changes the tree changes the text. It is deliberately strict: spellings with
 * the same value but a different tree (`a[0]` vs `a.0`, `1` vs `1.0`, different escapes in a string) differ.
 * Inside quoted strings, the literal text is compared as written and each `${ }` / `%{ }` sequence by the
 * canonical form of what it holds (terraform fmt respaces them).
 */
import { type Expression, type Step, parseExpression } from "./parser";
import { parseDirective, splitTemplate } from "./template";

/** The canonical text of an HCL expression. Throws an Error naming the position when it does not parse. */
export function canonicalExpression(expression: string): string {
  return canonical(parseExpression(expression));
}

function canonical(expression: Expression): string {
  switch (expression.type) {
    case "literal":
      return expression.text;
    case "string":
      return `"${canonicalTemplate(expression.text.slice(1, -1))}"`;
    case "variable":
      return expression.name;
    case "traversal": {
      // Parentheses end a splat's reach (`(a[*].b)[0]` is not `a[*].b[0]`), so around a traversed base they stay.
      const base = expression.base.type === "parens" ? `(${canonical(expression.base.inner)})` : canonical(expression.base);
      return base + expression.steps.map(stepText).join("");
    }
    case "call":
      return `${expression.name}(${expression.args.map(canonical).join(",")}${expression.expandFinal ? "..." : ""})`;
    case "tuple":
      return `[${expression.items.map(canonical).join(",")}]`;
    case "object":
      return `{${expression.items.map((item) => `${keyText(item.key)}=${canonical(item.value)}`).join(",")}}`;
    case "for": {
      const names = expression.keyVar === undefined ? expression.valueVar : `${expression.keyVar},${expression.valueVar}`;
      const condition = expression.condition === undefined ? "" : ` if ${canonical(expression.condition)}`;
      const head = `for ${names} in ${canonical(expression.collection)}:`;
      if (!expression.object) return `[${head}${canonical(expression.value)}${condition}]`;
      const key = canonical(expression.key as Expression);
      return `{${head}${key}=>${canonical(expression.value)}${expression.grouping ? "..." : ""}${condition}}`;
    }
    case "unary":
      return `(${expression.operator}${canonical(expression.operand)})`;
    case "binary":
      return `(${canonical(expression.left)}${expression.operator}${canonical(expression.right)})`;
    case "conditional":
      return `(${canonical(expression.condition)}?${canonical(expression.then)}:${canonical(expression.otherwise)})`;
    case "parens":
      // The tree already holds the grouping the parentheses gave.
      return canonical(expression.inner);
  }
}

function stepText(step: Step): string {
  switch (step.type) {
    case "attribute":
      return `.${step.name}`;
    case "legacyIndex":
      return `.${step.index}`;
    case "splat":
      return step.full ? "[*]" : ".*";
    case "index":
      return `[${canonical(step.key)}]`;
  }
}

/**
 * An object key: a bare name is the literal string of that name (so `a` and `"a"` agree), while a parenthesized
 * key is evaluated (`(a)` is the value of `a`) and keeps a marker.
 */
function keyText(key: Expression): string {
  if (key.type === "variable") return JSON.stringify(key.name);
  if (key.type === "parens") return `(${canonical(key.inner)})`;
  return canonical(key);
}

/** A template's literal text as written, its interpolations and directives in canonical form. */
function canonicalTemplate(template: string): string {
  return splitTemplate(template)
    .map((part) => {
      if (part.kind === "literal") return part.text;
      const left = part.kind === "interpolation" ? part.stripLeft : parseDirective(part.text).stripLeft;
      const right = part.kind === "interpolation" ? part.stripRight : parseDirective(part.text).stripRight;
      const open = `${part.kind === "interpolation" ? "$" : "%"}{${left ? "~" : ""}`;
      const close = `${right ? "~" : ""}}`;
      if (part.kind === "interpolation") return `${open}${canonicalExpression(part.expression)}${close}`;
      const directive = parseDirective(part.text);
      const names = directive.names.length > 0 ? ` ${directive.names.join(",")} in` : "";
      const expression = directive.expression === undefined ? "" : ` ${canonicalExpression(directive.expression)}`;
      return `${open}${directive.keyword}${names}${expression}${close}`;
    })
    .join("");
}
