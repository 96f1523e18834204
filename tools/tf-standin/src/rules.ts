/**
 * Rules the providers enforce in ValidateResourceConfig that the schema cannot express, read from the
 * sentences the bindings' docs copy from the provider's own descriptions.
 */
import type { DocRule } from "./schema-types";

/** Quoted tokens of a list sentence: "A", 'B' or `C`. */
const quoted = (text: string) => [...text.matchAll(/"([^"]*)"|'([^']*)'|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);

/**
 * Sentences that state a limit and are turned into rules (the kinds the README lists):
 *   oneOf     `Possible values: ["A", "B"]` (Google's generated resources, checked by the provider with
 *             its enum validator, which also accepts an empty string) and `Possible values are: 'A', 'B'.`
 *   maxLength `Maximum length is N`, `must not be longer than N`, `between N and M characters` (strings)
 * Other sentences that look like limits ("Valid values are ...", "at most N ...", "Cannot exceed N") are
 * counted as underived: their wording does not say whether the provider checks them or the API does.
 */
export function rulesFromDocs(doc: string, path: string[]): { rules: DocRule[]; underived: number } {
  const rules: DocRule[] = [];
  let underived = 0;
  const text = doc.replace(/\s+/g, " ");
  const bracket = /Possible values: \[([^\]]*)\]/.exec(text);
  const are = /Possible values are: ((?:'[^']*'(?:, )?)+)\./.exec(text);
  if (bracket || are) {
    const values = quoted((bracket ?? are)![1]);
    if (values.length)
      rules.push({ path, kind: "oneOf", values: bracket ? [...values, ""] : values, source: (bracket ?? are)![0] });
    else underived++;
  } else if (/Valid values (are|include)|Possible values (are|include)|must be one of/i.test(text)) underived++;
  const max =
    /Maximum length is ([0-9]+)\b|must not be longer than ([0-9]+)\b|between [0-9]+ and ([0-9]+) characters/.exec(text);
  if (max) rules.push({ path, kind: "maxLength", limit: Number(max[1] ?? max[2] ?? max[3]), source: max[0] });
  else if (/at most [0-9]+ |Cannot exceed [0-9]+|Max(imum)? size is [0-9]+/i.test(text)) underived++;
  return { rules, underived };
}

/**
 * Limits the providers enforce that no binding doc states, kept by hand with their source. Each must be a
 * fact of the pinned provider version's schema.
 */
export const PROVIDER_FACTS: Record<string, Record<string, DocRule[]>> = {
  "hashicorp/google": {
    // google 6.x: health_checks is a set with MinItems 1 and MaxItems 1 (the docs say only "at most one").
    google_compute_backend_service: [
      {
        path: ["health_checks"],
        kind: "minItems",
        limit: 1,
        source: "google provider schema: health_checks MinItems 1 (not in the binding's docs)",
      },
      {
        path: ["health_checks"],
        kind: "maxItems",
        limit: 1,
        source: "Currently at most one health check can be specified.",
      },
    ],
  },
};

/** Diagnostics for the rules a (possibly partly unknown) configuration breaks; unknown values pass. */
export function checkRules(rules: DocRule[], config: unknown): Array<{ summary: string; detail: string }> {
  const out: Array<{ summary: string; detail: string }> = [];
  for (const rule of rules) {
    for (const { value, where } of valuesAt(config, rule.path, [])) {
      if (rule.kind === "oneOf" && typeof value === "string" && !rule.values!.includes(value)) {
        out.push({
          summary: "Invalid value",
          detail: `expected ${where} to be one of ${JSON.stringify(rule.values)}, got ${value}`,
        });
      } else if (rule.kind === "maxLength" && typeof value === "string" && value.length > rule.limit!) {
        out.push({
          summary: "Invalid value",
          detail: `expected length of ${where} to be in the range (0 - ${rule.limit}), got ${value}`,
        });
      } else if (rule.kind === "minItems" && Array.isArray(value) && value.length < rule.limit!) {
        out.push({
          summary: "Not enough list items",
          detail: `Attribute ${where} requires ${rule.limit} item minimum, but config has only ${value.length} declared.`,
        });
      } else if (rule.kind === "maxItems" && Array.isArray(value) && value.length > rule.limit!) {
        out.push({
          summary: "Too many list items",
          detail: `Attribute ${where} supports ${rule.limit} item maximum, but config has ${value.length} declared.`,
        });
      }
    }
  }
  return out;
}

/** Every value at `path` (through lists, sets and maps of nested blocks), with a dotted location. */
function valuesAt(value: unknown, path: string[], where: string[]): Array<{ value: unknown; where: string }> {
  if (path.length === 0) return [{ value, where: where.join(".") }];
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => valuesAt(item, path, [...where, String(i)]));
  const [head, ...rest] = path;
  if (!(head in (value as Record<string, unknown>))) return [];
  return valuesAt((value as Record<string, unknown>)[head], rest, [...where, head]);
}
