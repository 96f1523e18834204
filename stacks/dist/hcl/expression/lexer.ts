/**
 * A tokenizer for HCL native-syntax expressions, shared by the template splitter, the formatter and the
 * canonical form. It knows exactly as much of HCL as finding where an expression ends needs: a quoted
 * string is one token, and the `${ ... }` / `%{ ... }` sequences inside it are skipped by scanning their
 * expressions recursively, so a `}` or `"` inside a nested template never ends the outer expression.
 * Heredocs and comments are not part of the Terraform JSON that cdktf writes, so they are rejected clearly.
 */

/** The kinds of token an HCL expression is made of. */
export type TokenKind = "identifier" | "number" | "string" | "operator" | "punctuation" | "newline";

/** One token: its kind, its exact source text and where it starts and ends (`end` exclusive) in the source. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Multi-character operators first: the scanner takes the longest operator that matches. */
const OPERATORS = ["...", "==", "!=", "<=", ">=", "&&", "||", "=>", "!", "?", ":", "+", "-", "*", "/", "%", "<", ">"];
const PUNCTUATION = "()[]{},.=";
/** Operators that start with a punctuation character (`...`, `==`, `=>`): they win over the punctuation. */
const LONG_OPERATORS = ["...", "==", "=>"];

/** HCL identifiers: a letter or `_`, then letters, digits, `_` and `-` (Unicode letters are allowed, as in HCL). */
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_-]*/uy;
/** A decimal number; a `.` only belongs to it when a digit follows (so `a.0.b` keeps its dots as punctuation). */
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Where an expression scan ended: the tokens and the index of the character that stopped it. */
export interface ScanResult {
  readonly tokens: Token[];
  /** Index of the closing `}` (or of the `~` of a closing `~}`) that ended the expression, or `source.length`. */
  readonly end: number;
}

/**
 * Tokenizes `source` from `start`. With `untilBrace`, the scan stops at the first `}` (or `~}`) that does not
 * close a `{` opened inside the expression: that is how the end of a `${ ... }` or `%{ ... }` is found.
 * Throws an Error naming the position on a character HCL does not allow here, an unterminated string, or (with
 * `untilBrace`) a missing closing brace.
 */
export function scanExpression(source: string, start = 0, untilBrace = false): ScanResult {
  const tokens: Token[] = [];
  let depth = 0;
  let i = start;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: source.slice(i, end), start: i, end });
    i = end;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === " " || c === "\t") {
      i++;
    } else if (c === "\n" || (c === "\r" && source[i + 1] === "\n")) {
      push("newline", c === "\r" ? i + 2 : i + 1);
    } else if (c === '"') {
      push("string", scanQuoted(source, i));
    } else if (untilBrace && depth === 0 && (c === "}" || (c === "~" && source[i + 1] === "}"))) {
      return { tokens, end: i };
    } else if (c === "#" || source.startsWith("//", i) || source.startsWith("/*", i)) {
      throw new Error(`HCL expression: unexpected ${describe(source, i)} at position ${i} (comments are not supported)`);
    } else if (PUNCTUATION.includes(c) && !LONG_OPERATORS.some((op) => source.startsWith(op, i))) {
      if (c === "{") depth++;
      if (c === "}") depth--;
      push("punctuation", i + 1);
    } else if (matchAt(NUMBER, source, i)) {
      push("number", i + matchAt(NUMBER, source, i));
    } else if (matchAt(IDENTIFIER, source, i)) {
      push("identifier", i + matchAt(IDENTIFIER, source, i));
    } else {
      const operator = OPERATORS.find((op) => source.startsWith(op, i));
      if (operator === undefined || (operator === "<" && source.startsWith("<<", i))) {
        throw new Error(`HCL expression: unexpected ${describe(source, i)} at position ${i}${unsupportedHint(source, i)}`);
      }
      push("operator", i + operator.length);
    }
  }
  if (untilBrace) throw new Error(`HCL expression: missing closing "}" for the expression starting at position ${start}`);
  return { tokens, end: i };
}

/** Tokenizes a whole expression; throws on anything {@link scanExpression} rejects (bracket balance is the parser's job). */
export function tokenize(expression: string): Token[] {
  return scanExpression(expression).tokens;
}

/**
 * Returns the index just past the closing quote of the quoted template string that opens at `open`.
 * Backslash escapes are skipped, `$${` and `%%{` are literal text, and `${ ... }` / `%{ ... }` are scanned as
 * expressions, so they may hold their own strings, braces and quotes.
 */
export function scanQuoted(source: string, open: number): number {
  let i = open + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === '"') return i + 1;
    if (c === "\\") i += 2;
    else if ((c === "$" || c === "%") && source.startsWith(`${c}${c}{`, i)) i += 3;
    else if ((c === "$" || c === "%") && source[i + 1] === "{") i = closeSequence(source, i);
    else if (c === "\n") break;
    else i++;
  }
  throw new Error(`HCL expression: unterminated quoted string starting at position ${open}`);
}

/**
 * For a `${` or `%{` at `open`, returns the index just past its closing `}` (or `~}`). Throws naming `open` when
 * the sequence is not closed.
 */
export function closeSequence(source: string, open: number): number {
  const bodyStart = source[open + 2] === "~" ? open + 3 : open + 2;
  let scan: ScanResult;
  try {
    scan = scanExpression(source, bodyStart, true);
  } catch (error) {
    const kind = source[open] === "$" ? "interpolation" : "directive";
    const message = `unterminated template ${kind} "${source.slice(open, open + 2)}" at position ${open}: ${(error as Error).message}`;
    throw new Error(message, { cause: error });
  }
  return source[scan.end] === "~" ? scan.end + 2 : scan.end + 1;
}

function matchAt(pattern: RegExp, source: string, index: number): number {
  pattern.lastIndex = index;
  const match = pattern.exec(source);
  return match === null ? 0 : match[0].length;
}

function describe(source: string, index: number): string {
  return JSON.stringify(source.slice(index, index + 1));
}

function unsupportedHint(source: string, index: number): string {
  if (source.startsWith("<<", index)) return " (heredocs are not supported in expressions)";
  return "";
}
