/** Props of the DigitalOcean target: the shared contract plus what only DigitalOcean needs. */
import type { ExistingDatabaseBaseProps, ManagedDatabaseProps, MathesarBaseProps } from "../mathesar";
import type { DoRegion } from "./catalog";

/** A PostgreSQL server the user already has (a DigitalOcean cluster or any other). */
export interface DoExistingDatabaseProps extends ExistingDatabaseBaseProps {
  /**
   * The role's password. DigitalOcean has no secret store, so this must be a reference to a secret —
   * a sensitive `TerraformVariable` (`TF_VAR_…`) or another resource's sensitive attribute — never a
   * literal written in code.
   */
  readonly password: string;
  /**
   * Refuse to destroy or replace the generated `SECRET_KEY` (and the app holding it) while on: it
   * decrypts the database passwords Mathesar saved in your database, which outlives this deployment.
   * Back the key up before turning this off (docs/digitalocean.md, "Backups and restore").
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * The server's CA certificate(s), PEM, for `sslMode` `verify-ca`/`verify-full` (for a DigitalOcean cluster:
   * its CA certificate from the control panel). Written to a file when the containers start and named by
   * `PGSSLROOTCERT`; libpq then also checks servers connected from Mathesar's UI with `require` against it.
   * @default - none: the server's certificate is not verified
   */
  readonly caCertificate?: string;
}

/** A managed PostgreSQL cluster created for Mathesar. */
export interface DoManagedDatabaseProps extends ManagedDatabaseProps {
  /**
   * Node size slug, overriding the one `size` picks.
   * @default - from `size` (see docs/digitalocean.md)
   */
  readonly nodeSize?: string;
  /**
   * TLS to the cluster: `require` encrypts; `verify-ca`/`verify-full` also verify the cluster's certificate
   * against its CA, read with the `digitalocean_database_ca` data source and written to a file at start.
   * @default "require"
   */
  readonly sslMode?: "require" | "verify-ca" | "verify-full";
}

/** Database choice: exactly one of `managed` (the default) and `existing`. */
export interface DoDatabaseProps {
  /**
   * Create a managed PostgreSQL cluster in the VPC.
   * @default {} when `existing` is not given
   */
  readonly managed?: DoManagedDatabaseProps;
  /**
   * Use a PostgreSQL server you already run; nothing is created or changed on it beyond what Mathesar's
   * migrations do in its internal database.
   * @default - none
   */
  readonly existing?: DoExistingDatabaseProps;
}

/** Props of `MathesarOnDigitalOcean`. */
export interface MathesarOnDigitalOceanProps extends MathesarBaseProps {
  /**
   * Datacenter region for the VPC, the database and the app (`nyc3`, `fra1`, `ams3`, …).
   * @default "nyc3"
   */
  readonly region?: DoRegion | string;
  /**
   * DigitalOcean DNS zone that holds `domainName` (e.g. `example.org`); App Platform then creates the DNS
   * records. Without it, point a CNAME at the `cname_target` output yourself.
   * @default - DNS managed elsewhere
   */
  readonly domainZone?: string;
  /**
   * Id of an existing VPC to use instead of creating one.
   * @default - a new VPC named `<name>-vpc`
   */
  readonly existingVpcId?: string;
  /**
   * IP range of the new VPC.
   * @default - DigitalOcean picks a free range
   */
  readonly vpcIpRange?: string;
  /**
   * App Platform instance size slug, overriding the one `size` picks.
   * @default - from `size`
   */
  readonly appInstanceSize?: string;
  /**
   * Ignore changes to the web service's and the bootstrap job's environment variables after creation.
   * The DigitalOcean provider stores the API's encrypted form of every `SECRET` value, so each plan shows
   * them as changed and each apply redeploys the app; this stops that. The risk: a later change to any
   * environment value (database password, SSO configuration, domain, secret key) no longer reaches the
   * app until you turn this off and apply. Terraform reads this once, at synth time.
   * @default false
   */
  readonly ignoreEnvChanges?: boolean;
  /**
   * Where Mathesar keeps its own data.
   * @default - a managed PostgreSQL 17 cluster, deletion-protected
   */
  /**
   * Refuse to destroy or replace the database and the SECRET_KEY (with an existing database too) until
   * this is false. Wins over the older `database.managed.deletionProtection` / `database.existing.deletionProtection`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  readonly database?: DoDatabaseProps;
}
