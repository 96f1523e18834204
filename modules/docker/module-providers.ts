/** Provider versions of the Docker host target: ranges for the published modules. */
import type { ProviderRequirement } from "../terraform";

/**
 * `required_providers` of the published Docker modules. kreuzwerker/docker 3.6.2 is the schema of the
 * binding this project pins (@cdktf/provider-docker 12.0.3, whose peer is cdktf ^0.21.0).
 */
export const DOCKER_MODULE_PROVIDERS: Record<string, ProviderRequirement> = {
  docker: { source: "kreuzwerker/docker", version: ">= 3.6.2, < 4.0.0" },
  random: { source: "hashicorp/random", version: ">= 3.7.2, < 4.0.0" },
};
