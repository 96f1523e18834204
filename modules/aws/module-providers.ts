/** Provider versions of the AWS target's published modules: only the aws provider (≥ 5.100 for write-only arguments). */
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { ProviderRequirement } from "../terraform";

/** `required_providers` of the published AWS modules. */
export const AWS_MODULE_PROVIDERS: Record<string, ProviderRequirement> = {
  aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 6.0.0" },
};

/** Terraform ≥ 1.11: ephemeral resources and write-only arguments keep generated secrets out of state. */
export const AWS_REQUIRED_TERRAFORM = ">= 1.11";

/** What every AWS module declares: the provider requirement, Terraform's version, the provider construct. */
export const AWS_MODULE_REQUIREMENTS = {
  providers: AWS_MODULE_PROVIDERS,
  requiredTerraform: AWS_REQUIRED_TERRAFORM,
  declareProviders: (scope: Construct): void => {
    new AwsProvider(scope, "aws");
  },
};
