/**
 * Structural checks of synthesized Terraform configurations (docs/architecture.md, "Verification ladder, as built": structure).
 *
 * Google and DigitalOcean configurations cannot be run through `terraform validate` on these machines, so
 * these checks stand in for the parts of it that do not need provider schemas: every reference resolves,
 * module calls match the called module's variables and outputs, published modules carry no provider or
 * backend and declare version ranges, variables and outputs are typed and described, secrets are marked
 * `sensitive`, examples parse as HCL, deployable stacks are pinned and contain no machine-specific paths.
 *
 * Every check is a function from configuration(s) to a list of problems (empty when all is well), each a
 * sentence that names where the problem is, e.g. `output.url.value: ${var.domian} refers to undeclared
 * variable "domian"`. Configurations are Terraform JSON (`*.tf.json`, `cdk.tf.json`, or HCL parsed by
 * `hcl.ts`), with cdktf's `//` metadata keys allowed anywhere.
 */
import * as os from "os";
import { parseHcl, type TerraformJson } from "./hcl";

export type { TerraformJson } from "./hcl";

// ---------------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------------

/** What a reference points at. */
export type ReferenceKind = "var" | "local" | "module" | "data" | "ephemeral" | "resource" | "meta" | "bare";

/** One reference found in a Terraform expression, e.g. `module.database[*].cluster_id`. */
export interface Reference {
  /** `var`, `local`, `module`, `data`, `ephemeral`, `resource`; `meta` for each/count/self/path/terraform; `bare` for a lone name. */
  readonly kind: ReferenceKind;
  /** The first name of the traversal: `var`, `module`, `digitalocean_vpc`, ... */
  readonly root: string;
  /** Attribute names after the root, index and splat steps left out (`module.db[*].id` → `["db", "id"]`). */
  readonly names: readonly string[];
  /** The reference as written, indexes shortened to `[…]`. */
  readonly text: string;
}

/** Names that are never references to declared objects. */
const META_ROOTS = new Set(["each", "count", "self", "path", "terraform"]);
/** Language keywords that look like identifiers. */
const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if"]);

type Token =
  | { readonly t: "ident"; readonly v: string }
  | { readonly t: "num" }
  | { readonly t: "nl" }
  | { readonly t: "p"; readonly v: string }
  /** A quoted string or heredoc: a nested template between `start` and `end` of the source. */
  | { readonly t: "str"; readonly start: number; readonly end: number; readonly quoted: boolean };

/** A syntax error in an expression. */
class ExpressionError extends Error {}

const PUNCT3 = ["..."];
const PUNCT2 = ["=>", "==", "!=", "<=", ">=", "&&", "||", "::"];
const PUNCT1 = "{}[]().,:?=!<>+-*/%~";

/**
 * Tokenizes an expression starting at `pos`. With `stopAtBrace`, stops at the `}` that closes an
 * interpolation and returns its index as `end`; otherwise reads to the end of `src`.
 */
function tokenize(src: string, pos: number, stopAtBrace: boolean): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let braces = 0;
  let i = pos;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "\n") {
      tokens.push({ t: "nl" });
      i++;
    } else if (c === "#" || (c === "/" && src[i + 1] === "/")) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      if (close < 0) throw new ExpressionError("unterminated /* comment");
      i = close + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i, i + 256)) as RegExpExecArray;
      tokens.push({ t: "ident", v: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 64)) as RegExpExecArray;
      tokens.push({ t: "num" });
      i += m[0].length;
    } else if (c === '"') {
      const end = skipQuoted(src, i + 1);
      tokens.push({ t: "str", start: i + 1, end, quoted: true });
      i = end + 1;
    } else if (c === "<" && src[i + 1] === "<" && /^<<-?[A-Za-z_][A-Za-z0-9_-]*\r?\n/.test(src.slice(i, i + 256))) {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(src.slice(i, i + 256)) as RegExpExecArray;
      const bodyStart = i + m[0].length;
      const closer = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(\\r?\\n|$)`, "g");
      closer.lastIndex = bodyStart - 1;
      const found = closer.exec(src);
      if (!found) throw new ExpressionError(`unterminated heredoc <<${m[1]}`);
      tokens.push({ t: "str", start: bodyStart, end: found.index + 1, quoted: false });
      i = found.index + found[0].length;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      let v: string;
      if (PUNCT3.includes(three)) v = three;
      else if (PUNCT2.includes(two)) v = two;
      else if (PUNCT1.includes(c)) v = c;
      else throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`);
      if (v === "{") braces++;
      if (v === "}") {
        if (braces === 0 && stopAtBrace) return { tokens, end: i };
        braces--;
        if (braces < 0) throw new ExpressionError("unbalanced }");
      }
      tokens.push({ t: "p", v });
      i += v.length;
    }
  }
  if (stopAtBrace) throw new ExpressionError("unterminated ${ interpolation");
  if (braces !== 0) throw new ExpressionError("unbalanced {");
  return { tokens, end: i };
}

