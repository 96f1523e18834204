/**
 * The compact provider schema the stand-in serves. Same shape as `terraform providers schema -json`
 * (so the two can be compared key by key), plus the doc-derived rules of `rules.ts`.
 */

/** A cty type in Terraform's JSON notation: "string", ["list","string"], ["object",{...},[optional...]]. */
export type CtyType = string | [string, unknown] | [string, Record<string, CtyType>, string[]?];

export interface AttributeSchema {
  type: CtyType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  /** Write-only (accepts ephemeral values, never stored): the providers' naming convention `*_wo`. */
  write_only?: boolean;
}

export interface BlockSchema {
  attributes?: Record<string, AttributeSchema>;
  block_types?: Record<string, NestedBlockSchema>;
}

export type NestingMode = "single" | "list" | "set" | "map";

export interface NestedBlockSchema {
  nesting_mode: NestingMode;
  block: BlockSchema;
  min_items?: number;
  max_items?: number;
}

export interface TypeSchema {
  version: number;
  block: BlockSchema;
}

/** A rule the bindings' docs state beyond the schema, enforced in Validate*Config. */
export interface DocRule {
  /** Attribute path inside the resource, e.g. ["settings", "tier"]; a block's path for min items. */
  path: string[];
  kind: "oneOf" | "maxLength" | "minItems" | "maxItems";
  values?: string[];
  limit?: number;
  /** The sentence of the docs the rule comes from. */
  source: string;
}

export interface ProviderSchema {
  format_version: string;
  /** Where the schema came from: binding package, its version, the provider version, the cache key. */
  origin: { package: string; version: string; provider: string; providerVersion: string; key: string };
  provider: TypeSchema;
  resource_schemas: Record<string, TypeSchema>;
  data_source_schemas: Record<string, TypeSchema>;
  ephemeral_resource_schemas: Record<string, TypeSchema>;
  /** Rules per resource type (data sources prefixed with "data."). */
  rules: Record<string, DocRule[]>;
  /** Rule sentences that looked like a rule but could not be turned into one. */
  underivedRules: number;
}
