/**
 * A parser for HCL native-syntax expressions (the part of HCL that Terraform JSON interpolations hold), into a
 * small syntax tree shared by the formatter and the canonical form. It follows hclsyntax's grammar: operator
 * precedence and left associativity, `? :` binding loosest, postfix attribute/index/splat steps, for-expressions,
 * and newlines that separate object items but are ignored inside `( )` and `[ ]`.
 * Quoted strings stay one opaque node (their raw source): nothing here rewrites the inside of a template.
 */
import { type Token, tokenize } from "./lexer";

/** An attribute, index or splat step after a term: `.name`, `[key]`, `.0` (legacy index), `.*` or `[*]`. */
export type Step =
  | { type: "attribute"; name: string }
  | { type: "index"; key: Expression }
  | { type: "legacyIndex"; index: string }
  | { type: "splat"; full: boolean };

/** One `key = value` item of an object constructor (`key : value` parses to the same item). */
export interface ObjectItem {
  readonly key: Expression;
  readonly value: Expression;
}

/** An HCL expression. `literal` holds numbers and `true` / `false` / `null`; `string` is a quoted template's source. */
export type Expression =
  | { type: "literal"; text: string }
  | { type: "string"; text: string }
  | { type: "variable"; name: string }
  | { type: "traversal"; base: Expression; steps: Step[] }
  | { type: "call"; name: string; args: Expression[]; expandFinal: boolean }
  | { type: "tuple"; items: Expression[] }
  | { type: "object"; items: ObjectItem[] }
  | {
      type: "for";
      object: boolean;
      keyVar?: string;
      valueVar: string;
      collection: Expression;
      key?: Expression;
      value: Expression;
      grouping: boolean;
      condition?: Expression;
    }
  | { type: "unary"; operator: "-" | "!"; operand: Expression }
  | { type: "binary"; operator: string; left: Expression; right: Expression }
  | { type: "conditional"; condition: Expression; then: Expression; otherwise: Expression }
  | { type: "parens"; inner: Expression };

/** Binary operators by precedence level, loosest first (hclsyntax's table). */
export const BINARY_LEVELS: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"]];

/** The precedence level of a binary operator (0 = `||`, loosest). */
export function precedence(operator: string): number {
  return BINARY_LEVELS.findIndex((level) => level.includes(operator));
}

const LITERAL_NAMES = new Set(["true", "false", "null"]);

/** Parses a whole HCL expression. Throws an Error naming the position of the first thing HCL would reject. */
export function parseExpression(source: string): Expression {
  const parser = new Parser(source, tokenize(source));
  const expression = parser.withNewlines(false, () => parser.expression());
  parser.expectEnd();
  return expression;
}

class Parser {
  private index = 0;
  /** Whether newlines are significant where the parser is now (inside `{ }` object items), innermost last. */
  private readonly newlineModes: boolean[] = [];

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  withNewlines<T>(significant: boolean, parse: () => T): T {
    this.newlineModes.push(significant);
    try {
      return parse();
    } finally {
      this.newlineModes.pop();
    }
  }

  private get newlinesSignificant(): boolean {
    return this.newlineModes[this.newlineModes.length - 1] ?? false;
  }

  /** The next token, skipping newlines where they are not significant. */
  private peek(offset = 0): Token | undefined {
    let i = this.index;
    for (let seen = 0; i < this.tokens.length; i++) {
      if (this.tokens[i].kind === "newline" && !this.newlinesSignificant) continue;
      if (seen === offset) return this.tokens[i];
      seen++;
    }
    return undefined;
  }

  private next(): Token {
    const token = this.peek();
    if (token === undefined) throw this.error("unexpected end of expression");
    this.index = this.tokens.indexOf(token, this.index) + 1;
    return token;
  }

