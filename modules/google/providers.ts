/**
 * Provider versions of the Google Cloud target: google ≥ 6.50 (write-only `secret_data_wo` and `password_wo`,
 * Cloud Run's `invoker_iam_disabled`), random ≥ 3.7 (the ephemeral `random_password`). 7.x is untested here.
 */
import type { ProviderRequirement } from "../terraform";

/** `required_providers` of the published Google Cloud modules. */
export const GOOGLE_MODULE_PROVIDERS: Record<string, ProviderRequirement> = {
  google: { source: "hashicorp/google", version: ">= 6.50.0, < 7.0.0" },
  random: { source: "hashicorp/random", version: ">= 3.7.2, < 4.0.0" },
};

/** Terraform ≥ 1.11: ephemeral resources and write-only arguments keep generated secrets out of state. */
export const GOOGLE_REQUIRED_TERRAFORM = ">= 1.11";
