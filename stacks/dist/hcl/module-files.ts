/**
 * Scripts as real files in the published module. The constructs embed scripts in strings (the admin bootstrap
 * travels base64-encoded inside a start command; the VM's cloud-init is one long template): correct, but no
 * reviewer can read a base64 blob or an 18 KB string. Before rendering, this moves them into the module:
 * - a known text whose base64 appears in a string → `files/<name>`, read with `filebase64()` where the blob was
 *   (Terraform computes the same blob): `${filebase64(...)}` in text, `filebase64(...)` for a quoted blob in an
 *   expression;
 * - a known text that is a whole string value → `${file("${path.module}/files/<name>")}`;
 * - a whole template value at a given address (with interpolations) → `templates/<name>`, read with
 *   `templatefile()`, each interpolation becoming a named template variable.
 * `inlineModuleFiles` is the inverse; the equivalence test runs it on the rendered HCL to prove that the files
 * and the calls reading them give back exactly the strings the constructs built.
 */
import type { Json } from "../module-json";
import { tokenize } from "./expression/lexer";
import { splitTemplate } from "./expression/template";

/** A text a construct embeds, published as a file of the module. */
export interface EmbeddedFile {
  /** Path in the module, e.g. `files/admin-bootstrap.py`. */
  readonly path: string;
  /** The text (the value the program reads, not a Terraform template). */
  readonly content: string;
}

/** A template value published as a file read with `templatefile()`. */
export interface TemplateFile {
  /** Where the value is: a dotted path of the Terraform JSON, e.g. `locals.user_data`. */
  readonly at: string;
  /** Path in the module, e.g. `templates/user-data.yaml.tftpl`. */
  readonly path: string;
  /**
   * Names for template variables whose expression the default naming cannot name well: name → a piece of text
   * only that expression contains. @default {}
   */
  readonly names?: Readonly<Record<string, string>>;
}

/** What to move out of one module's configuration. */
export interface ModuleFileSpec {
  readonly embedded?: readonly EmbeddedFile[];
  readonly templates?: readonly TemplateFile[];
}

/** The configuration with the texts replaced by reads, and the files to write beside it. */
export interface ExtractedModule {
  readonly config: Record<string, Json>;
  readonly files: Record<string, string>;
}

const fileCall = (file: string) => `file("\${path.module}/${file}")`;
const base64Call = (file: string) => `filebase64("\${path.module}/${file}")`;

/** `text` with every `encoded` blob replaced by a `filebase64()` read of `file`, as text or as an expression. */
function replaceBlob(text: string, encoded: string, file: string): string {
  return splitTemplate(text)
    .map((part) => {
      if (part.kind === "literal") return part.text.split(encoded).join(`\${${base64Call(file)}}`);
      if (part.kind === "directive") return part.text;
      const expression = part.expression.split(`"${encoded}"`).join(base64Call(file)).split(encoded).join(`\${${base64Call(file)}}`);
      return `\${${part.stripLeft ? "~" : ""}${expression}${part.stripRight ? "~" : ""}}`;
    })
    .join("");
}

/** Walks every string of a JSON value, replacing it with `replace(string)`. */
function mapStrings(value: Json, replace: (text: string) => string): Json {
  if (typeof value === "string") return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, replace));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, replace)]));
  return value;
}

/** A JSON template's literal text for `content`: `${` and `%{` escaped, as a template must spell them. */
export function asTemplateLiteral(content: string): string {
  // Replacement functions, not strings: in a replacement string "$$" means one "$".
  return content.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** Moves the embedded texts and templates of `spec` out of `config`. Throws when a declared text is not found. */
export function extractModuleFiles(config: Record<string, Json>, spec: ModuleFileSpec): ExtractedModule {
  const files: Record<string, string> = {};
  let result = config as Json;
  for (const embedded of spec.embedded ?? []) {
    const encoded = Buffer.from(embedded.content, "utf8").toString("base64");
    const whole = asTemplateLiteral(embedded.content);
    let found = 0;
    result = mapStrings(result, (text) => {
      if (text === whole) {
        found++;
        return `\${${fileCall(embedded.path)}}`;
      }
      if (!text.includes(encoded)) return text;
      found++;
      return replaceBlob(text, encoded, embedded.path);
    });
    if (found === 0) throw new Error(`${embedded.path}: its text is not in the module's configuration (stale file list?)`);
    files[embedded.path] = embedded.content;
  }
  // After the embedded texts: a template then reads them through a variable instead of holding their blob.
  for (const template of spec.templates ?? []) {
    const { value, text } = extractTemplate(result, template);
    result = value;
    files[template.path] = text;
  }
  return { config: result as Record<string, Json>, files };
}

function getAt(value: Json, path: string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, Json>)[key];
  }
  return current;
}

