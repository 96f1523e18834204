/**
 * The root of terraform-digitalocean-mathesar: the DigitalOcean wiring (modules/digitalocean/wiring.ts)
 * run with the module composer, over the settings table as variables and the cross-field rules as their
 * validations — the same source as `MathesarOnDigitalOcean`.
 */
import { Construct } from "constructs";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import type { MathesarOnDigitalOceanProps } from "../../modules/digitalocean";
import { DO_CROSS_FIELD_RULES } from "../../modules/digitalocean/cross-field-rules";
import { DO_MODULE_PROVIDERS } from "../../modules/digitalocean/module-providers";
import { DO_SETTINGS } from "../../modules/digitalocean/settings";
import { composeDigitalOcean } from "../../modules/digitalocean/wiring";
import { withSsoVersionCheck } from "../../modules/mathesar/contract-variables";
import { WiredRootModule } from "../../modules/terraform/wiring";

/** The root module: everything with safe defaults, existing VPC and database as options. */
export class DoRootModule extends WiredRootModule<MathesarOnDigitalOceanProps> {
  public readonly description =
    "Mathesar on DigitalOcean App Platform with managed PostgreSQL in a private VPC: HTTPS, generated " +
    "secrets, a ready first admin, a database firewall that admits only the app, and deletion protection. " +
    "Bring your own VPC or PostgreSQL with two variables.";

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      providers: DO_MODULE_PROVIDERS,
      declareProviders: (stack) => {
        new DigitaloceanProvider(stack, "digitalocean");
        new RandomProvider(stack, "random");
      },
      settings: {
        ...DO_SETTINGS,
        // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from Mathesar 0.11.0.
        sso_config: { ...withSsoVersionCheck("sso_config", DO_SETTINGS.sso_config), prop: DO_SETTINGS.sso_config.prop },
        require_sso_login: {
          ...withSsoVersionCheck("require_sso_login", DO_SETTINGS.require_sso_login, "var.require_sso_login"),
          prop: DO_SETTINGS.require_sso_login.prop,
        },
      },
      rules: DO_CROSS_FIELD_RULES,
      compose: (stack, props, composer) => composeDigitalOcean(stack, props, composer).outputs,
    });
  }
}
