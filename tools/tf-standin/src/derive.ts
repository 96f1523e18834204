/**
 * Derives a provider's schema from its prebuilt cdktf binding (`@cdktf/provider-*`).
 *
 * Each binding module (lib/<resource>/index.js) carries, in its inline source map, the generated TypeScript
 * it was compiled from. That source is regular, machine-written code which states, for every attribute:
 *   - `// <terraform_name> - computed: <b>, optional: <b>, required: <b>` (the provider schema's flags),
 *   - its getter (`getStringAttribute('x')`, `cdktf.Fn.tolist(getListAttribute(...))` for a set, ...),
 *   - in `synthesizeHclAttributes()` / `<struct>ToHclTerraform()`: collection kind (simple/list/set/map/
 *     struct), storage type, and through `listMapperHcl(fn, <isBlock>)` whether a list/set is a block,
 *   - `new XOutputReference(this, "x")` for a block of at most one item, `new XList(this, "x", <wrapsSet>)`,
 *   - the interface docs (`Docs at Terraform Registry: {@link ...#name}`) from which rules.ts reads limits.
 * The jsii assembly (.jsii) of the package holds the same facts in a harder-to-read form; its fingerprint
 * keys the cache (cache.ts).
 */
import * as fs from "fs";
import * as path from "path";
import type {
  AttributeSchema,
  BlockSchema,
  CtyType,
  DocRule,
  NestedBlockSchema,
  ProviderSchema,
  TypeSchema,
} from "./schema-types";
import { PROVIDER_FACTS, rulesFromDocs } from "./rules";

interface HclEntry {
  isBlock: boolean;
  kind: string; // simple | list | set | map | struct
  storage: string;
  mapperBlock?: boolean; // listMapperHcl's second argument
}

interface Member {
  name: string;
  computed: boolean;
  optional: boolean;
  required: boolean;
  chunk: string;
}

/** One generated module's source, split into the parts the derivation reads. */
class SourceFile {
  readonly classes = new Map<string, string>();
  readonly hcl = new Map<string, Map<string, HclEntry>>(); // struct name (or main class) -> entries
  readonly interfaces = new Map<string, string>();
  main?: { name: string; kind: "resource" | "data" | "provider"; tfType: string };