/** From just after an opening quote, returns the index of the closing quote (templates may nest). */
function skipQuoted(src: string, pos: number): number {
  let i = pos;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i;
    else if ((c === "$" && src.startsWith("$${", i)) || (c === "%" && src.startsWith("%%{", i))) i += 3;
    else if ((c === "$" || c === "%") && src[i + 1] === "{") i = tokenize(src, i + 2, true).end + 1;
    else if (c === "\n") throw new ExpressionError("unterminated string literal");
    else i++;
  }
  throw new ExpressionError("unterminated string literal");
}

/** Drops `~` strip markers at either end of an interpolation or directive. */
function stripMarkers(tokens: Token[]): Token[] {
  let from = 0;
  let to = tokens.length;
  while (from < to && tokens[from].t === "p" && (tokens[from] as { v: string }).v === "~") from++;
  while (to > from && tokens[to - 1].t === "p" && (tokens[to - 1] as { v: string }).v === "~") to--;
  return tokens.slice(from, to);
}

/**
 * Scans a template (a Terraform JSON string, a quoted string inside an expression, or a heredoc) from
 * `start` to `end`, collecting references from its `${...}` interpolations and `%{...}` directives.
 * `$${` and `%%{` are escapes for literal text. `%{ for x in ... }` puts `x` in scope until `%{ endfor }`.
 */
function scanTemplate(
  src: string,
  start: number,
  end: number,
  quoted: boolean,
  scope: ReadonlySet<string>,
  out: Reference[],
): void {
  const scopes: Array<ReadonlySet<string>> = [scope];
  const current = () => scopes[scopes.length - 1];
  let i = start;
  while (i < end) {
    const c = src[i];
    if (quoted && c === "\\") {
      i += 2;
    } else if ((c === "$" && src.startsWith("$${", i)) || (c === "%" && src.startsWith("%%{", i))) {
      i += 3;
    } else if (c === "$" && src[i + 1] === "{") {
      const { tokens, end: close } = tokenize(src, i + 2, true);
      const expr = stripMarkers(tokens);
      if (expr.length === 0) throw new ExpressionError("empty ${} interpolation");
      analyze(src, expr, current(), out);
      i = close + 1;
    } else if (c === "%" && src[i + 1] === "{") {
      const { tokens, end: close } = tokenize(src, i + 2, true);
      const directive = stripMarkers(tokens);
      const head = directive[0];
      const keyword = head?.t === "ident" ? head.v : "";
      if (keyword === "for") {
        const names: string[] = [];
        let j = 1;
        for (; j < directive.length; j++) {
          const tok = directive[j];
          if (tok.t === "ident" && tok.v === "in") break;
          if (tok.t === "ident") names.push(tok.v);
        }
        if (j >= directive.length || names.length === 0) throw new ExpressionError("malformed %{ for } directive");
        analyze(src, directive.slice(j + 1), current(), out);
        scopes.push(new Set([...current(), ...names]));
      } else if (keyword === "endfor") {
        if (scopes.length === 1) throw new ExpressionError("%{ endfor } without %{ for }");
        scopes.pop();
      } else if (keyword === "if") {
        analyze(src, directive.slice(1), current(), out);
      } else if (keyword !== "else" && keyword !== "endif") {
        throw new ExpressionError(`unknown template directive %{ ${keyword} }`);
      }
      i = close + 1;
    } else {
      i++;
    }
  }
}

/** Index of the bracket closing the one at `open`, or -1. */
function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const tok = tokens[j];
    if (tok.t !== "p") continue;
    if ("([{".includes(tok.v)) depth++;
    else if (")]}".includes(tok.v) && --depth === 0) return j;
  }
  return -1;
}

const isP = (tok: Token | undefined, v: string): boolean => tok !== undefined && tok.t === "p" && tok.v === v;

