/**
 * Building block: secrets generated for the user, never asked of them. DigitalOcean has no secret store,
 * so they live in Terraform state (marked sensitive) and reach the app as App Platform `SECRET` variables,
 * which DigitalOcean stores encrypted. docs/digitalocean.md explains how to protect the state.
 */
import { Construct } from "constructs";
import { Password } from "@cdktf/provider-random/lib/password";
import { stableAddress } from "../terraform";

/** Mathesar's generated secrets. */
export class MathesarDoSecrets extends Construct {
  /** Django `SECRET_KEY` generator (escape hatch). Changing it makes saved database passwords unreadable. */
  public readonly secretKeyResource: Password;
  /** First admin's password generator (escape hatch). */
  public readonly adminPasswordResource: Password;
  /** Django `SECRET_KEY`: 64 random characters. */
  public readonly secretKey: string;
  /** First admin's password: 24 random characters. */
  public readonly adminPassword: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No special characters: the key travels through environment variables and shells unharmed.
    this.secretKeyResource = stableAddress(
      new Password(this, "SecretKey", { length: 64, special: false }),
      "secret_key",
    );
    this.adminPasswordResource = stableAddress(
      new Password(this, "AdminPassword", { length: 24, special: false, minUpper: 2, minLower: 2, minNumeric: 2 }),
      "admin_password",
    );
    this.secretKey = this.secretKeyResource.result;
    this.adminPassword = this.adminPasswordResource.result;
  }
}
