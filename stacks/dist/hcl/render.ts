/**
 * Renders a module's Terraform JSON configuration (what cdktf synthesizes, every override applied) as HCL that
 * reads like hand-written Terraform: `terraform`, `variable`, `output`, `locals`, `data`, `resource`,
 * `ephemeral` and `module` blocks, nested blocks written as blocks (the provider schemas say which), meta-
 * arguments first, `lifecycle` and `depends_on` last, short comments where the reader needs the why. The output
 * is unformatted; `format.ts` runs Terraform's own formatter over it.
 */
import type { Json } from "../module-json";
import type { BlockSchema } from "../../../tools/tf-standin/src/schema-types";
import { ARGUMENTS_ONLY, SchemaCatalog, type SchemaKind } from "./schema";
import { LINE_WIDTH, isIdentifier, literalString } from "./strings";
import { type StringMode, valueExpression } from "./values";
import { formatExpression } from "./expression/format";
import { singleInterpolation } from "./expression/template";

type Body = Record<string, Json>;

/** What rendering a module needs besides its configuration. */
export interface RenderOptions {
  /** Provider schemas (which body names are blocks). */
  readonly schemas: SchemaCatalog;
  /**
   * Comments by block address (`resource.terraform_data.deletion_guard`, `variable.name`, `locals.x`,
   * `module.database`, `output.url`): written above the block, wrapped to the line width. @default {}
   */
  readonly comments?: Readonly<Record<string, string>>;
  /**
   * Module calls in this order (names as in the configuration), the order data flows through them; calls not
   * listed follow, by name. @default by name
   */
  readonly moduleOrder?: readonly string[];
}

/** Names whose values are references or keywords, never templates: written bare. */
const BARE_LIST_META = new Set(["depends_on", "ignore_changes", "replace_triggered_by"]);

class Writer {
  readonly lines: string[] = [];
  constructor(
    private readonly comments: Readonly<Record<string, string>>,
    readonly commented: Set<string>,
  ) {}

  comment(address: string, indent: number): void {
    const text = this.comments[address];
    if (!text) return;
    this.commented.add(address);
    const pad = " ".repeat(indent);
    let line = "";
    for (const word of text.split(/\s+/)) {
      if (line && pad.length + 2 + line.length + 1 + word.length > LINE_WIDTH) {
        this.lines.push(`${pad}# ${line}`);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) this.lines.push(`${pad}# ${line}`);
  }

  attribute(name: string, expression: string, indent: number): void {
    this.lines.push(`${" ".repeat(indent)}${name} = ${expression}`);
  }

  /**
   * `name = value`, the value laid out knowing where it starts: after the name padded to `nameWidth` (terraform
   * fmt aligns the `=` of neighbouring arguments to the longest name).
   */
  argument(name: string, value: Json, indent: number, nameWidth: number, mode: StringMode = "template"): void {
    const column = indent + Math.max(nameWidth, name.length) + 3;
    this.attribute(name, valueExpression(value, indent, mode, true, column), indent);
  }

  open(header: string, indent: number): void {
    this.lines.push(`${" ".repeat(indent)}${header} {`);
  }

  close(indent: number): void {
    const last = this.lines.length - 1;
    // An empty body reads `{}` on the opening line, as `terraform fmt` users write it.
    if (this.lines[last]?.endsWith(" {") && this.lines[last].startsWith(" ".repeat(indent)) && !this.lines[last].startsWith(" ".repeat(indent + 1)))
      this.lines[last] += "}";
    else this.lines.push(`${" ".repeat(indent)}}`);
  }

  blank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }
}

/** The longest of `names`: the width terraform fmt pads argument names to. */
function widest(names: Iterable<string>): number {
  let width = 0;
  for (const name of names) width = Math.max(width, name.length);
  return width;
}

function asObject(value: Json | undefined, where: string): Body {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error(`${where}: expected an object in the Terraform JSON, got ${JSON.stringify(value)}`);
  return value;
}

/** A block's bodies: Terraform JSON writes a repeated block as an array and a single one as an object. */
function bodiesOf(value: Json | undefined, where: string): Body[] {
  return Array.isArray(value) ? value.map((v, i) => asObject(v, `${where}[${i}]`)) : [asObject(value, where)];
}

/** A reference or keyword (`aws_db_instance.this`, `destroy`), given in JSON with or without `${...}`. */
function bare(value: Json, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a reference string, got ${JSON.stringify(value)}`);
  return singleInterpolation(value) ?? value;
}

function bareList(value: Json, where: string): string {
  if (typeof value === "string") return bare(value, where); // ignore_changes = "all" / a whole-list expression
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list, got ${JSON.stringify(value)}`);
  return `[${value.map((item, i) => bare(item, `${where}[${i}]`)).join(", ")}]`;
}