/** Finds the references in a token list, skipping attribute names, function names, object keys and local names. */
function analyze(src: string, tokens: Token[], scope: ReadonlySet<string>, out: Reference[]): void {
  interface Frame {
    readonly object: boolean;
    expectKey: boolean;
    readonly names: string[];
  }
  const stack: Frame[] = [];
  const inScope = (name: string) => scope.has(name) || stack.some((f) => f.names.includes(name));
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const top = stack[stack.length - 1] as Frame | undefined;
    if (tok.t === "p") {
      if (tok.v === "(" || tok.v === "[" || tok.v === "{") {
        const isFor = next?.t === "ident" && next.v === "for" && tok.v !== "(";
        const frame: Frame = { object: tok.v === "{" && !isFor, expectKey: true, names: [] };
        stack.push(frame);
        if (isFor) {
          let j = i + 2;
          for (; j < tokens.length; j++) {
            const t = tokens[j];
            if (t.t === "ident" && t.v === "in") break;
            if (t.t === "ident") frame.names.push(t.v);
          }
          if (j >= tokens.length || frame.names.length === 0) throw new ExpressionError("malformed for expression");
          i = j;
        }
      } else if (tok.v === ")" || tok.v === "]" || tok.v === "}") {
        if (stack.pop() === undefined) throw new ExpressionError(`unbalanced ${tok.v}`);
      } else if (top) {
        top.expectKey = tok.v === ",";
      }
      continue;
    }
    if (tok.t === "nl") {
      if (top) top.expectKey = true;
      continue;
    }
    const keyPosition = top !== undefined && top.object && top.expectKey;
    if (top) top.expectKey = false;
    if (tok.t === "str") {
      scanTemplate(src, tok.start, tok.end, tok.quoted, new Set([...scope, ...stack.flatMap((f) => f.names)]), out);
      continue;
    }
    if (tok.t === "num") continue;
    // An identifier.
    if (isP(prev, ".") || isP(prev, "::")) continue; // attribute name, or provider::ns::function
    if (isP(next, "(") || isP(next, "::")) continue; // function call
    if (keyPosition && (isP(next, "=") || isP(next, ":"))) continue; // object key
    if (KEYWORDS.has(tok.v) || inScope(tok.v)) continue;
    const path: string[] = [];
    let text = tok.v;
    let j = i + 1;
    while (j < tokens.length) {
      const a = tokens[j];
      const b = tokens[j + 1];
      if (isP(a, ".") && b?.t === "ident") {
        path.push(b.v);
        text += `.${b.v}`;
        j += 2;
      } else if (isP(a, ".") && (isP(b, "*") || b?.t === "num")) {
        text += isP(b, "*") ? ".*" : ".[…]";
        j += 2;
      } else if (isP(a, "[")) {
        const close = matching(tokens, j);
        if (close < 0) break;
        text += close === j + 2 && isP(tokens[j + 1], "*") ? "[*]" : "[…]";
        j = close + 1;
      } else break;
    }
    out.push({ kind: classify(tok.v, path), root: tok.v, names: path, text });
  }
  if (stack.length > 0) throw new ExpressionError("unclosed bracket");
}

function classify(root: string, names: string[]): ReferenceKind {
  if (META_ROOTS.has(root)) return "meta";
  if (root === "var" || root === "local" || root === "module" || root === "data" || root === "ephemeral") return root;
  return names.length === 0 ? "bare" : "resource";
}

/**
 * The references in a Terraform JSON string (a template: literal text with `${...}` and `%{...}`).
 * Names in `scope` (for-expression variables, dynamic-block iterators) are not references.
 * Throws on a malformed expression.
 */
export function referencesInTemplate(template: string, scope: Iterable<string> = []): Reference[] {
  const out: Reference[] = [];
  scanTemplate(template, 0, template.length, false, new Set(scope), out);
  return out;
}

/**
 * The references in a bare expression, as Terraform's JSON syntax writes `depends_on` and
 * `replace_triggered_by` entries (`"digitalocean_database_cluster.this"`). A string containing `${`
 * is read as a template instead. Throws on a malformed expression.
 */
export function referencesInExpression(expression: string, scope: Iterable<string> = []): Reference[] {
  if (expression.includes("${")) return referencesInTemplate(expression, scope);
  const out: Reference[] = [];
  analyze(expression, tokenize(expression, 0, false).tokens, new Set(scope), out);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Walking a configuration
// ---------------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** Block bodies of a value that may be one object or an array of them (hcl2json, cdktf `validation`). */
const bodies = (v: unknown): Obj[] => asList(v).filter(isObj);
const entries = (v: unknown): Array<[string, unknown]> =>
  isObj(v) ? Object.entries(v).filter(([k]) => k !== "//") : [];

/** A place in a configuration that holds an expression. */
interface Site {
  /** Where it is, e.g. `resource.digitalocean_app.this.spec.env[0].value`. */
  readonly where: string;
  readonly value: string;
  readonly scope: ReadonlySet<string>;
  /** `template`: a JSON string; `depends_on`/`replace_triggered_by`: bare references. */
  readonly mode: "template" | "depends_on" | "replace_triggered_by";
}

/** Every string under `value`, with dynamic-block iterators in scope for their content. */
function walkValue(value: unknown, where: string, scope: ReadonlySet<string>, sites: Site[]): void {
  if (typeof value === "string") {
    sites.push({ where, value, scope, mode: "template" });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walkValue(item, `${where}[${i}]`, scope, sites));
  } else if (isObj(value)) {
    for (const [key, child] of entries(value)) {
      if (key === "dynamic") walkDynamic(child, `${where}.dynamic`, scope, sites);
      else walkValue(child, `${where}.${key}`, scope, sites);
    }
  }
}

/** `dynamic "<block>" { for_each, iterator, labels, content }`: the iterator is in scope in labels and content. */
function walkDynamic(value: unknown, where: string, scope: ReadonlySet<string>, sites: Site[]): void {
  for (const [block, specs] of entries(value)) {
    for (const spec of bodies(specs)) {
      const iterator = typeof spec.iterator === "string" ? spec.iterator.replace(/^\$\{(.*)\}$/, "$1").trim() : block;
      const inner = new Set([...scope, iterator]);
      for (const [key, child] of entries(spec)) {
        if (key === "iterator") continue;
        walkValue(child, `${where}.${block}.${key}`, key === "for_each" ? scope : inner, sites);
      }
    }
  }
}

