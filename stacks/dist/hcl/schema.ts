/**
 * Which names in a resource body are nested blocks and which are arguments. Terraform's JSON syntax does not
 * say (`"ingress": [{...}]` may be either), HCL must: a block is written `ingress { ... }`, an argument
 * `ingress = [...]`. The answer comes from each provider's schema, derived from the prebuilt cdktf binding the
 * project already pins (the same derivation the stand-in providers serve to Terraform, cached per binding
 * version), so rendering needs no network and no Terraform.
 */
import * as path from "path";
import { loadSchema } from "../../../tools/tf-standin/src/cache";
import type { BlockSchema, ProviderSchema } from "../../../tools/tf-standin/src/schema-types";

/** Provider source (as in `required_providers`) → the cdktf binding package its schema is derived from. */
export const PROVIDER_BINDINGS: Readonly<Record<string, string>> = {
  "hashicorp/aws": "@cdktf/provider-aws",
  "hashicorp/google": "@cdktf/provider-google",
  "digitalocean/digitalocean": "@cdktf/provider-digitalocean",
  "hashicorp/random": "@cdktf/provider-random",
  "hashicorp/helm": "@cdktf/provider-helm",
  "hashicorp/kubernetes": "@cdktf/provider-kubernetes",
  "kreuzwerker/docker": "@cdktf/provider-docker",
};

/** The kinds of top-level blocks whose bodies follow a provider schema. */
export type SchemaKind = "resource" | "data" | "ephemeral" | "provider";

/** Terraform's built-in `terraform_data` resource: arguments only (dynamic values), no nested blocks. */
const BUILTIN_RESOURCES: Readonly<Record<string, BlockSchema>> = {
  terraform_data: {
    attributes: {
      input: { type: "dynamic", optional: true },
      triggers_replace: { type: "dynamic", optional: true },
    },
  },
};

/** The schema of a body whose every name is an argument (nothing in it is written as a block). */
export const ARGUMENTS_ONLY: BlockSchema = {};

/** Looks up the body schema of resources, data sources, ephemeral resources and providers of a module. */
export class SchemaCatalog {
  private readonly schemas = new Map<string, ProviderSchema>();

  /** @param projectDir where the binding packages are installed (node resolution starts here). */
  constructor(private readonly projectDir: string = path.resolve(__dirname, "..", "..", "..")) {}

  /**
   * The body schema of `kind` `type` (e.g. resource `aws_db_instance`), whose provider has the local name
   * `providerName` and the source given in `requiredProviders`. Throws naming the type when no schema knows it.
   */
  body(kind: SchemaKind, type: string, requiredProviders: Readonly<Record<string, { source?: string }>>): BlockSchema {
    if (kind === "resource" && BUILTIN_RESOURCES[type]) return BUILTIN_RESOURCES[type];
    const localName = kind === "provider" ? type : type.split("_")[0];
    const source = requiredProviders[localName]?.source;
    if (!source)
      throw new Error(`${kind} ${type}: provider "${localName}" is not in terraform.required_providers of the module`);
    const schema = this.provider(source);
    if (kind === "provider") return schema.provider.block;
    const table =
      kind === "resource"
        ? schema.resource_schemas
        : kind === "data"
          ? schema.data_source_schemas
          : schema.ephemeral_resource_schemas;
    const found = table?.[type];
    // The bindings predate ephemeral resources, so most have no schema here; their arguments are all scalars.
    if (!found && kind === "ephemeral") return ARGUMENTS_ONLY;
    if (!found) throw new Error(`${kind} ${type}: not in the schema of ${source} (${PROVIDER_BINDINGS[source]})`);
    return found.block;
  }

  private provider(source: string): ProviderSchema {
    const normalized = source.replace(/^registry\.terraform\.io\//, "").toLowerCase();
    let schema = this.schemas.get(normalized);
    if (!schema) {
      const binding = PROVIDER_BINDINGS[normalized];
      if (!binding)
        throw new Error(`provider ${source}: no cdktf binding is known for it (add it to PROVIDER_BINDINGS)`);
      schema = loadSchema({ source: normalized, binding }, this.projectDir);
      this.schemas.set(normalized, schema);
    }
    return schema;
  }
}
