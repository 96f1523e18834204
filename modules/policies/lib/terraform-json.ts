/**
 * Reading Terraform JSON without guessing. Any value may be a literal, an expression string that only
 * Terraform can evaluate (`"${var.x}"`), or absent; these helpers tell the three apart so that rules can
 * say "compliant", "non-compliant" or "unknown — depends on var.x", never a guess.
 */
import type { Finding, FindingStatus, JsonObject, TerraformJson } from "../types";

/** A resource found in a configuration. */
export interface ResourceRef {
  /** Resource type, e.g. `digitalocean_app`. */
  readonly type: string;
  /** Resource name, e.g. `this`. */
  readonly name: string;
  /** `type.name`, the Terraform address. */
  readonly address: string;
  /** The resource's body. */
  readonly body: JsonObject;
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * True when a string holds a Terraform template (`${…}` interpolation or `%{…}` directive). The escapes
 * `$${` and `%%{` are literal text (App Platform's `$${APP_DOMAIN}` binding), so they do not count.
 */
export function isExpression(value: unknown): value is string {
  return typeof value === "string" && hasTemplate(value);
}

/** {@link isExpression} for a value already known to be a string (no type narrowing on the false branch). */
export function hasTemplate(text: string): boolean {
  const unescaped = text.replace(/\$\$\{/g, "").replace(/%%\{/g, "");
  return /\$\{|%\{/.test(unescaped);
}

/** A literal string (numbers become strings: Terraform converts them); `undefined` for expressions and non-scalars. */
export function literalString(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || hasTemplate(value)) return undefined;
  // Terraform turns the `$${` escape into `${`: compare values the way the provider will see them.
  return value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}

/**
 * The blocks of a nested-block attribute. Terraform JSON writes a block as an object or as an array of
 * objects (cdktf does both); anything else (absent, an expression) yields none.
 */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** Every resource of `type` in the configuration, in the order they appear. */
export function resourcesOf(config: TerraformJson, type: string): ResourceRef[] {
  return allResources(config).filter((resource) => resource.type === type);
}

/** Every resource in the configuration (cdktf's `//` metadata keys skipped). */
export function allResources(config: TerraformJson): ResourceRef[] {
  const result: ResourceRef[] = [];
  if (!isObject(config.resource)) return result;
  for (const [type, byName] of Object.entries(config.resource)) {
    if (type.startsWith("//") || !isObject(byName)) continue;
    for (const [name, body] of Object.entries(byName)) {
      if (name.startsWith("//") || !isObject(body)) continue;
      result.push({ type, name, address: `${type}.${name}`, body });
    }
  }
  return result;
}

/** Namespaces that are not resource types in a Terraform reference. */
const NON_RESOURCE_ROOTS = new Set(["var", "local", "module", "data", "self", "each", "count", "path", "terraform"]);

/** The references an expression makes (`var.x`, `module.a.b`, `data.t.n`, `t.n`), deduplicated, in order. */
export function referencesIn(value: string): string[] {
  const found = new Set<string>();
  const unescaped = value.replace(/\$\$\{/g, "").replace(/%%\{/g, "");
  const pattern = new RegExp(
    [
      String.raw`(?<![\w."])(var|local)\.([A-Za-z_][\w-]*)`,
      String.raw`(?<![\w."])module\.([A-Za-z_][\w-]*)(?:\.([A-Za-z_][\w-]*))?`,
      String.raw`(?<![\w."])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)`,
    ].join("|"),
    "g",
  );
  for (const match of unescaped.matchAll(pattern)) {
    if (match[1]) found.add(`${match[1]}.${match[2]}`);
    else if (match[3]) found.add(match[4] ? `module.${match[3]}.${match[4]}` : `module.${match[3]}`);
    else if (match[6] && (match[5] || !NON_RESOURCE_ROOTS.has(match[6])))
      found.add(`${match[5] ?? ""}${match[6]}.${match[7]}`);
  }
  return [...found];
}

/**
 * Explains an unknown value: "depends on a variable (var.mathesar_version)", or on the references it makes,
 * so that a `not_applicable` finding tells the reader which input decides the outcome.
 */
export function dependsOn(value: string): string {
  const references = referencesIn(value);
  const variables = references.filter((reference) => reference.startsWith("var."));
  if (variables.length === 1) return `depends on a variable (${variables[0]})`;
  if (variables.length > 1) return `depends on variables (${variables.join(", ")})`;
  if (references.length > 0) return `depends on ${references.join(", ")}, known only to Terraform`;
  return `is the Terraform expression ${JSON.stringify(value)}, known only to Terraform`;
}

/**
 * Whether an expression references the resource at `address` (e.g. `digitalocean_database_cluster.this`,
 * or one attribute such as `digitalocean_database_cluster.this.id`), as in
 * `${digitalocean_database_cluster.this.id}`. A data source of the same name does not count.
 */
export function referencesAddress(value: unknown, address: string): boolean {
  if (!isExpression(value)) return false;
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w-])`).test(value);
}

/**
 * The resource a value is exactly one attribute of (`${digitalocean_database_db.mathesar.name}`), or
 * undefined. Such a value is set by the provider from a resource that must exist, so "is it set?" has an
 * answer even though the value itself is unknown.
 */
export function soleResourceAttribute(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\.[A-Za-z_]\w*\}$/.exec(value);
  if (!match || (!match[1] && NON_RESOURCE_ROOTS.has(match[2]))) return undefined;
  return `${match[1] ?? ""}${match[2]}.${match[3]}`;
}

/**
 * True for a published (child) module: it configures no provider, because its caller does. Rules use it
 * to tell "missing" from "may be supplied by a sibling module the caller wires in".
 */
export function isChildModule(config: TerraformJson): boolean {
  const provider = config.provider;
  return provider === undefined || (isObject(provider) && Object.keys(provider).length === 0);
}

/**
 * Names of the outputs whose value references `reference` (an address or `address.attribute`): how a
 * module hands a resource to its caller.
 */
export function outputsReferencing(config: TerraformJson, reference: string): string[] {
  if (!isObject(config.output)) return [];
  return Object.entries(config.output)
    .filter(([, output]) => isObject(output) && referencesAddress(output.value, reference))
    .map(([name]) => name);
}

/** Builds findings for one rule without repeating its id. */
export function findingsFor(
  ruleId: string,
): Record<"compliant" | "nonCompliant" | "notApplicable", (address: string, message: string) => Finding> {
  const make =
    (status: FindingStatus) =>
    (address: string, message: string): Finding => ({ ruleId, address, status, message });
  return { compliant: make("compliant"), nonCompliant: make("non_compliant"), notApplicable: make("not_applicable") };
}

/**
 * A literal boolean (Terraform converts the strings `"true"` and `"false"`); `undefined` for expressions,
 * absent values and anything else.
 */
export function literalBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A literal number (Terraform converts numeric strings such as `"7"`); `undefined` for expressions and anything else. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || hasTemplate(value) || value.trim() === "") return undefined;
  const number = Number(value.trim());
  return Number.isFinite(number) ? number : undefined;
}

/** True for a value Terraform treats as "not set": absent or `null`. */
export function isUnset(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/**
 * True when a `dynamic "<name>"` block generates some `<name>` blocks of a resource body: their contents
 * are known only to Terraform.
 */
export function hasDynamicBlock(body: JsonObject, name: string): boolean {
  return blocks(body.dynamic).some((dynamic) => dynamic[name] !== undefined);
}

/**
 * The resources an expression is computed from, when its form proves it is set: it references at least one
 * resource or data source and no variable, local, module, `each`, `count` or `null` (any of which could
 * make it null). `undefined` otherwise. Used to say "this value is stored in state" without knowing it.
 */
export function computedFromResources(value: unknown): string[] | undefined {
  if (!isExpression(value)) return undefined;
  const references = referencesIn(value);
  if (references.length === 0) return undefined;
  if (references.some((reference) => /^(var|local|module)\./.test(reference))) return undefined;
  const unescaped = value.replace(/\$\$\{/g, "").replace(/%%\{/g, "");
  if (/(?<![\w.])(null|each|count)(?![\w-])/.test(unescaped)) return undefined;
  return references;
}
