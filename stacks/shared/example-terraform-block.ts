/** The `terraform { … }` block every shipped example starts with, from the module's own requirements. */
import type { ProviderRequirement } from "../../modules/terraform";

/** `required_providers` entries in HCL, indented for a `terraform` block. */
export function requiredProvidersHcl(providers: Readonly<Record<string, ProviderRequirement>>): string {
  return Object.entries(providers)
    .map(([name, p]) => `    ${name} = {\n      source  = "${p.source}"\n      version = "${p.version}"\n    }`)
    .join("\n");
}

/** A `terraform` block with the required Terraform version and providers. */
export function exampleTerraformBlock(
  requiredVersion: string,
  providers: Readonly<Record<string, ProviderRequirement>>,
): string {
  return `terraform {
  required_version = "${requiredVersion}"
  required_providers {
${requiredProvidersHcl(providers)}
  }
}
`;
}
