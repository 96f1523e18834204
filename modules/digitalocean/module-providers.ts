/** Provider versions of the DigitalOcean target: exact pins for the deployable stack, ranges for modules. */
import type { ProviderRequirement } from "../terraform";

/** `required_providers` of the published DigitalOcean modules. */
export const DO_MODULE_PROVIDERS: Record<string, ProviderRequirement> = {
  digitalocean: { source: "digitalocean/digitalocean", version: ">= 2.71.0, < 3.0.0" },
  random: { source: "hashicorp/random", version: ">= 3.7.2, < 4.0.0" },
};
