/** Provider versions of the AWS target: the published modules need only the aws provider (≥ 5.100 for write-only arguments). */
import type { ProviderRequirement } from "../../modules/terraform";

/** `required_providers` of the published AWS modules. */
export const AWS_MODULE_PROVIDERS: Record<string, ProviderRequirement> = {
  aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 6.0.0" },
};

/** Terraform ≥ 1.11: ephemeral resources and write-only arguments keep generated secrets out of state. */
export const AWS_REQUIRED_TERRAFORM = ">= 1.11";
