/** `modules/secrets` of terraform-digitalocean-mathesar: generated Django key and admin password. */
import { Construct } from "constructs";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarDoSecrets } from "../../../modules/digitalocean";
import { ModuleStack } from "../../../modules/terraform";
import { DO_MODULE_PROVIDERS } from "../providers";

/** Secrets generated for the user. */
export class DoSecretsModule extends ModuleStack {
  public readonly description =
    "Generates Mathesar's SECRET_KEY and the first admin's password (kept in Terraform state, marked sensitive).";

  constructor(scope: Construct, id: string) {
    super(scope, id, { random: DO_MODULE_PROVIDERS.random });
    new RandomProvider(this, "random");
    const secrets = new MathesarDoSecrets(this, "Secrets");
    this.outputs({
      secret_key: {
        value: secrets.secretKey,
        description: "Django SECRET_KEY. Never change it: saved database passwords depend on it.",
        sensitive: true,
      },
      admin_password: { value: secrets.adminPassword, description: "Password of the first admin.", sensitive: true },
    });
  }
}
