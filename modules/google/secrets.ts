/**
 * Building block: Mathesar's generated secrets in Secret Manager, kept out of Terraform state.
 *
 * Each value comes from the `random` provider's ephemeral `random_password` (random ≥ 3.7, Terraform ≥ 1.11)
 * and is written once through the write-only argument `secret_data_wo` (version 1): it never appears in state
 * or plan files. Google has no service that generates passwords (unlike AWS Secrets Manager), and the random
 * provider runs locally, so nothing leaves the machine that runs Terraform. Changing a value on purpose means
 * adding a secret version (gcloud secrets versions add); the services read the `latest` version at start.
 */
import { Construct } from "constructs";
import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret";
import { SecretManagerSecretVersion } from "@cdktf/provider-google/lib/secret-manager-secret-version";
import type { ITerraformDependable } from "cdktf";
import { ephemeralResource, stableAddress } from "../terraform";

/** One generated secret. */
export interface GoogleGeneratedSecret {
  /** The secret (escape hatch). */
  readonly secret: SecretManagerSecret;
  /** Its short id, what Cloud Run's secret references and IAM bindings name. */
  readonly secretId: string;
  /** Its full name `projects/<number>/secrets/<id>`, what the contract output shows. */
  readonly name: string;
  /** The version written by Terraform (escape hatch). */
  readonly version: SecretManagerSecretVersion;
  /** The generated value as an ephemeral reference (write-only arguments of the same run only). */
  readonly ephemeralValue: string;
}

/** Settings shared by the secrets of one deployment. */
export interface GoogleSecretSettings {
  /** Name prefix of the secrets. */
  readonly name: string;
  /** Project. */
  readonly project: string;
  /** Labels. @default {} */
  readonly labels?: Record<string, string>;
}

/** A generated password as an ephemeral value (letters and digits, `length` characters), never in state. */
export function ephemeralPassword(scope: Construct, address: string, length: number): string {
  return ephemeralResource(scope, "random_password", address, {
    length,
    // Punctuation breaks connection strings and env files; the length keeps the entropy high.
    special: false,
    min_lower: 1,
    min_upper: 1,
    min_numeric: 1,
  }).attribute("result");
}

/** An empty Secret Manager secret (the container its versions go into). */
export function googleSecret(scope: Construct, address: string, settings: GoogleSecretSettings): SecretManagerSecret {
  return stableAddress(
    new SecretManagerSecret(scope, `${address}_secret`, {
      project: settings.project,
      secretId: `${settings.name}-${address.replace(/_/g, "-")}`,
      replication: { auto: {} },
      labels: settings.labels,
    }),
    address,
  );
}

/** How {@link writeOnce} writes a value. */
export interface WriteOnceOptions {
  /** Resources that must exist first (a database user that receives the same value). @default - none */
  readonly writeAfter?: ITerraformDependable[];
  /** Write-only version; raising it writes the value again as a new version. @default 1 */
  readonly version?: number;
  /** `replace_triggered_by` references: the version is written anew whenever one changes. @default - none */
  readonly replaceTriggeredBy?: string[];
}

/**
 * Stores `value` as a version of the secret through a write-only argument: once, unless `version` rises or
 * something in `replaceTriggeredBy` changes. Otherwise add a version with gcloud to change it (services pick
 * it up when they restart).
 */
export function writeOnce(
  scope: Construct,
  address: string,
  secret: SecretManagerSecret,
  value: string,
  options: WriteOnceOptions = {},
): SecretManagerSecretVersion {
  return stableAddress(
    new SecretManagerSecretVersion(scope, `${address}_version`, {
      secret: secret.id,
      secretDataWo: value,
      secretDataWoVersion: options.version ?? 1,
      dependsOn: options.writeAfter,
      lifecycle: options.replaceTriggeredBy ? { replaceTriggeredBy: options.replaceTriggeredBy } : undefined,
    }),
    address,
  );
}

/** A secret whose value is generated and written once. */
export function googleGeneratedSecret(
  scope: Construct,
  address: string,
  settings: GoogleSecretSettings & { length: number },
): GoogleGeneratedSecret {
  const value = ephemeralPassword(scope, address, settings.length);
  const secret = googleSecret(scope, address, settings);
  const version = writeOnce(scope, address, secret, value);
  return { secret, secretId: secret.secretId, name: secret.name, version, ephemeralValue: value };
}

/** Mathesar's application secrets: the Django key and the first admin's password. */
export class MathesarGoogleSecrets extends Construct {
  /** Django `SECRET_KEY` (64 characters). Never change it: it decrypts saved database passwords. */
  public readonly secretKey: GoogleGeneratedSecret;
  /** First admin's password (24 characters). */
  public readonly adminPassword: GoogleGeneratedSecret;

  constructor(scope: Construct, id: string, props: GoogleSecretSettings) {
    super(scope, id);
    this.secretKey = googleGeneratedSecret(this, "secret_key", { ...props, length: 64 });
    this.adminPassword = googleGeneratedSecret(this, "admin_password", { ...props, length: 24 });
  }
}