function setAt(value: Json, path: string[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const object = value as Record<string, Json>;
  return { ...object, [path[0]]: setAt(object[path[0]], path.slice(1), replacement) };
}

/**
 * A readable template variable name for an interpolated expression: the variable or attribute it reads
 * (`var.database_host` → `database_host`, `tostring(var.port)` → `port`, `base64encode(var.ca)` → `ca_base64`,
 * a published file's base64 → `<file>_base64`), else `value`; numbered when taken.
 */
function variableName(expression: string, taken: Set<string>, names: Readonly<Record<string, string>>): string {
  const text = expression.trim();
  const named = Object.entries(names).find(([, piece]) => text.includes(piece));
  const file = /^filebase64\("\$\{path\.module\}\/[^"]*\/([^"/]+)"\)$/.exec(text);
  const variables = [...new Set([...text.matchAll(/\b(?:var|local)\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]))];
  const traversal = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(text) ? text.split(".") : undefined;
  let base = "value";
  if (named) base = named[0];
  else if (file) base = `${file[1]}_base64`;
  else if (traversal && !["var", "local"].includes(traversal[0])) base = traversal.slice(-2).join("_");
  else if (variables.length === 1) base = /^base64encode\(/.test(text) ? `${variables[0]}_base64` : variables[0];
  base = base.replace(/[^A-Za-z0-9_]/g, "_");
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

function extractTemplate(config: Json, spec: TemplateFile): { value: Json; text: string } {
  const path = spec.at.split(".");
  const value = getAt(config, path);
  if (typeof value !== "string") throw new Error(`${spec.at}: no string value there to publish as ${spec.path}`);
  const names = new Map<string, string>();
  const taken = new Set<string>();
  let text = "";
  for (const part of splitTemplate(value)) {
    if (part.kind === "literal") text += part.text;
    else if (part.kind === "directive")
      throw new Error(`${spec.at}: template directives (${part.text}) cannot move to templatefile() unchanged`);
    else {
      const expression = part.expression.trim();
      if (!names.has(expression)) names.set(expression, variableName(expression, taken, spec.names ?? {}));
      text += `\${${part.stripLeft ? "~" : ""}${names.get(expression)}${part.stripRight ? "~" : ""}}`;
    }
  }
  const variables = [...names].map(([expression, name]) => `"${name}" = ${expression}`).join(", ");
  const call = `\${templatefile("\${path.module}/${spec.path}", {${variables}})}`;
  return { value: setAt(config, path, call), text };
}

/**
 * The inverse of {@link extractModuleFiles}: every read of a published file replaced by the text it reads, so a
 * test can compare the result with the configuration the constructs built.
 */
export function inlineModuleFiles(config: Record<string, Json>, files: Readonly<Record<string, string>>): Record<string, Json> {
  const read = (file: string) => {
    if (!(file in files)) throw new Error(`${file}: read by the module but not published with it`);
    return files[file];
  };
  const fileRead = /^\$\{file\("\$\{path\.module\}\/([^"]+)"\)\}$/;
  const base64Text = /\$\{filebase64\("\$\{path\.module\}\/([^"]+)"\)\}/g;
  const base64Expression = /filebase64\("\$\{path\.module\}\/([^"]+)"\)/g;
  const blob = (file: string) => Buffer.from(read(file), "utf8").toString("base64");
  const templateRead = /^\$\{templatefile\("\$\{path\.module\}\/([^"]+)", (\{.*\})\)\}$/s;
  return mapStrings(config, (text) => {
    const whole = fileRead.exec(text);
    if (whole) return asTemplateLiteral(read(whole[1]));
    const template = templateRead.exec(text);
    // A template may itself read a published file (through one of its variables).
    const filled = template ? fillTemplate(read(template[1]), templateArguments(template[2])) : text;
    return filled.replace(base64Text, (_, file: string) => blob(file)).replace(base64Expression, (_, file: string) => `"${blob(file)}"`);
  }) as Record<string, Json>;
}

/** `{"name" = expression, ...}` (as `extractTemplate` writes it) → name → expression source. */
function templateArguments(object: string): Map<string, string> {
  const tokens = tokenize(object);
  const result = new Map<string, string>();
  let depth = 0;
  let item: typeof tokens = [];
  const flush = () => {
    if (item.length === 0) return;
    if (item.length < 3 || item[0].kind !== "string" || item[1].text !== "=")
      throw new Error(`templatefile() variables: cannot read ${object.slice(item[0].start, item[item.length - 1].end)}`);
    result.set(JSON.parse(item[0].text) as string, object.slice(item[2].start, item[item.length - 1].end));
    item = [];
  };
  for (const token of tokens) {
    if (token.kind === "newline") continue;
    if ("([{".includes(token.text) && token.kind === "punctuation") depth++;
    if (")]}".includes(token.text) && token.kind === "punctuation") depth--;
    if (depth === 1 && token.text === "," && token.kind === "punctuation") flush();
    else if (!(token.kind === "punctuation" && ((depth === 1 && token.text === "{") || (depth === 0 && token.text === "}"))))
      item.push(token);
  }
  flush();
  return result;
}

/** A `templatefile()` template with each `${name}` replaced by the expression it stands for. */
function fillTemplate(template: string, variables: Map<string, string>): string {
  return splitTemplate(template)
    .map((part) => {
      if (part.kind !== "interpolation") return part.kind === "literal" ? part.text : part.text;
      const expression = variables.get(part.expression.trim());
      if (expression === undefined) throw new Error(`template variable ${part.expression} is not passed to templatefile()`);
      return `\${${part.stripLeft ? "~" : ""}${expression}${part.stripRight ? "~" : ""}}`;
    })
    .join("");
}