  private is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.kind !== "string" && token.text === text;
  }

  private expect(text: string): Token {
    const token = this.peek();
    if (token === undefined || token.kind === "string" || token.text !== text) {
      throw this.error(`expected "${text}"`, token);
    }
    return this.next();
  }

  private skipNewlines(): void {
    while (this.tokens[this.index]?.kind === "newline") this.index++;
  }

  private error(message: string, token = this.peek()): Error {
    const where = token === undefined ? `at the end (position ${this.source.length})` : `at position ${token.start} (${JSON.stringify(token.text)})`;
    return new Error(`HCL expression: ${message} ${where} in ${JSON.stringify(this.source.slice(0, 200))}`);
  }

  expectEnd(): void {
    this.skipNewlines();
    if (this.index < this.tokens.length) throw this.error("unexpected token after the expression", this.tokens[this.index]);
  }

  expression(): Expression {
    const condition = this.binary(0);
    if (!this.is("?")) return condition;
    this.next();
    const then = this.expression();
    this.expect(":");
    const otherwise = this.expression();
    return { type: "conditional", condition, then, otherwise };
  }

  private binary(level: number): Expression {
    if (level === BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token === undefined || token.kind !== "operator" || !BINARY_LEVELS[level].includes(token.text)) return left;
      this.next();
      left = { type: "binary", operator: token.text, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Expression {
    if (this.is("-") || this.is("!")) {
      const operator = this.next().text as "-" | "!";
      return { type: "unary", operator, operand: this.unary() };
    }
    return this.postfix(this.term());
  }

  private postfix(base: Expression): Expression {
    const steps: Step[] = [];
    for (;;) {
      if (this.is(".")) {
        this.next();
        const token = this.next();
        if (token.kind === "identifier") steps.push({ type: "attribute", name: token.text });
        else if (token.kind === "number" && /^[0-9]+$/.test(token.text)) steps.push({ type: "legacyIndex", index: token.text });
        else if (token.text === "*") steps.push({ type: "splat", full: false });
        else throw this.error('expected an attribute name, an index or "*" after "."', token);
      } else if (this.is("[")) {
        this.next();
        if (this.is("*") && this.is("]", 1)) {
          this.next();
          this.next();
          steps.push({ type: "splat", full: true });
        } else {
          const key = this.withNewlines(false, () => {
            const inner = this.expression();
            this.expect("]");
            return inner;
          });
          steps.push({ type: "index", key });
        }
      } else {
        return steps.length === 0 ? base : { type: "traversal", base, steps };
      }
    }
  }

  private term(): Expression {
    const token = this.peek();
    if (token === undefined) throw this.error("expected an expression");
    if (token.kind === "number") return { type: "literal", text: this.next().text };
    if (token.kind === "string") return { type: "string", text: this.next().text };
    if (token.kind === "identifier") {
      this.next();
      const name = token.text + this.providerFunctionPath();
      if (this.tokens[this.index]?.text === "(" && this.tokens[this.index].kind === "punctuation") return this.call(name);
      if (name !== token.text) throw this.error(`expected "(" after the provider function name ${name}`);
      if (LITERAL_NAMES.has(token.text)) return { type: "literal", text: token.text };
      return { type: "variable", name: token.text };
    }
    if (token.text === "(") {
      this.next();
      return this.withNewlines(false, () => {
        const inner = this.expression();
        this.expect(")");
        return { type: "parens", inner };
      });
    }
    if (token.text === "[") return this.withNewlines(false, () => this.tuple());
    if (token.text === "{") return this.object();
    throw this.error("expected an expression", token);
  }

  /** The `::aws::arn_parse` after `provider` in a provider-defined function's name (Terraform 1.8+), or "". */
  private providerFunctionPath(): string {
    let path = "";
    for (;;) {
      const [first, second, name] = this.tokens.slice(this.index, this.index + 3);
      const adjacent = first?.text === ":" && second?.text === ":" && first.end === second.start && second.end === name?.start;
      if (!adjacent || name.kind !== "identifier") return path;
      path += `::${name.text}`;
      this.index += 3;
    }
  }

  private call(name: string): Expression {
    return this.withNewlines(false, () => {
      this.expect("(");
      const args: Expression[] = [];
      let expandFinal = false;
      while (!this.is(")")) {
        args.push(this.expression());
        if (this.is("...")) {
          this.next();
          expandFinal = true;
          if (!this.is(")")) throw this.error('expected ")" after the expanded final argument');
          break;
        }
        if (!this.is(")")) this.expect(",");
      }
      this.expect(")");
      return { type: "call", name, args, expandFinal };
    });
  }

  private tuple(): Expression {
    this.expect("[");
    if (this.isForStart()) return this.forExpression(false);
    const items: Expression[] = [];
    while (!this.is("]")) {
      items.push(this.expression());
      if (!this.is("]")) this.expect(",");
    }
    this.expect("]");
    return { type: "tuple", items };
  }

  private isForStart(): boolean {
    return this.is("for") && this.peek(1)?.kind === "identifier";
  }

  private object(): Expression {
    this.expect("{");
    const forExpression = this.withNewlines(false, () => (this.isForStart() ? this.forExpression(true) : undefined));
    if (forExpression !== undefined) return forExpression;
    return this.withNewlines(true, () => {
      const items: ObjectItem[] = [];
      this.skipNewlines();
      while (!this.is("}")) {
        const key = this.expression();
        if (this.is("=") || this.is(":")) this.next();
        else throw this.error('expected "=" or ":" after an object key');
        const value = this.expression();
        items.push({ key, value });
        if (this.is(",")) this.next();
        else if (this.peek()?.kind === "newline") this.next();
        else if (!this.is("}")) throw this.error("expected a comma or a newline between object items");
        this.skipNewlines();
      }
      this.expect("}");
      return { type: "object", items };
    });
  }

  /** After the opening bracket: `for k, v in coll : body if cond` and the closing bracket. */
  private forExpression(object: boolean): Expression {
    return this.withNewlines(false, () => {
      this.expect("for");
      let keyVar: string | undefined;
      let valueVar = this.identifier();
      if (this.is(",")) {
        this.next();
        keyVar = valueVar;
        valueVar = this.identifier();
      }
      this.expect("in");
      const collection = this.expression();
      this.expect(":");
      let key: Expression | undefined;
      let value = this.expression();
      let grouping = false;
      if (object) {
        this.expect("=>");
        key = value;
        value = this.expression();
        if (this.is("...")) {
          this.next();
          grouping = true;
        }
      }
      let condition: Expression | undefined;
      if (this.is("if")) {
        this.next();
        condition = this.expression();
      }
      this.expect(object ? "}" : "]");
      return { type: "for", object, keyVar, valueVar, collection, key, value, grouping, condition };
    });
  }

  private identifier(): string {
    const token = this.peek();
    if (token?.kind !== "identifier") throw this.error("expected a name", token);
    return this.next().text;
  }
}
