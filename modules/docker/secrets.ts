/**
 * Building block: secrets generated for the user, never asked of them. They live in Terraform state (marked
 * sensitive) and reach the containers as files (secret-files.ts).
 */
import { Construct } from "constructs";
import { Password } from "@cdktf/provider-random/lib/password";
import { stableAddress } from "../terraform";

/** Mathesar's generated secrets. */
export class MathesarDockerSecrets extends Construct {
  /** Django `SECRET_KEY`: 64 random characters. Changing it makes saved database passwords unreadable. */
  public readonly secretKey: string;
  /** First admin's password: 24 random characters. */
  public readonly adminPassword: string;
  /** Password of the evaluation database's role: 32 random characters. */
  public readonly databasePassword: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // No special characters: the values travel through files and shells unharmed.
    this.secretKey = stableAddress(
      new Password(this, "SecretKey", { length: 64, special: false }),
      "secret_key",
    ).result;
    this.adminPassword = stableAddress(
      new Password(this, "AdminPassword", { length: 24, special: false, minUpper: 2, minLower: 2, minNumeric: 2 }),
      "admin_password",
    ).result;
    this.databasePassword = stableAddress(
      new Password(this, "DatabasePassword", { length: 32, special: false }),
      "database_password",
    ).result;
  }
}
