/** Provider versions of the Kubernetes target. */
import type { ProviderRequirement } from "../../modules/terraform";

/** `required_providers` of the published Kubernetes module. */
export const K8S_MODULE_PROVIDERS: Record<string, ProviderRequirement> = {
  helm: { source: "hashicorp/helm", version: ">= 3.0.0, < 4.0.0" },
  kubernetes: { source: "hashicorp/kubernetes", version: ">= 2.38.0, < 3.0.0" },
};