/** A bare expression (a variable's `type`), formatted. */
function expression(value: Json, indent: number, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected an expression string, got ${JSON.stringify(value)}`);
  return formatExpression(singleInterpolation(value) ?? value, { indent, width: LINE_WIDTH });
}

/** Renders the blocks of one module file. */
export class ModuleRenderer {
  private readonly out: Writer;
  /** The comment addresses written so far (a comment whose block is gone is a stale comment). */
  readonly commented = new Set<string>();
  private readonly requiredProviders: Readonly<Record<string, { source?: string }>>;

  constructor(
    config: Readonly<Record<string, Json>>,
    private readonly options: RenderOptions,
  ) {
    this.out = new Writer(options.comments ?? {}, this.commented);
    const terraform = (config.terraform ?? {}) as Body;
    this.requiredProviders = (terraform.required_providers ?? {}) as Record<string, { source?: string }>;
  }

  /** The HCL of `part` (a subset of the module's top-level keys), unformatted. */
  render(part: Readonly<Record<string, Json>>): string {
    for (const [kind, value] of Object.entries(part)) {
      if (value === undefined) continue;
      switch (kind) {
        case "terraform":
          this.terraform(asObject(value, "terraform"));
          break;
        case "variable":
          this.named(value, "variable", (name, body) => this.variable(name, body));
          break;
        case "output":
          this.named(value, "output", (name, body) => this.output(name, body));
          break;
        case "locals":
          this.locals(value);
          break;
        case "module":
          this.named(this.ordered(asObject(value, "module")), "module", (name, body) => this.module(name, body));
          break;
        case "provider":
          this.named(value, "provider", (name, body) => {
            for (const b of bodiesOf(body, `provider.${name}`))
              this.schemaBlock(`provider ${JSON.stringify(name)}`, b, "provider", name, `provider.${name}`);
          });
          break;
        case "resource":
        case "data":
        case "ephemeral":
          this.typed(value, kind);
          break;
        default:
          throw new Error(`${kind}: top-level blocks of this kind are not rendered to HCL yet`);
      }
    }
    return `${this.out.lines.join("\n").replace(/\n+$/, "")}\n`;
  }

  private ordered(calls: Body): Body {
    const order = this.options.moduleOrder ?? [];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return Object.fromEntries(Object.entries(calls).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
  }

  private named(value: Json, kind: string, each: (name: string, body: Json) => void): void {
    for (const [name, body] of Object.entries(asObject(value, kind))) each(name, body);
  }

  private typed(value: Json, kind: "resource" | "data" | "ephemeral"): void {
    for (const [type, named] of Object.entries(asObject(value, kind))) {
      for (const [name, body] of Object.entries(asObject(named, `${kind}.${type}`))) {
        const address = `${kind}.${type}.${name}`;
        this.out.blank();
        this.out.comment(address, 0);
        this.schemaBlock(`${kind} "${type}" "${name}"`, asObject(body, address), kind, type, address);
      }
    }
  }

  private terraform(body: Body): void {
    this.out.blank();
    this.out.open("terraform", 0);
    for (const [key, value] of Object.entries(body)) {
      if (key === "required_providers") {
        this.out.open("required_providers", 2);
        const providers = asObject(value, "terraform.required_providers");
        for (const [name, requirement] of Object.entries(providers))
          this.out.argument(name, requirement, 4, widest(Object.keys(providers)), "literal");
        this.out.close(2);
      } else if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") {
        this.out.argument(key, value, 2, widest(Object.keys(body)), "literal");
      } else throw new Error(`terraform.${key}: not rendered to HCL (modules carry no backend or cloud block)`);
    }
    this.out.close(0);
  }

  private variable(name: string, value: Json): void {
    const body = asObject(value, `variable.${name}`);
    const where = `variable.${name}`;
    this.out.blank();
    this.out.comment(where, 0);
    this.out.open(`variable "${name}"`, 0);
    const order = ["description", "type", "default", "nullable", "sensitive", "ephemeral"];
    for (const key of [...order, ...Object.keys(body).filter((k) => !order.includes(k) && k !== "validation")]) {
      if (!(key in body)) continue;
      const v = body[key];
      if (key === "type") this.out.attribute(key, expression(v, 2, `${where}.type`), 2);
      else this.out.argument(key, v, 2, widest(Object.keys(body)), "literal");
    }
    if (body.validation !== undefined)
      for (const validation of bodiesOf(body.validation, `${where}.validation`)) this.condition("validation", validation, 2);
    this.out.close(0);
  }

  /** A `validation`, `precondition` or `postcondition` block: an expression and a message template. */
  private condition(kind: string, body: Body, indent: number): void {
    this.out.open(kind, indent);
    for (const [key, value] of Object.entries(body)) this.out.argument(key, value, indent + 2, widest(Object.keys(body)));
    this.out.close(indent);
  }

  private output(name: string, value: Json): void {
    const where = `output.${name}`;
    const body = asObject(value, where);
    this.out.blank();
    this.out.comment(where, 0);
    this.out.open(`output "${name}"`, 0);
    const order = ["description", "value", "sensitive", "ephemeral"];
    for (const key of [...order, ...Object.keys(body).filter((k) => !order.includes(k))]) {
      if (!(key in body)) continue;
      const v = body[key];
      if (key === "description") this.out.attribute(key, literalString(String(v)), 2);
      else if (key === "depends_on") this.out.attribute(key, bareList(v, `${where}.depends_on`), 2);
      else if (key === "precondition")
        for (const condition of bodiesOf(v, `${where}.precondition`)) this.condition("precondition", condition, 2);
      else this.out.argument(key, v, 2, widest(Object.keys(body)));
    }
    this.out.close(0);
  }

  private locals(value: Json): void {
    const body = asObject(value, "locals");
    this.out.blank();
    this.out.open("locals", 0);
    let first = true;
    for (const [name, v] of Object.entries(body)) {
      if (!first && this.options.comments?.[`locals.${name}`]) this.out.blank();
      first = false;
      this.out.comment(`locals.${name}`, 2);
      this.out.argument(name, v, 2, name.length);
    }
    this.out.close(0);
  }

  private module(name: string, value: Json): void {
    const where = `module.${name}`;
    const body = asObject(value, where);
    this.out.blank();
    this.out.comment(where, 0);
    this.out.open(`module "${name}"`, 0);
    const head = ["source", "version", "count", "for_each", "providers"];
    for (const key of head) {
      if (!(key in body)) continue;
      const v = body[key];
      if (key === "source" || key === "version") this.out.attribute(key, literalString(String(v)), 2);
      else if (key === "providers") {
        const entries = Object.entries(asObject(v, `${where}.providers`));
        this.out.attribute(key, `{ ${entries.map(([k, p]) => `${k} = ${bare(p, `${where}.providers.${k}`)}`).join(", ")} }`, 2);
      } else this.out.argument(key, v, 2, widest(head.filter((k) => k in body)));
    }
    let firstInput = true;
    for (const [key, v] of Object.entries(body)) {
      if (head.includes(key) || key === "depends_on") continue;
      if (firstInput) this.out.blank();
      firstInput = false;
      this.out.argument(key, v, 2, widest(Object.keys(body).filter((k) => !head.includes(k) && k !== "depends_on")));
    }
    if (body.depends_on !== undefined) {
      this.out.blank();
      this.out.attribute("depends_on", bareList(body.depends_on, `${where}.depends_on`), 2);
    }
    this.out.close(0);
  }

  /** A resource, data source, ephemeral resource or provider block, its body read against the provider schema. */
  private schemaBlock(header: string, body: Body, kind: SchemaKind, type: string, address: string): void {
    const schema = this.options.schemas.body(kind, type, this.requiredProviders);
    this.out.open(header, 0);
    this.body(body, schema, 2, address, true);
    this.out.close(0);
  }

  /**
   * A block body: meta-arguments first (`count`, `for_each`, `provider`), then arguments, nested blocks and
   * `dynamic` blocks, then `lifecycle`, `provisioner` and `depends_on`, as hand-written Terraform orders them.
   */
  private body(body: Body, schema: BlockSchema, indent: number, where: string, topLevel: boolean): void {
    const metaFirst = topLevel ? ["count", "for_each", "provider"] : [];
    const metaLast = topLevel ? ["lifecycle", "provisioner", "connection", "depends_on"] : [];
    for (const key of metaFirst) {
      if (!(key in body)) continue;
      if (key === "provider") this.out.attribute(key, bare(body[key], `${where}.provider`), indent);
      else this.out.argument(key, body[key], indent, widest(metaFirst.filter((k) => k in body)));
    }
    if (metaFirst.some((k) => k in body)) this.out.blank();
    const rest = Object.keys(body).filter((k) => !metaFirst.includes(k) && !metaLast.includes(k));
    const blocks = rest.filter((k) => schema.block_types?.[k]);
    const dynamic = rest.filter((k) => k === "dynamic" && !schema.block_types?.[k] && !schema.attributes?.[k]);
    const attributes = rest.filter((k) => !blocks.includes(k) && !dynamic.includes(k));
    for (const key of attributes) {
      if (schema !== ARGUMENTS_ONLY && !schema.attributes?.[key])
        throw new Error(`${where}.${key}: not an argument or block of this type in the provider schema`);
      if (!isIdentifier(key)) throw new Error(`${where}.${key}: not a valid argument name`);
      this.out.argument(key, body[key], indent, widest(attributes));
    }
    if (attributes.length && (blocks.length || dynamic.length)) this.out.blank();
    for (const key of blocks) this.nestedBlocks(key, body[key], schema, indent, `${where}.${key}`);
    for (const key of dynamic) this.dynamicBlocks(body[key], schema, indent, `${where}.dynamic`);
    for (const key of metaLast) {
      if (!(key in body)) continue;
      this.out.blank();
      if (key === "depends_on") this.out.attribute(key, bareList(body[key], `${where}.depends_on`), indent);
      else if (key === "lifecycle") this.lifecycle(body[key], indent, `${where}.lifecycle`);
      else if (key === "provisioner") this.provisioners(body[key], indent, `${where}.provisioner`);
      else throw new Error(`${where}.${key}: not rendered to HCL yet`);
    }
  }

  private nestedBlocks(name: string, value: Json, schema: BlockSchema, indent: number, where: string): void {
    const nested = schema.block_types![name];
    if (nested.nesting_mode === "map") {
      for (const [label, body] of Object.entries(asObject(value, where))) {
        this.out.open(`${name} ${literalString(label)}`, indent);
        this.body(asObject(body, `${where}.${label}`), nested.block, indent + 2, `${where}.${label}`, false);
        this.out.close(indent);
      }
      return;
    }
    bodiesOf(value, where).forEach((body, i) => {
      this.out.open(name, indent);
      this.body(body, nested.block, indent + 2, `${where}[${i}]`, false);
      this.out.close(indent);
    });
  }

  /** `dynamic "<block>" { for_each, iterator, labels, content { ... } }`, the content read against the block's schema. */
  private dynamicBlocks(value: Json, schema: BlockSchema, indent: number, where: string): void {
    for (const [name, spec] of Object.entries(asObject(value, where))) {
      const nested = schema.block_types?.[name];
      if (!nested) throw new Error(`${where}.${name}: a dynamic block of a name that is not a block in the provider schema`);
      for (const body of bodiesOf(spec, `${where}.${name}`)) {
        this.out.open(`dynamic "${name}"`, indent);
        for (const key of ["for_each", "iterator", "labels"]) {
          if (!(key in body)) continue;
          const v = body[key];
          if (key === "iterator") this.out.attribute(key, bare(v, `${where}.${name}.iterator`), indent + 2);
          else this.out.argument(key, v, indent + 2, "for_each".length);
        }
        for (const content of bodiesOf(body.content, `${where}.${name}.content`)) {
          this.out.open("content", indent + 2);
          this.body(content, nested.block, indent + 4, `${where}.${name}.content`, false);
          this.out.close(indent + 2);
        }
        this.out.close(indent);
      }
    }
  }

  private lifecycle(value: Json, indent: number, where: string): void {
    for (const body of bodiesOf(value, where)) {
      this.out.open("lifecycle", indent);
      for (const [key, v] of Object.entries(body)) {
        if (BARE_LIST_META.has(key)) this.out.attribute(key, bareList(v, `${where}.${key}`), indent + 2);
        else if (key === "precondition" || key === "postcondition")
          for (const condition of bodiesOf(v, `${where}.${key}`)) this.condition(key, condition, indent + 2);
        else this.out.argument(key, v, indent + 2, widest(Object.keys(body)));
      }
      this.out.close(indent);
    }
  }

  /** `provisioner "<type>" { ... }`: `when` and `on_failure` are keywords, the rest expressions. */
  private provisioners(value: Json, indent: number, where: string): void {
    for (const item of bodiesOf(value, where)) {
      for (const [type, spec] of Object.entries(item)) {
        const body = asObject(spec, `${where}.${type}`);
        this.out.open(`provisioner "${type}"`, indent);
        for (const [key, v] of Object.entries(body)) {
          if (key === "when" || key === "on_failure") this.out.attribute(key, bare(v, `${where}.${type}.${key}`), indent + 2);
          else this.out.argument(key, v, indent + 2, widest(Object.keys(body)));
        }
        this.out.close(indent);
      }
    }
  }
}
