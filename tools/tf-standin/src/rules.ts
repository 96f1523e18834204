/**
 * Rules the providers enforce in ValidateResourceConfig that the schema cannot express, read from the
 * sentences the bindings' docs copy from the provider's own descriptions.
 */
import type { DocRule } from "./schema-types";

export function rulesFromDocs(doc: string, path: string[]): { rules: DocRule[]; underived: number } {
  const rules: DocRule[] = [];
  let underived = 0;
  const possible = /Possible values: \[([^\]]*)\]/.exec(doc);
  if (possible) {
    const values = [...possible[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    if (values.length) rules.push({ path, kind: "oneOf", values, source: possible[0] });
    else underived++;
  }
  return { rules, underived };
}

/** Diagnostics for the rules a (possibly partly unknown) configuration breaks; unknown values pass. */
export function checkRules(rules: DocRule[], config: unknown): Array<{ summary: string; detail: string }> {
  const out: Array<{ summary: string; detail: string }> = [];
  for (const rule of rules) {
    for (const { value, where } of valuesAt(config, rule.path, [])) {
      if (rule.kind === "oneOf" && typeof value === "string" && !rule.values!.includes(value)) {
        out.push({ summary: "Invalid value", detail: `expected ${where} to be one of ${JSON.stringify(rule.values)}, got ${value}` });
      } else if (rule.kind === "maxLength" && typeof value === "string" && value.length > rule.limit!) {
        out.push({ summary: "Invalid value", detail: `expected length of ${where} to be in the range (0 - ${rule.limit}), got ${value}` });
      } else if (rule.kind === "minItems" && Array.isArray(value) && value.length < rule.limit!) {
        out.push({ summary: "Not enough list items", detail: `Attribute ${where} requires ${rule.limit} item minimum, but config has only ${value.length} declared.` });
      } else if (rule.kind === "maxItems" && Array.isArray(value) && value.length > rule.limit!) {
        out.push({ summary: "Too many list items", detail: `Attribute ${where} supports ${rule.limit} item maximum, but config has ${value.length} declared.` });
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
