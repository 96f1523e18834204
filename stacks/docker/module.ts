/**
 * The root of terraform-docker-mathesar: the Docker host wiring (modules/docker/wiring.ts) run with the module
 * composer, over the settings table as variables and the cross-field rules as their validations — the same
 * source as `MathesarOnDockerHost`.
 */
import { Construct } from "constructs";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import type { MathesarOnDockerHostProps } from "../../modules/docker";
import { DOCKER_CROSS_FIELD_RULES } from "../../modules/docker/cross-field-rules";
import { DOCKER_MODULE_PROVIDERS } from "../../modules/docker/module-providers";
import { DOCKER_SETTINGS } from "../../modules/docker/settings";
import { composeDockerHost } from "../../modules/docker/wiring";
import { withSsoVersionCheck } from "../../modules/mathesar/contract-variables";
import { WiredRootModule } from "../../modules/terraform/wiring";

/** The root module: everything with safe defaults; an existing database, TLS mode and images as options. */
export class DockerRootModule extends WiredRootModule<MathesarOnDockerHostProps> {
  public readonly description =
    "Mathesar on one Docker host (local socket or ssh://): a private network, the evaluation PostgreSQL " +
    "container or your database, the pinned Mathesar image with a ready first admin and secrets as files, " +
    "and Caddy with automatic HTTPS or your certificate.";

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      providers: DOCKER_MODULE_PROVIDERS,
      declareProviders: (stack) => {
        new DockerProvider(stack, "docker");
        new RandomProvider(stack, "random");
      },
      settings: {
        ...DOCKER_SETTINGS,
        // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from Mathesar 0.11.0.
        sso_config: {
          ...withSsoVersionCheck("sso_config", DOCKER_SETTINGS.sso_config),
          prop: DOCKER_SETTINGS.sso_config.prop,
        },
        require_sso_login: {
          ...withSsoVersionCheck("require_sso_login", DOCKER_SETTINGS.require_sso_login, "var.require_sso_login"),
          prop: DOCKER_SETTINGS.require_sso_login.prop,
        },
      },
      rules: DOCKER_CROSS_FIELD_RULES,
      compose: (stack, props, composer) => composeDockerHost(stack, props, composer).outputs,
    });
  }
}