/** A resource, data, ephemeral or module body: meta-arguments that are not templates get their own handling. */
function walkBlockBody(body: Obj, where: string, sites: Site[], skip: ReadonlySet<string> = new Set()): void {
  const none = new Set<string>();
  for (const [key, value] of entries(body)) {
    if (skip.has(key) || key === "provider" || key === "providers") continue;
    if (key === "depends_on") {
      asList(value).forEach(
        (v, i) =>
          typeof v === "string" &&
          sites.push({ where: `${where}.depends_on[${i}]`, value: v, scope: none, mode: "depends_on" }),
      );
    } else if (key === "lifecycle") {
      for (const lifecycle of bodies(value)) {
        asList(lifecycle.replace_triggered_by).forEach(
          (v, i) =>
            typeof v === "string" &&
            sites.push({
              where: `${where}.lifecycle.replace_triggered_by[${i}]`,
              value: v,
              scope: none,
              mode: "replace_triggered_by",
            }),
        );
        for (const cond of ["precondition", "postcondition"]) {
          if (lifecycle[cond] !== undefined) walkValue(lifecycle[cond], `${where}.lifecycle.${cond}`, none, sites);
        }
      }
    } else if (key === "dynamic") {
      walkDynamic(value, `${where}.dynamic`, none, sites);
    } else {
      walkValue(value, `${where}.${key}`, none, sites);
    }
  }
}

/** Every expression site in a configuration. */
function sitesOf(config: TerraformJson): Site[] {
  const sites: Site[] = [];
  const none = new Set<string>();
  for (const [name, variable] of entries(config.variable)) {
    for (const body of bodies(variable)) {
      bodies(body.validation).forEach((validation, i) => {
        for (const key of ["condition", "error_message"]) {
          if (validation[key] !== undefined)
            walkValue(validation[key], `variable.${name}.validation[${i}].${key}`, none, sites);
        }
      });
    }
  }
  for (const locals of bodies(config.locals)) {
    for (const [name, value] of entries(locals)) walkValue(value, `local.${name}`, none, sites);
  }
  for (const [name, output] of entries(config.output)) {
    for (const body of bodies(output))
      walkBlockBody(body, `output.${name}`, sites, new Set(["description", "sensitive", "ephemeral"]));
  }
  for (const [name, call] of entries(config.module)) {
    for (const body of bodies(call)) walkBlockBody(body, `module.${name}`, sites, new Set(["source", "version"]));
  }
  for (const kind of ["resource", "data", "ephemeral"]) {
    for (const [type, byName] of entries(config[kind])) {
      for (const [name, body] of entries(byName)) {
        for (const b of bodies(body)) walkBlockBody(b, `${kind}.${type}.${name}`, sites);
      }
    }
  }
  for (const [name, provider] of entries(config.provider)) {
    bodies(provider).forEach((body, i) => walkBlockBody(body, `provider.${name}[${i}]`, sites, new Set(["alias"])));
  }
  for (const [name, check] of entries(config.check)) walkValue(check, `check.${name}`, none, sites);
  return sites;
}

/** A reference with the place it was found. */
export interface LocatedReference {
  /** Where in the configuration, e.g. `output.url.value`. */
  readonly where: string;
  /** What was referenced. */
  readonly reference: Reference;
  /** `template` for ordinary expressions; the meta-argument for bare references. */
  readonly mode: Site["mode"];
}

/**
 * Every reference in a configuration, with where it was found, plus the expressions that do not parse
 * (as problems).
 */
export function collectReferences(config: TerraformJson): { references: LocatedReference[]; problems: string[] } {
  const references: LocatedReference[] = [];
  const problems: string[] = [];
  for (const site of sitesOf(config)) {
    // Terraform's JSON syntax takes these as bare expressions: a "${...}" template there fails `terraform init`.
    if (site.mode !== "template" && site.value.includes("${")) {
      problems.push(
        `${site.where}: ${site.mode} entry ${JSON.stringify(site.value)} must be a bare reference, not a "\${...}" template`,
      );
    }
    try {
      const found =
        site.mode === "template"
          ? referencesInTemplate(site.value, site.scope)
          : referencesInExpression(site.value, site.scope);
      for (const reference of found) references.push({ where: site.where, reference, mode: site.mode });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      problems.push(`${site.where}: cannot parse ${JSON.stringify(site.value.slice(0, 120))}: ${error.message}`);
    }
  }
  return { references, problems };
}

// ---------------------------------------------------------------------------------------------------
// 1. References
// ---------------------------------------------------------------------------------------------------

/** Names declared by a configuration. */
interface Declarations {
  readonly variables: Set<string>;
  readonly locals: Set<string>;
  readonly modules: Set<string>;
  /** `type.name` of managed resources, data sources (`data.` prefix) and ephemeral resources (`ephemeral.` prefix). */
  readonly addresses: Set<string>;
}

function declarationsOf(config: TerraformJson): Declarations {
  const addresses = new Set<string>();
  for (const kind of ["resource", "data", "ephemeral"]) {
    for (const [type, byName] of entries(config[kind])) {
      for (const [name] of entries(byName)) addresses.add(`${kind === "resource" ? "" : `${kind}.`}${type}.${name}`);
    }
  }
  return {
    variables: new Set(entries(config.variable).map(([k]) => k)),
    locals: new Set(bodies(config.locals).flatMap((l) => entries(l).map(([k]) => k))),
    modules: new Set(entries(config.module).map(([k]) => k)),
    addresses,
  };
}

