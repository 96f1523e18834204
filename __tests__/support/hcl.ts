/**
 * Parses HCL (the examples' `main.tf`) with `@cdktf/hcl2json`, the WASM build of the HCL parser Terraform
 * uses, and turns its output into the shape of Terraform's JSON syntax so the structural checks in
 * `structure.ts` can read both with the same code.
 *
 * hcl2json wraps every block body in an array (`variable.x: [{...}]`, `terraform: [{...}]`) and every
 * expression in `${...}` (`type = string` becomes `"${string}"`); `normalizeHclJson` unwraps the top-level
 * block arrays and reports duplicate block labels, which Terraform rejects.
 */
import { parse } from "@cdktf/hcl2json";

/** A Terraform JSON configuration (or a part of one). */
export type TerraformJson = Record<string, any>;

/** The result of parsing one HCL file. */
export type HclParseResult =
  | { readonly ok: true; readonly json: TerraformJson; readonly problems: string[] }
  | { readonly ok: false; readonly error: string };

/**
 * Parses `text` as an HCL file named `filename`. Never throws: a syntax error comes back as
 * `{ ok: false, error }` with the parser's message (file, line and column). On success, `json` is the
 * configuration in Terraform-JSON shape and `problems` lists duplicate declarations.
 */
export async function parseHcl(filename: string, text: string): Promise<HclParseResult> {
  let raw: TerraformJson;
  try {
    raw = await parse(filename, text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (raw === null || typeof raw !== "object")
    return { ok: false, error: `${filename}: the parser returned no configuration` };
  const problems: string[] = [];
  return { ok: true, json: normalizeHclJson(raw, filename, problems), problems };
}

/** Top-level block types with two labels (type and name). */
const TWO_LABELS = new Set(["resource", "data", "ephemeral"]);
/** Top-level block types with one label. */
const ONE_LABEL = new Set(["variable", "output", "module", "provider", "check"]);
/** Top-level block types without labels whose bodies merge. */
const MERGED = new Set(["terraform", "locals"]);

/**
 * Converts hcl2json's output to Terraform JSON shape: `variable.x: [{...}]` → `variable.x: {...}`,
 * `terraform: [{...}]` → `terraform: {...}`, `locals: [{...}, {...}]` → one merged object. Provider blocks
 * stay arrays (aliases may repeat them), as in cdktf's output. Duplicate labels and locals are added to
 * `problems`. Nested blocks are left as arrays, which Terraform's JSON syntax also accepts.
 */
export function normalizeHclJson(raw: TerraformJson, filename = "main.tf", problems: string[] = []): TerraformJson {
  const out: TerraformJson = {};
  for (const [kind, value] of Object.entries(raw)) {
    if (MERGED.has(kind)) {
      const merged: TerraformJson = {};
      for (const body of asArray(value)) {
        for (const [key, child] of Object.entries(body as TerraformJson)) {
          if (kind === "locals" && key in merged) problems.push(`${filename}: local.${key} is declared twice`);
          merged[key] = kind === "terraform" ? unwrapTerraformBlock(key, child) : child;
        }
      }
      out[kind] = merged;
    } else if (kind === "provider") {
      out[kind] = value;
    } else if (ONE_LABEL.has(kind)) {
      out[kind] = unwrapLabels(value, `${kind}`, filename, problems);
    } else if (TWO_LABELS.has(kind)) {
      const byType: TerraformJson = {};
      for (const [type, byName] of Object.entries(value as TerraformJson)) {
        byType[type] = unwrapLabels(byName, `${kind === "resource" ? "" : `${kind}.`}${type}`, filename, problems);
      }
      out[kind] = byType;
    } else {
      out[kind] = value;
    }
  }
  return out;
}

function unwrapLabels(value: unknown, prefix: string, filename: string, problems: string[]): TerraformJson {
  const out: TerraformJson = {};
  for (const [name, bodies] of Object.entries(value as TerraformJson)) {
    const list = asArray(bodies);
    if (list.length > 1) problems.push(`${filename}: ${prefix}.${name} is declared ${list.length} times`);
    out[name] = list[0] ?? {};
  }
  return out;
}

/** `required_providers: [{...}]` → `{...}`; `backend: { local: [{...}] }` → `{ local: {...} }`. */
function unwrapTerraformBlock(key: string, value: unknown): unknown {
  if (key === "required_providers") return Object.assign({}, ...asArray(value));
  if (key === "cloud") return asArray(value)[0];
  if (key === "backend") {
    const block = (asArray(value)[0] ?? {}) as TerraformJson;
    return Object.fromEntries(Object.entries(block).map(([type, body]) => [type, asArray(body)[0]]));
  }
  return value;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
