/**
 * The root of terraform-google-mathesar: the settings table (modules/google/settings.ts) as variables, the
 * cross-field rules as validations, and the target's one wiring (modules/google/wiring.ts) run with the
 * module composer — the same wiring `MathesarOnGoogleCloud` runs with constructs.
 */
import { Construct } from "constructs";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import {
  GOOGLE_BLOCKS,
  GOOGLE_CROSS_FIELD_RULES,
  GOOGLE_MODULE_PROVIDERS,
  GOOGLE_REQUIRED_TERRAFORM,
  GOOGLE_SETTINGS,
  type MathesarOnGoogleCloudProps,
  composeGoogle,
} from "../../modules/google";
import { WiredRootModule } from "../../modules/terraform/wiring";

/** Submodules of the root, by Terraform module name and folder (from the block specs). */
export const GOOGLE_SUBMODULES: Readonly<Record<string, string>> = Object.fromEntries(
  GOOGLE_BLOCKS.map((block) => [block.module, block.folder]),
);

/** The root module: everything with safe defaults; runtime, existing network and database as options. */
export class GoogleRootModule extends WiredRootModule<MathesarOnGoogleCloudProps> {
  public readonly description =
    "Mathesar on Google Cloud: Cloud Run (or one VM) reaching Cloud SQL for PostgreSQL on a private IP, " +
    "behind a global HTTPS load balancer with a Google-managed certificate — optional Google sign-in " +
    "(IAP) and Cloud Armor — or a VM with Caddy; secrets in Secret Manager and never in Terraform state. " +
    "Bring your own network or PostgreSQL with one variable each.";

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      providers: GOOGLE_MODULE_PROVIDERS,
      requiredTerraform: GOOGLE_REQUIRED_TERRAFORM,
      declareProviders: (stack) => {
        new GoogleProvider(stack, "google");
        new RandomProvider(stack, "random");
      },
      settings: GOOGLE_SETTINGS,
      rules: GOOGLE_CROSS_FIELD_RULES,
      compose: (stack, props, composer) => composeGoogle(stack, props, composer).outputs,
    });
  }
}
