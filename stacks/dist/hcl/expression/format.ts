/**
 * Lays out an HCL expression for reading: one line when it fits, otherwise broken inside its brackets, in the
 * layout `terraform fmt` (hclwrite) keeps: every bracket that ends a line indents the lines after it one level
 * and its closer starts a line; object items one per line with their `=` aligned the way hclwrite aligns them.
 * Only spacing (also inside the `${ }` / `%{ }` of quoted strings, which terraform fmt respaces), line breaks,
 * parentheses around a whole operation and the spelling of object keys change, never the meaning (canonical.ts
 * states the equivalence the tests check). Lines too long are left where nothing can break: a long quoted string,
 * a long reference, an object-for key, the right side of `x == <short>` and an index key stay on one line.
 */
import { type Doc, fill, flat, group, ifBreak, indent, join, line, printDoc, softline } from "./doc";
import { scanExpression } from "./lexer";
import { type Expression, type ObjectItem, type Step, parseExpression, precedence } from "./parser";
import { parseDirective, splitTemplate } from "./template";

/** Layout options: `indent` is the indentation of the line the expression starts on, `width` the line width. */
export interface FormatOptions {
  /** Columns of indentation of the line the expression starts on; broken lines indent 2 columns per level from it. */
  readonly indent: number;
  /** The widest a line should be (columns), where the expression can be broken. */
  readonly width: number;
  /**
   * The column the expression's first character is at (after `name = ` on an attribute line).
   * @default indent
   */
  readonly column?: number;
}

/** Names that cannot be an object key written bare: `for` starts a for-expression, the others are keywords/literals. */
const RESERVED_KEYS = new Set(["for", "if", "in", "null", "true", "false"]);
const BARE_KEY = /^"([A-Za-z_][A-Za-z0-9_-]*)"$/;

/**
 * Formats an HCL expression (no surrounding `${ }`) to text meaning exactly the same. Throws an Error naming the
 * position when `expression` is not a valid HCL expression.
 */
export function formatExpression(expression: string, options: FormatOptions): string {
  const doc = toDoc(parseExpression(expression), "attribute");
  const text = printDoc(doc, { indentation: options.indent, column: options.column ?? options.indent, width: options.width });
  return alignAssignments(text);
}

/**
 * Where an expression sits: where a newline would end it (an attribute value, an object item) an operation may
 * only break inside parentheses; inside `( )` and `[ ]` ("free") newlines are ignored by HCL.
 */
type Context = "attribute" | "free";

function toDoc(expression: Expression, context: Context): Doc {
  switch (expression.type) {
    case "literal":
      return expression.text;
    case "string":
      return `"${normalizeTemplate(expression.text.slice(1, -1))}"`;
    case "variable":
      return expression.name;
    case "traversal":
      return [toDoc(expression.base, "free"), ...expression.steps.map(stepDoc)];
    case "call":
      return callDoc(expression);
    case "tuple":
      if (expression.items.length === 0) return "[]";
      if (expression.items.every(isShortConstant)) {
        const words = expression.items.map((item, i) => `${(item as { text: string }).text}${i < expression.items.length - 1 ? "," : ""}`);
        return group(["[", indent([softline, fill(words, ",")]), softline, "]"]);
      }
      return group([
        "[",
        indent([softline, join([",", line], expression.items.map((item) => toDoc(item, "free"))), ifBreak(",")]),
        softline,
        "]",
      ]);
    case "object":
      return objectDoc(expression.items);
    case "for":
      return forDoc(expression);
    case "unary":
      return [expression.operator, toDoc(expression.operand, "attribute")];
    case "binary":
    case "conditional":
      return operationDoc(expression, context === "attribute" ? "optional" : "none");
    case "parens":
      if (isOperation(expression.inner)) return operationDoc(expression.inner, "always");
      return ["(", toDoc(expression.inner, "free"), ")"];
  }
}

function stepDoc(step: Step): Doc {
  switch (step.type) {
    case "attribute":
      return `.${step.name}`;
    case "legacyIndex":
      return `.${step.index}`;
    case "splat":
      return step.full ? "[*]" : ".*";
    case "index":
      // Flat: its line may start by closing the brackets of what it indexes (`)[`), and must not open others.
      return ["[", flat(toDoc(step.key, "attribute")), "]"];
  }
}

/** Calls whose only argument is a bracketed value hug it (`jsonencode({` ... `})`); others break one argument per line. */
function callDoc(call: Extract<Expression, { type: "call" }>): Doc {
  const expand = call.expandFinal ? "..." : "";
  if (call.args.length === 0) return `${call.name}()`;
  const [only] = call.args;
  if (call.args.length === 1 && isBracketed(only)) return [call.name, "(", toDoc(only, "free"), expand, ")"];
  // No trailing comma: older Terraform releases reject one after the last argument.
  const args = join([",", line], call.args.map((arg) => toDoc(arg, "free")));
  return group([call.name, "(", indent([softline, args, expand]), softline, ")"]);
}