  constructor(readonly ts: string) {
    for (const m of ts.matchAll(/^export class (\w+) extends ([\w.]+) \{\n([\s\S]*?)^\}$/gm)) {
      this.classes.set(m[1], m[3]);
      const kind =
        m[2] === "cdktf.TerraformResource"
          ? "resource"
          : m[2] === "cdktf.TerraformDataSource"
            ? "data"
            : m[2] === "cdktf.TerraformProvider"
              ? "provider"
              : undefined;
      if (kind) {
        const tfType = /public static readonly tfResourceType = "([\w-]+)";/.exec(m[3])?.[1];
        if (tfType) this.main = { name: m[1], kind, tfType };
        const synth = /protected synthesizeHclAttributes\(\)[\s\S]*?const attrs = \{\n([\s\S]*?)\n {4}\};/.exec(m[3]);
        if (synth) this.hcl.set(m[1], parseHclEntries(synth[1]));
      }
    }
    for (const m of ts.matchAll(/^export function (\w+)ToHclTerraform\([^\n]*\{\n([\s\S]*?)^\}$/gm)) {
      const attrs = /const attrs = \{\n([\s\S]*?)\n {2}\};/.exec(m[2]);
      this.hcl.set(m[1].charAt(0).toUpperCase() + m[1].slice(1), attrs ? parseHclEntries(attrs[1]) : new Map());
    }
    for (const m of ts.matchAll(/^export interface (\w+)(?: extends [\w.]+)? \{\n([\s\S]*?)^\}$/gm))
      this.interfaces.set(m[1], m[2]);
  }

  members(className: string): Member[] {
    const body = this.classes.get(className);
    if (!body) return [];
    const out: Member[] = [];
    const re = /\/\/ ([\w-]+) - computed: (true|false), optional: (true|false), required: (true|false)\n/g;
    const marks = [...body.matchAll(re)];
    marks.forEach((m, i) => {
      const end = i + 1 < marks.length ? marks[i + 1].index! : body.length;
      out.push({
        name: m[1],
        computed: m[2] === "true",
        optional: m[3] === "true",
        required: m[4] === "true",
        chunk: body.slice(m.index! + m[0].length, end),
      });
    });
    return out;
  }
}

function parseHclEntries(text: string): Map<string, HclEntry> {
  const entries = new Map<string, HclEntry>();
  const re =
    /^\s+(\w+): \{\n\s+value: (.*),\n\s+isBlock: (true|false),\n\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",/gm;
  for (const m of text.matchAll(re)) {
    const mapper = /listMapperHcl\(\w+, (true|false)\)/.exec(m[2]);
    entries.set(m[1], {
      isBlock: m[3] === "true",
      kind: m[4],
      storage: m[5],
      mapperBlock: mapper ? mapper[1] === "true" : undefined,
    });
  }
  return entries;
}

const PRIMITIVE: Record<string, CtyType> = { string: "string", number: "number", boolean: "bool", any: "dynamic" };

/** A storage type such as stringList, numberMap, stringListMap, anyMap in the cty type it stands for. */
function storageType(storage: string, kind: string): CtyType | undefined {
  if (PRIMITIVE[storage]) return kind === "map" && storage === "any" ? "dynamic" : PRIMITIVE[storage];
  // cdktf renders a "dynamic" attribute as a map of any.
  if (storage === "anyMap") return "dynamic";
  const m = /^(string|number|boolean|any)((?:List|Map)+)$/.exec(storage);
  if (!m) return undefined;
  let type: CtyType = PRIMITIVE[m[1]];
  const wrappers = m[2].match(/List|Map/g)!;
  wrappers.forEach((w, i) => {
    // The outermost wrapper's kind is the attribute's own (list or set).
    const outer = i === wrappers.length - 1;
    type = [w === "Map" ? "map" : outer && kind === "set" ? "set" : "list", type];
  });
  return type;
}

/** The type of a computed-only getter. */
function getterType(chunk: string): CtyType | undefined {
  const m = /(cdktf\.Fn\.tolist\()?this\.get(\w+)Attribute\('/.exec(chunk);
  if (!m) return undefined;
  const set = !!m[1];
  switch (m[2]) {
    case "String":
      return "string";
    case "Number":
      return "number";
    case "Boolean":
      return "bool";
    case "List":
      return [set ? "set" : "list", "string"];
    case "NumberList":
      return [set ? "set" : "list", "number"];
    case "BooleanList":
      return [set ? "set" : "list", "bool"];
    case "StringMap":
      return ["map", "string"];
    case "NumberMap":
      return ["map", "number"];
    case "BooleanMap":
      return ["map", "bool"];
    case "AnyMap":
      return "dynamic";
    default:
      return undefined;
  }
}

/** `new cdktf.StringMap(...)`-style computed collections. */
function cdktfCollectionType(className: string): CtyType | undefined {
  const m = /^cdktf\.(String|Number|Boolean|Any)((?:List|Map)+)$/.exec(className);
  if (!m) return undefined;
  return storageType(m[1].toLowerCase(), "simple") === undefined
    ? undefined
    : storageType(`${m[1].toLowerCase()}${m[2]}`, "list");
}

export class Deriver {
  readonly unresolved: string[] = [];

  constructor(private readonly file: SourceFile) {}

  /** The block schema of a class (the main class or an XOutputReference), with its struct's Hcl entries. */
  block(className: string, structName: string, where: string): BlockSchema {
    const hcl = this.file.hcl.get(structName) ?? new Map<string, HclEntry>();
    const attributes: Record<string, AttributeSchema> = {};
    const blockTypes: Record<string, NestedBlockSchema> = {};
    const members = this.file.classes.has(className) ? this.file.members(className) : this.interfaceMembers(structName);
    for (const member of members) {
      if (member.name === "alias" && this.file.main?.kind === "provider" && className === this.file.main.name) continue;
      const entry = hcl.get(member.name);
      let complex: RegExpExecArray | string[] | null = /= new ([\w.]+)\(this, "[\w-]+"(?:, (true|false))?\);/.exec(
        member.chunk,
      );
      // Provider structs have no OutputReference classes: their Hcl entries name the struct.
      if (
        !complex &&
        entry &&
        !storageType(entry.storage, entry.kind) &&
        this.file.hcl.has(entry.storage.replace(/(List|Map)$/, ""))
      ) {
        const struct = entry.storage.replace(/(List|Map)$/, "");
        complex =
          entry.mapperBlock === undefined && entry.kind !== "map" && entry.kind !== "struct"
            ? ["", `${struct}OutputReference`]
            : entry.kind === "map"
              ? ["", `${struct}Map`]
              : entry.kind === "struct"
                ? ["", `${struct}OutputReference`]
                : ["", `${struct}List`, String(entry.kind === "set")];
      }
      const flags = (): Omit<AttributeSchema, "type"> => {
        const a: Omit<AttributeSchema, "type"> = {};
        if (member.required) a.required = true;
        if (member.optional) a.optional = true;
        if (member.computed) a.computed = true;
        if (!member.required && !member.optional && !member.computed) a.optional = true;
        // Bindings do not carry write_only; the providers name every write-only argument *_wo.
        if (member.name.endsWith("_wo") && !member.computed) a.write_only = true;
        return a;
      };
      if (complex && !complex[1].startsWith("cdktf.")) {
        const cls = complex[1];
        const single = cls.endsWith("OutputReference");
        const struct = cls.replace(/(OutputReference|List|Map)$/, "");
        const isMap = !single && cls.endsWith("Map");
        const wrapsSet = complex[2] === "true" || entry?.kind === "set";
        const isBlock =
          !!entry &&
          ((entry.mapperBlock === true && !isMap) ||
            (single && (entry.kind === "list" || entry.kind === "set")) ||
            (entry.kind === "struct" && member.name === "timeouts"));
        if (isBlock) {
          const inner = this.block(`${struct}OutputReference`, struct, `${where}.${member.name}`);
          let nesting: NestedBlockSchema["nesting_mode"] =
            entry!.kind === "struct" ? "single" : entry!.kind === "set" ? "set" : "list";
          // Terraform refuses a set block holding a dynamic attribute; cdktf renders the attributes it
          // skips (e.g. aws_wafv2_web_acl's rule.statement) as dynamic: such a set is served as a list.
          if (nesting === "set" && JSON.stringify(inner).includes('"dynamic"')) nesting = "list";
          const nested: NestedBlockSchema = { nesting_mode: nesting, block: inner };
          if (nesting !== "single") {
            if (member.required) nested.min_items = 1;
            if (single) nested.max_items = 1;
          }
          blockTypes[member.name] = nested;
        } else {
          const object = this.objectType(struct, `${where}.${member.name}`, !member.computed || member.optional);
          const type: CtyType = single ? object : [isMap ? "map" : wrapsSet ? "set" : "list", object];
          attributes[member.name] = { type, ...flags() };
        }
        continue;
      }
      let type: CtyType | undefined = entry ? storageType(entry.storage, entry.kind) : undefined;
      if (!type && complex) type = cdktfCollectionType(complex[1]);
      if (!type) type = getterType(member.chunk);
      if (!type) {
        this.unresolved.push(`${where}.${member.name}`);
        type = "dynamic";
      }
      attributes[member.name] = { type, ...flags() };
    }
    const block: BlockSchema = {};
    if (Object.keys(attributes).length) block.attributes = attributes;
    if (Object.keys(blockTypes).length) block.block_types = blockTypes;
    return block;
  }

  /** Members of a struct known only by its interface (provider configuration): flags from `?`. */
  private interfaceMembers(struct: string): Member[] {
    const body = this.file.interfaces.get(struct);
    if (!body) return [];
    const out: Member[] = [];
    for (const m of body.matchAll(/\/\*\*\n([\s\S]*?)\*\/\n\s+readonly (\w+)(\?)?: ([^;]+);/g)) {
      const name = /#([\w-]+) \w+#/.exec(m[1])?.[1];
      if (name) out.push({ name, computed: false, optional: !!m[3], required: !m[3], chunk: "" });
    }
    return out;
  }

  /** A nested object's type; attributes that are not required are optional in it when it is configurable. */
  private objectType(struct: string, where: string, configurable: boolean): CtyType {
    const inner = this.block(`${struct}OutputReference`, struct, where);
    const attrs: Record<string, CtyType> = {};
    const optional: string[] = [];
    for (const [name, a] of Object.entries(inner.attributes ?? {})) {
      attrs[name] = a.type;
      if (configurable && !a.required) optional.push(name);
    }
    return optional.length ? ["object", attrs, optional.sort()] : ["object", attrs];
  }

  /** Rules stated in the docs of the config interfaces reachable from the main class. */
  rules(): { rules: DocRule[]; underived: number } {
    const main = this.file.main!;
    const rules: DocRule[] = [];
    let underived = 0;
    const visit = (iface: string, prefix: string[], depth: number) => {
      const body = this.file.interfaces.get(iface);
      if (!body || depth > 8) return;
      for (const m of body.matchAll(/\/\*\*\n([\s\S]*?)\*\/\n\s+readonly (\w+)\??: ([^;]+);/g)) {
        const doc = m[1].replace(/^\s*\* ?/gm, "").trim();
        const name = /#([\w-]+) \w+#/.exec(doc)?.[1];
        if (!name) continue;
        const derived = rulesFromDocs(doc, [...prefix, name]);
        rules.push(...derived.rules);
        underived += derived.underived;
        const struct = /^(\w+)(\[\])?(?: \| cdktf\.IResolvable)?$/.exec(m[3].trim())?.[1];
        if (struct && this.file.interfaces.has(struct)) visit(struct, [...prefix, name], depth + 1);
      }
    };
    visit(`${main.name}Config`, [], 0);
    return { rules, underived };
  }
}

/** The generated TypeScript a binding module was compiled from (its inline source map). */
export function generatedSource(jsFile: string): string | undefined {
  const js = fs.readFileSync(jsFile, "utf8");
  const m = /sourceMappingURL=data:application\/json;base64,(.*)$/m.exec(js);
  if (!m) return undefined;
  const map = JSON.parse(Buffer.from(m[1], "base64").toString("utf8")) as { sourcesContent?: string[] };
  return map.sourcesContent?.[0];
}

/**
 * Ephemeral resources are not in cdktf 0.21 bindings. The ones a provider serves are declared here as
 * "the managed resource of the same schema minus these arguments" (random_password's ephemeral twin has
 * no keepers and no id), stated per provider and checked by the tier that uses them.
 */
export const EPHEMERAL_FROM_RESOURCES: Record<string, Record<string, { from: string; drop: string[] }>> = {
  "hashicorp/random": { random_password: { from: "random_password", drop: ["keepers", "id"] } },
};

export interface DeriveResult {
  schema: Omit<ProviderSchema, "origin">;
  unresolved: string[];
}

/** Derives the whole schema of a binding package directory (…/node_modules/@cdktf/provider-x). */
export function deriveSchema(packageDir: string, providerSource: string): DeriveResult {
  const lib = path.join(packageDir, "lib");
  const schema: DeriveResult["schema"] = {
    format_version: "1.0",
    provider: { version: 0, block: {} },
    resource_schemas: {},
    data_source_schemas: {},
    ephemeral_resource_schemas: {},
    rules: {},
    underivedRules: 0,
  };
  const unresolved: string[] = [];
  for (const dir of fs.readdirSync(lib).sort()) {
    const jsFile = path.join(lib, dir, "index.js");
    if (!fs.existsSync(jsFile)) continue;
    // Large resources keep their structs in index-structs/structs<N>.js: read the module's every file.
    const structsDir = path.join(lib, dir, "index-structs");
    const extra = fs.existsSync(structsDir)
      ? fs
          .readdirSync(structsDir)
          .filter((f) => f.endsWith(".js"))
          .sort()
          .map((f) => path.join(structsDir, f))
      : [];
    const ts = [jsFile, ...extra]
      .map(generatedSource)
      .filter((t): t is string => !!t)
      .join("\n");
    if (!ts) continue;
    const file = new SourceFile(ts);
    if (!file.main) continue;
    const deriver = new Deriver(file);
    const typeSchema: TypeSchema = {
      version: 0,
      block: deriver.block(file.main.name, file.main.name, file.main.tfType),
    };
    unresolved.push(...deriver.unresolved);
    if (file.main.kind === "provider") {
      schema.provider = typeSchema;
      continue;
    }
    const { rules, underived } = deriver.rules();
    schema.underivedRules += underived;
    const key = file.main.kind === "data" ? `data.${file.main.tfType}` : file.main.tfType;
    if (rules.length) schema.rules[key] = rules;
    (file.main.kind === "data" ? schema.data_source_schemas : schema.resource_schemas)[file.main.tfType] = typeSchema;
  }
  for (const [type, rules] of Object.entries(PROVIDER_FACTS[providerSource] ?? {}))
    schema.rules[type] = [...(schema.rules[type] ?? []), ...rules];
  for (const [name, spec] of Object.entries(EPHEMERAL_FROM_RESOURCES[providerSource] ?? {})) {
    const source = schema.resource_schemas[spec.from];
    if (!source) continue;
    const attributes = Object.fromEntries(
      Object.entries(source.block.attributes ?? {}).filter(([n]) => !spec.drop.includes(n)),
    );
    schema.ephemeral_resource_schemas[name] = { version: 0, block: { ...source.block, attributes } };
  }
  return { schema, unresolved };
}
