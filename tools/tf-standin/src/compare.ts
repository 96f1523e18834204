/**
 * Compares a derived schema with a real one (`terraform providers schema -json`): every attribute and block
 * of the real schema is looked up in the derived one and its flags (required/optional/computed), type and
 * nesting compared. Sensitivity and descriptions are not compared (the bindings do not carry them).
 */
import type { BlockSchema, CtyType, ProviderSchema } from "./schema-types";

interface RealAttribute {
  type?: CtyType;
  nested_type?: { attributes: Record<string, RealAttribute>; nesting_mode: string };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  write_only?: boolean;
}
interface RealBlock {
  attributes?: Record<string, RealAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: RealBlock; min_items?: number; max_items?: number }>;
}

export interface Comparison {
  /** Attributes and blocks compared (at every depth). */
  total: number;
  agreeing: number;
  /** "path: what differs". */
  disagreements: string[];
}

/** The cty type a nested attribute stands for (object with optional attributes, wrapped by its nesting). */
function nestedTypeOf(nested: NonNullable<RealAttribute["nested_type"]>): CtyType {
  const attrs: Record<string, CtyType> = {};
  const optional: string[] = [];
  for (const [name, a] of Object.entries(nested.attributes)) {
    attrs[name] = a.type ?? nestedTypeOf(a.nested_type!);
    if (!a.required) optional.push(name);
  }
  const object: CtyType = optional.length ? ["object", attrs, optional.sort()] : ["object", attrs];
  return nested.nesting_mode === "single" ? object : [nested.nesting_mode, object];
}

/** Types equal, ignoring the optional-attribute lists of object types (see README: limits). */
export function sameType(a: unknown, b: unknown, strictOptional = false): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  if (a[0] !== b[0]) return false;
  if (a[0] === "object") {
    const ka = Object.keys(a[1]).sort();
    const kb = Object.keys(b[1]).sort();
    if (ka.join() !== kb.join()) return false;
    if (strictOptional && JSON.stringify(a[2] ?? []) !== JSON.stringify(b[2] ?? [])) return false;
    return ka.every((k) => sameType(a[1][k], b[1][k], strictOptional));
  }
  if (a[0] === "tuple") return JSON.stringify(a) === JSON.stringify(b);
  return sameType(a[1], b[1], strictOptional);
}

const flags = (a: { required?: boolean; optional?: boolean; computed?: boolean; write_only?: boolean }) =>
  `${a.required ? "R" : ""}${a.optional ? "O" : ""}${a.computed ? "C" : ""}${a.write_only ? "W" : ""}`;

export function compareBlocks(
  real: RealBlock,
  derived: BlockSchema,
  where: string,
  out: Comparison = { total: 0, agreeing: 0, disagreements: [] },
): Comparison {
  for (const [name, a] of Object.entries(real.attributes ?? {})) {
    out.total++;
    const d = derived.attributes?.[name];
    const path = `${where}.${name}`;
    if (!d) {
      out.disagreements.push(
        `${path}: ${derived.block_types?.[name] ? "an attribute, derived as a block" : "missing"}`,
      );
      continue;
    }
    const realType = a.type ?? nestedTypeOf(a.nested_type!);
    const problems: string[] = [];
    if (flags(a) !== flags(d)) problems.push(`flags ${flags(a)} vs ${flags(d)}`);
    if (!sameType(realType, d.type)) problems.push(`type ${JSON.stringify(realType)} vs ${JSON.stringify(d.type)}`);
    if (problems.length) out.disagreements.push(`${path}: ${problems.join("; ")}`);
    else out.agreeing++;
  }
  for (const [name, b] of Object.entries(real.block_types ?? {})) {
    out.total++;
    const d = derived.block_types?.[name];
    const path = `${where}.${name}`;
    if (!d) {
      out.disagreements.push(`${path}: ${derived.attributes?.[name] ? "a block, derived as an attribute" : "missing"}`);
      continue;
    }
    const problems: string[] = [];
    if (b.nesting_mode !== d.nesting_mode) problems.push(`nesting ${b.nesting_mode} vs ${d.nesting_mode}`);
    if ((b.min_items ?? 0) !== (d.min_items ?? 0))
      problems.push(`min_items ${b.min_items ?? 0} vs ${d.min_items ?? 0}`);
    if ((b.max_items ?? 0) !== (d.max_items ?? 0))
      problems.push(`max_items ${b.max_items ?? 0} vs ${d.max_items ?? 0}`);
    if (problems.length) out.disagreements.push(`${path}: ${problems.join("; ")}`);
    else out.agreeing++;
    compareBlocks(b.block, d.block, path, out);
  }
  for (const name of Object.keys(derived.attributes ?? {}))
    if (!real.attributes?.[name] && !real.block_types?.[name])
      out.disagreements.push(`${where}.${name}: derived, not in the real schema`);
  for (const name of Object.keys(derived.block_types ?? {}))
    if (!real.block_types?.[name] && !real.attributes?.[name])
      out.disagreements.push(`${where}.${name}: derived block, not in the real schema`);
  return out;
}

/** `terraform providers schema -json` output. */
export interface RealSchemas {
  provider_schemas: Record<
    string,
    {
      provider: { block: RealBlock };
      resource_schemas?: Record<string, { block: RealBlock }>;
      data_source_schemas?: Record<string, { block: RealBlock }>;
    }
  >;
}

/** Compares a whole provider (provider block, every resource and data source); types absent on either side count as disagreements. */
export function compareProvider(
  real: RealSchemas,
  derived: ProviderSchema,
  source: string,
  only?: Set<string>,
): Comparison {
  const address = source.split("/").length === 2 ? `registry.terraform.io/${source}` : source;
  const r = real.provider_schemas[address];
  if (!r) throw new Error(`no ${address} in the real schema`);
  const out: Comparison = { total: 0, agreeing: 0, disagreements: [] };
  const kinds: Array<[string, Record<string, { block: RealBlock }>, Record<string, { block: BlockSchema }>]> = [
    ["", r.resource_schemas ?? {}, derived.resource_schemas],
    ["data.", r.data_source_schemas ?? {}, derived.data_source_schemas],
  ];
  for (const [prefix, realTypes, derivedTypes] of kinds) {
    for (const [type, schema] of Object.entries(realTypes)) {
      if (only && !only.has(`${prefix}${type}`)) continue;
      const d = derivedTypes[type];
      if (!d) {
        out.total++;
        out.disagreements.push(`${prefix}${type}: not derived`);
        continue;
      }
      compareBlocks(schema.block, d.block, `${prefix}${type}`, out);
    }
  }
  if (!only) compareBlocks(r.provider.block, derived.provider.block, "provider", out);
  return out;
}

/** The figure and the disagreements grouped by kind. */
export function formatSummary(source: string, c: Comparison): string {
  const kinds = new Map<string, number>();
  for (const d of c.disagreements) {
    const kind = d
      .replace(/^[^:]*: /, "")
      .replace(/type .*/, "type")
      .replace(/[0-9]+/g, "N");
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const lines = [
    `${source}: ${c.agreeing} of ${c.total} attributes and blocks agree (${((100 * c.agreeing) / c.total).toFixed(2)}%)`,
  ];
  for (const [kind, n] of [...kinds.entries()].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${String(n).padStart(5)}  ${kind}`);
  return lines.join("\n");
}