/** The widest constant a tuple of constants packs several to a line. */
const SHORT_CONSTANT = 32;

/** A number, `true`/`false`/`null` or a string without interpolations, short enough to pack with others on a line. */
function isShortConstant(expression: Expression): boolean {
  if (expression.type === "literal") return true;
  return expression.type === "string" && expression.text.length <= SHORT_CONSTANT && !/[$%]\{/.test(expression.text);
}

function isBracketed(expression: Expression): boolean {
  return ["tuple", "object", "for"].includes(expression.type) || (expression.type === "call" && expression.args.length > 0);
}

function isOperation(expression: Expression): expression is Extract<Expression, { type: "binary" | "conditional" }> {
  return expression.type === "binary" || expression.type === "conditional";
}

/** An object: `{ a = 1, b = 2 }` on one line, or one `key = value` per line (keys padded for the widest, see below). */
function objectDoc(items: readonly ObjectItem[]): Doc {
  if (items.length === 0) return "{}";
  const keys = items.map((item) => keyText(item.key));
  const widest = Math.max(...keys.map((key) => key.length));
  const docs = items.map((item, i) => [
    keys[i],
    // Room for hclwrite's alignment of `=`, so the width check is never beaten by it (alignAssignments sets the real padding).
    ifBreak(" ".repeat(widest - keys[i].length)),
    " = ",
    toDoc(item.value, "attribute"),
  ]);
  return group(["{", indent([line, join([ifBreak("", ","), line], docs)]), line, "}"]);
}

/** An object key as written: a quoted key that is a plain name is written bare, which HCL reads as the same string. */
function keyText(key: Expression): string {
  if (key.type === "variable") return key.name;
  const bare = key.type === "string" ? BARE_KEY.exec(key.text) : null;
  if (bare !== null && !RESERVED_KEYS.has(bare[1])) return bare[1];
  return printDoc(toDoc(key, "free"), { indentation: 0, column: 0, width: Infinity });
}

/**
 * A for-expression: on one line, or broken after its opening bracket with the `for ... :` head, the result and
 * the `if` condition each starting a line (HCL ignores newlines inside the brackets). An object-for's key stays on
 * the line of its `=>`, since a key broken over lines would leave a line that closes a bracket and opens another,
 * which terraform fmt indents differently.
 */
function forDoc(expression: Extract<Expression, { type: "for" }>): Doc {
  const names = expression.keyVar === undefined ? expression.valueVar : `${expression.keyVar}, ${expression.valueVar}`;
  const part = (e: Expression) => toDoc(e, "attribute");
  const condition = expression.condition === undefined ? [] : [line, "if ", part(expression.condition)];
  const head = ["for ", names, " in ", part(expression.collection), " :", line];
  if (!expression.object) return group(["[", indent([softline, ...head, part(expression.value), ...condition]), softline, "]"]);
  const result = [flat(part(expression.key as Expression)), " => ", part(expression.value), expression.grouping ? "..." : ""];
  return group(["{", indent([line, ...head, ...result, ...condition]), line, "}"]);
}

/**
 * A binary chain or conditional: on one line, or one operand per line. Broken, it needs parentheses where a newline
 * would otherwise end it ("optional": added only when broken; "always": the source had them; "none": inside
 * brackets already, as a call argument or tuple item). A comparison with a short right side never breaks at its
 * operator (see chainParts): only inside its left side's brackets, so it needs no parentheses of its own.
 */
function operationDoc(expression: Extract<Expression, { type: "binary" | "conditional" }>, parens: "optional" | "always" | "none"): Doc {
  const attached = expression.type === "binary" ? attachedComparison(expression) : undefined;
  if (attached !== undefined) return parens === "always" ? ["(", attached, ")"] : attached;
  const parts = expression.type === "binary" ? chainParts(expression) : conditionalParts(expression);
  if (parens === "none") return group(parts);
  const [open, close] = parens === "always" ? ["(", ")"] : [ifBreak("("), ifBreak(")")];
  return group([open, indent([softline, parts]), softline, close]);
}

const COMPARISONS = new Set(["==", "!=", "<", ">", "<=", ">="]);
/** The widest right side of a comparison kept on the line of its operator. */
const ATTACHED_WIDTH = 24;

/**
 * `long(left) == 0` as one unit when the right side is short: breaking before `0` would put a lone constant on a
 * line, while breaking inside the left side's brackets keeps the comparison readable (`) == 0`).
 */
function attachedComparison(expression: Extract<Expression, { type: "binary" }>): Doc | undefined {
  if (!COMPARISONS.has(expression.operator)) return undefined;
  const right = toDoc(expression.right, "attribute");
  if (printDoc(right, { indentation: 0, column: 0, width: Infinity }).length > ATTACHED_WIDTH) return undefined;
  // Flat: a right side broken over lines would start on a line that closes the left side's brackets.
  return [toDoc(expression.left, "attribute"), ` ${expression.operator} `, flat(right)];
}

/** `a && b && c` (one precedence level, left-associative) as operands separated by breakable lines. */
function chainParts(expression: Extract<Expression, { type: "binary" }>): Doc[] {
  const level = precedence(expression.operator);
  const operands: Expression[] = [];
  const operators: string[] = [];
  let current: Expression = expression;
  while (current.type === "binary" && precedence(current.operator) === level) {
    operands.unshift(current.right);
    operators.unshift(current.operator);
    current = current.left;
  }
  operands.unshift(current);
  return operands.flatMap((operand, i) => [
    i === 0 ? [] : [line],
    toDoc(operand, "attribute"),
    i < operators.length ? ` ${operators[i]}` : [],
  ]);
}

/** `c ? a : b`, with a conditional in the else branch continuing the same chain (`: c2 ? a2 : b2`). */
function conditionalParts(expression: Extract<Expression, { type: "conditional" }>): Doc[] {
  const parts: Doc[] = [toDoc(expression.condition, "attribute")];
  let current: Expression = expression;
  while (current.type === "conditional") {
    parts.push(line, "? ", toDoc(current.then, "attribute"), line, ": ");
    const otherwise: Expression = current.otherwise;
    if (otherwise.type !== "conditional") parts.push(toDoc(otherwise, "attribute"));
    else parts.push(toDoc(otherwise.condition, "attribute"));
    current = otherwise;
  }
  return parts;
}

/**
 * Aligns `=` the way hclwrite does: consecutive lines whose first `=` starts a complete value (brackets balanced
 * from there to the end of the line) get their `=` in one column; every other first `=` gets one space before it.
 */
function alignAssignments(text: string): string {
  const lines = text.split("\n");
  const cells = lines.map((content, i) => (i === 0 ? undefined : assignmentCell(content)));
  for (let start = 0; start < lines.length; ) {
    if (cells[start]?.complete !== true) {
      const cell = cells[start];
      if (cell !== undefined) lines[start] = `${lines[start].slice(0, cell.leadEnd)} ${lines[start].slice(cell.equals)}`;
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && cells[end]?.complete === true) end++;
    const column = Math.max(...cells.slice(start, end).map((cell) => (cell as AssignmentCell).leadEnd));
    for (let i = start; i < end; i++) {
      const cell = cells[i] as AssignmentCell;
      lines[i] = `${lines[i].slice(0, cell.leadEnd)}${" ".repeat(column - cell.leadEnd + 1)}${lines[i].slice(cell.equals)}`;
    }
    start = end;
  }
  return lines.join("\n");
}

interface AssignmentCell {
  /** Index just past the last character before the `=` (its key). */
  readonly leadEnd: number;
  /** Index of the `=`. */
  readonly equals: number;
  /** Whether the brackets from the `=` to the end of the line balance: only then does hclwrite align it. */
  readonly complete: boolean;
}

function assignmentCell(content: string): AssignmentCell | undefined {
  const tokens = scanExpression(content).tokens;
  const at = tokens.findIndex((token, i) => i > 0 && token.kind === "punctuation" && token.text === "=");
  if (at < 0) return undefined;
  let net = 0;
  for (const token of tokens.slice(at)) {
    if (token.kind === "punctuation" && "([{".includes(token.text)) net++;
    if (token.kind === "punctuation" && ")]}".includes(token.text)) net--;
  }
  return { leadEnd: tokens[at - 1].end, equals: tokens[at].start, complete: net === 0 };
}

/**
 * A template with its `${ }` and `%{ }` sequences spaced the way terraform fmt spaces them (nothing just inside the
 * braces, each expression on one line in the formatter's spacing, strip markers kept); literal text untouched.
 * Works on a decoded Terraform JSON template, a heredoc body, or the inside of a quoted HCL string (its backslash
 * escapes are literal text to the splitter, and HCL has no backslash escape for `${`).
 */
export function normalizeTemplate(template: string): string {
  const oneLine = (expression: string) => formatExpression(expression, { indent: 0, width: Infinity });
  return splitTemplate(template)
    .map((part) => {
      if (part.kind === "literal") return part.text;
      if (part.kind === "interpolation") {
        return `\${${part.stripLeft ? "~" : ""}${oneLine(part.expression)}${part.stripRight ? "~" : ""}}`;
      }
      const directive = parseDirective(part.text);
      const head =
        directive.keyword === "for"
          ? `for ${directive.names.join(", ")} in ${oneLine(directive.expression as string)}`
          : directive.keyword === "if"
            ? `if ${oneLine(directive.expression as string)}`
            : directive.keyword;
      return `%{${directive.stripLeft ? "~" : ""}${head}${directive.stripRight ? "~" : ""}}`;
    })
    .join("");
}