/** Why `reference` does not resolve in `declared`, or undefined when it does. */
function unresolved(reference: Reference, declared: Declarations): string | undefined {
  const [first, second] = reference.names;
  switch (reference.kind) {
    case "meta":
      return undefined;
    case "var":
      if (first === undefined) return "names no variable";
      return declared.variables.has(first) ? undefined : `refers to undeclared variable "${first}"`;
    case "local":
      if (first === undefined) return "names no local value";
      return declared.locals.has(first) ? undefined : `refers to undeclared local value "${first}"`;
    case "module":
      if (first === undefined) return "names no module";
      return declared.modules.has(first) ? undefined : `refers to undeclared module "${first}"`;
    case "data":
    case "ephemeral":
      if (first === undefined || second === undefined)
        return `names no ${reference.kind === "data" ? "data source" : "ephemeral resource"}`;
      return declared.addresses.has(`${reference.kind}.${first}.${second}`)
        ? undefined
        : `refers to undeclared ${reference.kind === "data" ? "data source" : "ephemeral resource"} ${reference.kind}.${first}.${second}`;
    case "resource":
      return declared.addresses.has(`${reference.root}.${first}`)
        ? undefined
        : `refers to undeclared resource ${reference.root}.${first}`;
    case "bare":
      return `uses "${reference.root}", which is neither a reference nor a local name`;
  }
}

/**
 * Checks that every reference in `config` resolves to something it declares: `var.X` to a variable,
 * `local.X` to a local value, `module.M...` to a module call, `data.T.N...` to a data source, `T.N...` to a
 * resource. `each`, `count`, `self`, `path`, `terraform`, function names, object keys, `for` expression
 * variables, dynamic-block iterators, string literals and escaped `$${...}` are not references.
 * `depends_on` entries must name a resource, data source or module; `replace_triggered_by` entries a
 * resource. Expressions that do not parse are problems too.
 */
export function checkReferences(config: TerraformJson): string[] {
  const declared = declarationsOf(config);
  const { references, problems } = collectReferences(config);
  for (const { where, reference, mode } of references) {
    const why = unresolved(reference, declared);
    if (why) {
      problems.push(`${where}: ${reference.text} ${why}`);
      continue;
    }
    if (mode === "depends_on" && !["resource", "data", "module"].includes(reference.kind)) {
      problems.push(`${where}: depends_on entry ${reference.text} must be a resource, data source or module`);
    }
    if (mode === "replace_triggered_by" && reference.kind !== "resource") {
      problems.push(`${where}: replace_triggered_by entry ${reference.text} must be a managed resource`);
    }
  }
  return [...new Set(problems)];
}

// ---------------------------------------------------------------------------------------------------
// 2. Module shape
// ---------------------------------------------------------------------------------------------------

/** A version constraint that admits more than one version. */
const isRange = (version: string): boolean => version.includes(">=") || version.includes("~>");
/** A version constraint that admits exactly one version: `1.2.3` or `= 1.2.3`. */
const isExactPin = (version: string): boolean => /^\s*=?\s*v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\s*$/.test(version);

/** Attributes that hold secrets whatever the resource (matched against the attribute name). */
const SECRET_ATTRIBUTE =
  /^(password|secret|secret_key|token|private_key|private_key_pem|.+_password|.+_secret|.+_token|.+_private_key)$/;
/** Secret attributes of particular resource types whose names do not say so. */
const SECRET_ATTRIBUTES_OF: Readonly<Record<string, readonly string[]>> = {
  random_password: ["result", "bcrypt_hash"],
  digitalocean_database_cluster: ["password", "uri", "private_uri"],
  digitalocean_database_connection_pool: ["password", "uri", "private_uri"],
  digitalocean_database_user: ["password"],
};

/** Why a reference carries a secret (variable marked sensitive, or a known secret attribute), if it does. */
function secretReason(reference: Reference, config: TerraformJson): string | undefined {
  const [first, second, third] = reference.names;
  switch (reference.kind) {
    case "var": {
      const variable = bodies(config.variable?.[first ?? ""])[0];
      return variable?.sensitive === true ? `variable "${first}" is sensitive` : undefined;
    }
    case "resource":
      if (second === undefined) return undefined;
      if (SECRET_ATTRIBUTES_OF[reference.root]?.includes(second) || SECRET_ATTRIBUTE.test(second))
        return `${reference.root}.${first}.${second} is a secret`;
      return undefined;
    case "data":
      if (third !== undefined && (SECRET_ATTRIBUTES_OF[first ?? ""]?.includes(third) || SECRET_ATTRIBUTE.test(third)))
        return `data.${first}.${second}.${third} is a secret`;
      return undefined;
    case "ephemeral":
      return `${reference.text} is ephemeral`;
    case "module":
      return second !== undefined && SECRET_ATTRIBUTE.test(second)
        ? `module.${first}.${second} is a secret`
        : undefined;
    default:
      return undefined;
  }
}

