/**
 * Reading a JSON-valued attribute written as `${jsonencode(<HCL value>)}` (how the ECS container
 * definitions are built: an object, not JSON text) the way the rules read Terraform JSON. Object and
 * tuple constructors become objects and arrays; literal strings, numbers, booleans and null become JSON
 * values; anything else (a reference, a function call, a conditional) becomes a string holding its own
 * `${…}` text, which the rules see as an expression and report `not_applicable`, naming the variable.
 * Strings keep Terraform's template form (`${…}` inside, `$${` escapes), as everywhere in Terraform JSON.
 */

/** Thrown inside the reader when the text is not the subset written here; the caller then reads nothing. */
class Unreadable extends Error {}

const DELIMITERS = new Set([",", "}", "]", ")"]);

/** A cursor over the expression text. */
class Reader {
  public pos = 0;
  constructor(private readonly text: string) {}

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  skipSpace(): void {
    while (/\s/.test(this.peek())) this.pos++;
  }

  expect(ch: string): void {
    this.skipSpace();
    if (this.peek() !== ch) throw new Unreadable(`expected ${ch} at ${this.pos}`);
    this.pos++;
  }

  /** One value; a constructor or literal followed by more expression is read as an expression. */
  value(): unknown {
    this.skipSpace();
    const start = this.pos;
    let result: unknown;
    try {
      result = this.structured();
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      result = undefined;
    }
    this.skipSpace();
    if (result !== undefined && (DELIMITERS.has(this.peek()) || this.pos === this.text.length)) return result;
    this.pos = start;
    return this.expression();
  }

  private structured(): unknown {
    const ch = this.peek();
    if (ch === "{") return this.object();
    if (ch === "[") return this.tuple();
    if (ch === '"') return this.string();
    const word = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w.-])/.exec(this.text.slice(this.pos));
    if (!word) throw new Unreadable(`not a literal at ${this.pos}`);
    this.pos += word[0].length;
    return JSON.parse(word[0]);
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.expect("{");
    for (;;) {
      this.skipSpace();
      if (this.peek() === "}") break;
      let key: string;
      if (this.peek() === '"') {
        key = this.string();
      } else {
        const name = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos));
        if (!name) throw new Unreadable(`not a key at ${this.pos}`);
        key = name[0];
        this.pos += key.length;
      }
      this.skipSpace();
      if (this.peek() !== "=" && this.peek() !== ":") throw new Unreadable(`expected = at ${this.pos}`);
      this.pos++;
      result[key] = this.value();
      this.skipSpace();
      if (this.peek() === ",") this.pos++;
    }
    this.pos++;
    return result;
  }

  private tuple(): unknown[] {
    const result: unknown[] = [];
    this.expect("[");
    for (;;) {
      this.skipSpace();
      if (this.peek() === "]") break;
      result.push(this.value());
      this.skipSpace();
      if (this.peek() === ",") this.pos++;
      else if (this.peek() !== "]") throw new Unreadable(`expected , at ${this.pos}`);
    }
    this.pos++;
    return result;
  }

  /** A quoted template: escapes decoded, `${…}`, `%{…}`, `$${` and `%%{` kept as written. */
  string(): string {
    this.expect('"');
    let out = "";
    for (;;) {
      const ch = this.peek();
      if (ch === "") throw new Unreadable("unterminated string");
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === "\\") {
        out += this.escape();
        continue;
      }
      if ((ch === "$" || ch === "%") && this.peek(1) === ch && this.peek(2) === "{") {
        out += ch + ch + "{";
        this.pos += 3;
        continue;
      }
      if ((ch === "$" || ch === "%") && this.peek(1) === "{") {
        const start = this.pos;
        this.pos += 2;
        this.balanced("}");
        out += this.text.slice(start, this.pos);
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  private escape(): string {
    const next = this.peek(1);
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
    if (next in simple) {
      this.pos += 2;
      return simple[next];
    }
    const hex = next === "u" ? 4 : next === "U" ? 8 : 0;
    const digits = this.text.slice(this.pos + 2, this.pos + 2 + hex);
    if (hex === 0 || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) throw new Unreadable("bad escape");
    this.pos += 2 + hex;
    return String.fromCodePoint(parseInt(digits, 16));
  }

  /** Moves past the `close` that ends the current nesting level (strings and brackets inside skipped). */
  private balanced(close: string): void {
    const closers: string[] = [close];
    while (closers.length > 0) {
      const ch = this.peek();
      if (ch === "") throw new Unreadable("unbalanced expression");
      if (ch === '"') {
        this.string();
        continue;
      }
      this.pos++;
      if (ch === closers[closers.length - 1]) closers.pop();
      else if (ch === "{") closers.push("}");
      else if (ch === "[") closers.push("]");
      else if (ch === "(") closers.push(")");
    }
  }

  /** Any other expression, up to the delimiter that ends it, as `${<its text>}`. */
  private expression(): string {
    const start = this.pos;
    for (;;) {
      const ch = this.peek();
      if (ch === "" || DELIMITERS.has(ch)) break;
      if (ch === '"') {
        this.string();
        continue;
      }
      this.pos++;
      if (ch === "{") this.balanced("}");
      else if (ch === "[") this.balanced("]");
      else if (ch === "(") this.balanced(")");
    }
    const text = this.text.slice(start, this.pos).trim();
    if (text === "") throw new Unreadable(`empty expression at ${start}`);
    return `\${${text}}`;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.text.length;
  }
}

/**
 * The value of an attribute written as `${jsonencode(<value>)}`, read as described above; `undefined` when
 * the attribute is anything else (JSON text, another expression) or not in the subset this reads.
 */
export function jsonencodeArgument(attribute: string): unknown {
  const match = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(attribute);
  if (!match) return undefined;
  try {
    const reader = new Reader(match[1]);
    const value = reader.value();
    return reader.atEnd() ? value : undefined;
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}