/** References in the value of each output, by output name (expressions that do not parse are skipped). */
function outputReferences(config: TerraformJson): Map<string, Reference[]> {
  const result = new Map<string, Reference[]>();
  for (const { where, reference } of collectReferences(config).references) {
    const m = /^output\.([^.[]+)\.value/.exec(where);
    if (!m) continue;
    const list = result.get(m[1]) ?? [];
    list.push(reference);
    result.set(m[1], list);
  }
  return result;
}

/**
 * Checks that every output whose value references a sensitive variable or a known secret attribute
 * (`password`, `*_password`, `secret_key`, `random_password.*.result`, ...) is marked `sensitive = true`.
 * Terraform refuses such outputs at plan time; this says so at test time.
 */
export function checkSensitiveOutputs(config: TerraformJson): string[] {
  const problems: string[] = [];
  for (const [name, references] of outputReferences(config)) {
    const output = bodies(config.output?.[name])[0];
    if (output?.sensitive === true) continue;
    const reasons = [
      ...new Set(references.map((r) => secretReason(r, config)).filter((r): r is string => r !== undefined)),
    ];
    if (reasons.length > 0) problems.push(`output.${name}: must be sensitive: ${reasons.join("; ")}`);
  }
  return problems;
}

/** Variable names Terraform reserves for module meta-arguments. */
const RESERVED_VARIABLE_NAMES = [
  "source",
  "version",
  "providers",
  "count",
  "for_each",
  "lifecycle",
  "depends_on",
  "locals",
];

/**
 * Checks what a published (child) module must look like: no `provider` block and no `terraform.backend`
 * (the caller owns both); every `required_providers` entry has a `source` and a version range (`>=` or
 * `~>`, never an exact pin); `terraform.required_version` is set; every variable has a `type` and a
 * description and an explicit `nullable` (false unless the default is null); every output has a description; outputs carrying secrets are `sensitive`; every
 * `validation` has a `condition` and an `error_message` that starts with "Invalid " and ends with ".".
 */
export function checkModuleShape(config: TerraformJson): string[] {
  const problems: string[] = [];
  if (config.provider !== undefined) {
    problems.push(
      `provider: a module must not configure providers (found ${Object.keys(config.provider).join(", ") || "an empty block"}); the caller does`,
    );
  }
  const terraform = Object.assign({}, ...bodies(config.terraform)) as Obj;
  if (terraform.backend !== undefined)
    problems.push("terraform.backend: a module must not declare a backend; the caller's root configuration does");
  if (terraform.cloud !== undefined)
    problems.push("terraform.cloud: a module must not configure HCP Terraform; the caller's root configuration does");
  if (typeof terraform.required_version !== "string" || terraform.required_version.trim() === "") {
    problems.push("terraform.required_version: must be set (the oldest Terraform that understands the module)");
  }
  const providers = Object.assign({}, ...bodies(terraform.required_providers)) as Obj;
  for (const [name, requirement] of entries(providers)) {
    const where = `terraform.required_providers.${name}`;
    if (!isObj(requirement)) {
      problems.push(`${where}: must be an object with source and version`);
      continue;
    }
    if (typeof requirement.source !== "string" || requirement.source === "") problems.push(`${where}: has no source`);
    const version = requirement.version;
    if (typeof version !== "string" || version.trim() === "") problems.push(`${where}: has no version constraint`);
    else if (isExactPin(version) || !isRange(version)) {
      problems.push(
        `${where}: version ${JSON.stringify(version)} must be a range (">= x, < y" or "~> x"), not an exact pin, so callers can upgrade`,
      );
    }
  }
  for (const [name, variable] of entries(config.variable)) {
    const body = bodies(variable)[0] ?? {};
    const where = `variable.${name}`;
    // Terraform refuses these names: they are meta-arguments of a module block.
    if (RESERVED_VARIABLE_NAMES.includes(name))
      problems.push(`${where}: "${name}" is a reserved variable name in Terraform`);
    if (typeof body.type !== "string" || body.type.trim() === "") problems.push(`${where}: has no type`);
    if (typeof body.description !== "string" || body.description.trim() === "")
      problems.push(`${where}: has no description`);
    // A null from a caller must never silently weaken a setting: only variables whose default is null accept it.
    if (typeof body.nullable !== "boolean")
      problems.push(`${where}: must say whether it accepts null (nullable = true or false)`);
    else if (body.default === null && body.nullable === false)
      problems.push(`${where}: a null default needs nullable = true`);
    bodies(body.validation).forEach((validation, i) => {
      const at = `${where}.validation[${i}]`;
      if (typeof validation.condition !== "string" || validation.condition.trim() === "")
        problems.push(`${at}: has no condition`);
      const message = validation.error_message;
      if (typeof message !== "string" || message.trim() === "") problems.push(`${at}: has no error_message`);
      else if (!message.startsWith("Invalid ") || !message.endsWith(".")) {
        problems.push(`${at}: error_message ${JSON.stringify(message)} must start with "Invalid " and end with "."`);
      }
    });
  }
  for (const [name, output] of entries(config.output)) {
    const body = bodies(output)[0] ?? {};
    if (typeof body.description !== "string" || body.description.trim() === "")
      problems.push(`output.${name}: has no description`);
  }
  problems.push(...checkSensitiveOutputs(config));
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// 3. Module calls
// ---------------------------------------------------------------------------------------------------

/** Arguments of a module block that are not input variables of the called module. */
const META_ARGUMENTS = new Set(["source", "version", "count", "for_each", "depends_on", "providers"]);

/** Normalizes a relative module path: `./modules/app/` → `modules/app`, `../..` stays. */
function normalizePath(source: string): string {
  const parts: string[] = [];
  for (const part of source.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** Problems of one `module` block calling `child`: unknown arguments and missing required variables. */
function checkCall(name: string, call: Obj, child: TerraformJson, where: string): string[] {
  const problems: string[] = [];
  const variables = Object.fromEntries(entries(child.variable).map(([k, v]) => [k, bodies(v)[0] ?? {}]));
  for (const [argument] of entries(call)) {
    if (META_ARGUMENTS.has(argument)) continue;
    if (!(argument in variables)) problems.push(`${where}.${argument}: module "${name}" has no variable "${argument}"`);
  }
  for (const [variable, body] of Object.entries(variables)) {
    if (!("default" in body) && !(variable in call))
      problems.push(`${where}: required variable "${variable}" of module "${name}" is not passed`);
    if (variable in call && body.nullable === false && mayBeNull(call[variable])) {
      problems.push(
        `${where}.${variable}: the argument can be null but variable "${variable}" of module "${name}" is not nullable`,
      );
    }
  }
  return problems;
}

/**
 * Whether an argument expression can evaluate to a literal `null` (comparisons with null do not count).
 * `one(module.x[*].y)` is not counted: the roots guard it with the same condition as the module's count.
 */
export function mayBeNull(argument: unknown): boolean {
  if (argument === null) return true;
  if (typeof argument !== "string") return false;
  return /\bnull\b/.test(argument.replace(/[!=]=\s*null\b/g, ""));
}

/**
 * `module.M.O` references in `config` must name outputs that `children[M]` declares, and an output of
 * `config` that passes on a sensitive child output must itself be sensitive.
 */
function checkChildOutputs(config: TerraformJson, children: ReadonlyMap<string, TerraformJson>): string[] {
  const problems: string[] = [];
  for (const { where, reference } of collectReferences(config).references) {
    if (reference.kind !== "module") continue;
    const [moduleName, outputName] = reference.names;
    const child = children.get(moduleName ?? "");
    if (!child || outputName === undefined) continue;
    if (!entries(child.output).some(([k]) => k === outputName)) {
      problems.push(
        `${where}: ${reference.text} names no output of module "${moduleName}" (it has ${
          entries(child.output)
            .map(([k]) => k)
            .join(", ") || "none"
        })`,
      );
    }
  }
  for (const [name, references] of outputReferences(config)) {
    if (bodies(config.output?.[name])[0]?.sensitive === true) continue;
    for (const reference of references) {
      if (reference.kind !== "module") continue;
      const [moduleName, outputName] = reference.names;
      const childOutput = bodies(children.get(moduleName ?? "")?.output?.[outputName ?? ""])[0];
      if (childOutput?.sensitive === true)
        problems.push(`output.${name}: must be sensitive: module.${moduleName}.${outputName} is sensitive`);
    }
  }
  return problems;
}

/**
 * Checks a root module against its local submodules (`submodules` keyed by folder relative to the root,
 * e.g. `modules/app`). For every `module` block with a local source (`./...`): the submodule exists, every
 * argument other than `source`, `version`, `count`, `for_each`, `depends_on` and `providers` is one of its
 * variables, every variable without a `default` is passed, and every `module.M.O` / `module.M[*].O`
 * reference names one of its outputs (sensitive outputs passed on must stay sensitive).
 */
export function checkModuleCalls(root: TerraformJson, submodules: Readonly<Record<string, TerraformJson>>): string[] {
  const problems: string[] = [];
  const byFolder = new Map(Object.entries(submodules).map(([folder, config]) => [normalizePath(folder), config]));
  const children = new Map<string, TerraformJson>();
  for (const [name, call] of entries(root.module)) {
    const body = bodies(call)[0] ?? {};
    const source = body.source;
    const where = `module.${name}`;
    if (typeof source !== "string") {
      problems.push(`${where}: has no source`);
      continue;
    }
    if (!source.startsWith("./") && !source.startsWith("../")) continue;
    const child = byFolder.get(normalizePath(source));
    if (!child) {
      problems.push(
        `${where}.source: no submodule at ${JSON.stringify(source)} (have ${[...byFolder.keys()].join(", ") || "none"})`,
      );
      continue;
    }
    children.set(name, child);
    problems.push(...checkCall(name, body, child, where));
  }
  problems.push(...checkChildOutputs(root, children));
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// 4. Examples
// ---------------------------------------------------------------------------------------------------

/**
 * Checks an example root configuration written in HCL: it parses (with the HCL parser Terraform uses,
 * via `@cdktf/hcl2json`), its own references resolve, at least one `module` block calls the module root
 * (`source = "../.."`), and for each such block every argument is a root variable, every required root
 * variable is passed, every `module.<name>.X` reference names a root output, and outputs passing on a
 * sensitive root output are sensitive.
 */
export async function checkExample(
  hclText: string,
  rootModule: TerraformJson,
  filename = "main.tf",
): Promise<string[]> {
  const parsed = await parseHcl(filename, hclText);
  if (!parsed.ok) return [`${filename}: HCL does not parse: ${parsed.error}`];
  const config = parsed.json;
  const problems = [...parsed.problems, ...checkReferences(config).map((p) => `${filename}: ${p}`)];
  const children = new Map<string, TerraformJson>();
  for (const [name, call] of entries(config.module)) {
    const body = bodies(call)[0] ?? {};
    if (typeof body.source !== "string" || normalizePath(body.source) !== "../..") continue;
    children.set(name, rootModule);
    problems.push(...checkCall(name, body, rootModule, `${filename}: module.${name}`));
  }
  if (children.size === 0)
    problems.push(`${filename}: no module block has source = "../.." (the module this example is for)`);
  problems.push(...checkChildOutputs(config, children).map((p) => `${filename}: ${p}`));
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// 5. Deployable stacks
// ---------------------------------------------------------------------------------------------------

/** Directories that only exist on the machine that synthesized (home folders, CI workspaces). */
const MACHINE_ROOTS = [
  "/work/",
  "/home/",
  "/Users/",
  "/root/",
  "/private/var/",
  "/var/folders/",
  "/builds/",
  "/runner/",
  "/github/workspace/",
];

/**
 * Absolute filesystem paths of the synthesizing machine inside `text`: anything under home folders,
 * CI workspaces, the current directory or the home directory, and Windows drive paths. Paths inside URLs
 * (`https://host/home/...`) and container paths such as `/static/...` or `/etc/...` are not reported.
 */
export function findAbsolutePaths(text: string): string[] {
  const roots = [...MACHINE_ROOTS];
  for (const dir of [process.cwd(), os.homedir()]) {
    if (dir.length > 1) roots.push(dir.endsWith("/") ? dir : `${dir}/`, dir);
  }
  const escaped = roots.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const unix = new RegExp(`(?<![\\w.~:/%-])(?:${escaped.join("|")})[^\\s"'\`,;)]*`, "g");
  const windows = /(?<![\w])[A-Za-z]:\\[^\s"'`,;)]*/g;
  return [...new Set([...(text.match(unix) ?? []), ...(text.match(windows) ?? [])])];
}

/** Where every string in `value` is (skipping `//` metadata). */
function eachString(value: unknown, where: string, visit: (where: string, text: string) => void): void {
  if (typeof value === "string") visit(where, value);
  else if (Array.isArray(value)) value.forEach((item, i) => eachString(item, `${where}[${i}]`, visit));
  else if (isObj(value))
    for (const [key, child] of entries(value)) eachString(child, where ? `${where}.${key}` : key, visit);
}

/** A path that Terraform would resolve against its working directory. */
const isAbsolute = (p: string): boolean =>
  p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith("~");

/**
 * Checks a deployable root configuration (what `cdktf deploy` applies): every required provider has a
 * `provider` block and an exact version pin (reproducible deploys); outputs carrying secrets are
 * sensitive; and no absolute filesystem path of the synthesizing machine appears anywhere — the local
 * backend's `path` included, which must be relative.
 */
export function checkDeployableStack(config: TerraformJson): string[] {
  const problems: string[] = [];
  const terraform = Object.assign({}, ...bodies(config.terraform)) as Obj;
  const providers = Object.assign({}, ...bodies(terraform.required_providers)) as Obj;
  if (entries(providers).length === 0)
    problems.push("terraform.required_providers: is empty; a deployable stack pins its providers");
  for (const [name, requirement] of entries(providers)) {
    const where = `terraform.required_providers.${name}`;
    const version = isObj(requirement) ? requirement.version : undefined;
    if (!isObj(requirement) || typeof requirement.source !== "string") problems.push(`${where}: has no source`);
    if (typeof version !== "string" || !isExactPin(version)) {
      problems.push(
        `${where}: version ${JSON.stringify(version)} must be an exact pin such as "2.71.0" so every deploy uses the same provider`,
      );
    }
    if (config.provider?.[name] === undefined)
      problems.push(`provider.${name}: missing; a deployable stack configures every provider it requires`);
  }
  const backendPath = (
    isObj(terraform.backend) && isObj(terraform.backend.local) ? terraform.backend.local.path : undefined
  ) as unknown;
  if (typeof backendPath === "string" && isAbsolute(backendPath)) {
    problems.push(
      `terraform.backend.local.path: ${JSON.stringify(backendPath)} is absolute; it only exists on the machine that synthesized`,
    );
  }
  eachString(config, "", (where, text) => {
    if (where === "terraform.backend.local.path") return;
    for (const found of findAbsolutePaths(text))
      problems.push(`${where}: contains the absolute path ${JSON.stringify(found)}`);
  });
  problems.push(...checkSensitiveOutputs(config));
  return problems;
}
