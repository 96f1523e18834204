/** Props of the Google Cloud target: the shared contract plus what only Google Cloud needs. */
import type { ExistingDatabaseBaseProps, ManagedDatabaseProps, MathesarBaseProps } from "../mathesar";
import type { GoogleRuntime } from "./catalog";

/** A VPC network that already exists, with a subnetwork in the deployment's region. */
export interface GoogleExistingNetworkProps {
  /** Network id, e.g. `projects/my-project/global/networks/my-vpc`. */
  readonly networkId: string;
  /** Subnetwork id in `region` (Cloud Run's Direct VPC egress and the VM use it). */
  readonly subnetworkId: string;
  /**
   * Private Service Access is already connected on this network (a managed Cloud SQL instance needs it).
   * When false, a range and the connection are created.
   * @default true
   */
  readonly privateServiceAccessConnected?: boolean;
}

/** The network: a new VPC (the default) or an existing one. */
export interface GoogleNetworkProps {
  /**
   * Use this network and subnetwork.
   * @default - a new VPC network with one subnetwork
   */
  readonly existing?: GoogleExistingNetworkProps;
  /**
   * CIDR of the new subnetwork (Cloud Run's Direct VPC egress takes addresses from it: /26 or larger).
   * @default "10.10.0.0/24"
   */
  readonly subnetCidr?: string;
  /**
   * Range reserved for Private Service Access (Cloud SQL's private addresses).
   * @default - a /20 that Google picks
   */
  readonly privateServiceAccessCidr?: string;
}

/** A Cloud SQL for PostgreSQL instance created for Mathesar. */
export interface GoogleManagedDatabaseProps extends ManagedDatabaseProps {
  /**
   * Cloud SQL machine tier overriding the one `size` picks. A `db-perf-optimized-N-*` tier makes the
   * instance the ENTERPRISE_PLUS edition (the only one that has them; it costs more).
   * @default - from `size`
   */
  readonly tier?: string;
  /**
   * SSD size at creation in GB (it grows automatically; later changes are ignored, since Cloud SQL cannot
   * shrink a disk and the provider would replace the instance — grow it with `gcloud sql instances patch`).
   * @default - from `size`
   */
  readonly diskSizeGb?: number;
  /**
   * Automated backups kept (one a day), 7 to 365; point-in-time recovery covers the last 7 days.
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Version of the `mathesar` user's generated password. Raising it writes one new password, in one run, to
   * the user and as a new version of its secret: the way to bring them back in step after an apply that
   * failed between the two (the service picks the new value up at its next start).
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * TLS to the instance, set as libpq's `PGSSLMODE`. `require` encrypts (the instance refuses anything else);
   * `verify-ca` also verifies the server's certificate against the instance's own server CA, read from the
   * instance (`server_ca_cert`) and written to a file when Mathesar starts. `verify-full` is refused: Cloud
   * SQL's server certificates do not name the private IP Mathesar connects to. After a server CA rotation,
   * apply again so Mathesar gets the new CA.
   * @default "require"
   */
  readonly sslMode?: "require" | "verify-ca";
}

/** A Cloud SQL instance or any PostgreSQL the user already runs, reachable from the network. */
export interface GoogleExistingDatabaseProps extends ExistingDatabaseBaseProps {
  /** Secret Manager secret (id in the deployment's project, or full name) holding the role's password. */
  readonly passwordSecretId: string;
  /**
   * The server's CA certificate(s), PEM (for Cloud SQL: the instance's server CA, e.g. from
   * `gcloud sql instances describe`), for `sslMode` `verify-ca`/`verify-full`: written to a file when Mathesar
   * starts and named by `PGSSLROOTCERT`. For Cloud SQL only `verify-ca` works (its certificates do not name
   * the private IP).
   * @default - none: the server's certificate is not verified
   */
  readonly caCertificate?: string;
}

/** Database choice: exactly one of `managed` (the default) and `existing`. */
export interface GoogleDatabaseProps {
  /** Create Cloud SQL for PostgreSQL on a private IP. @default {} */
  readonly managed?: GoogleManagedDatabaseProps;
  /** Use an existing PostgreSQL. @default - none */
  readonly existing?: GoogleExistingDatabaseProps;
}

/** Google sign-in at the load balancer (Identity-Aware Proxy). */
export interface GoogleIapProps {
  /**
   * Who may pass: `user:`, `group:`, `serviceAccount:` or `domain:` members. Everyone else sees Google's
   * "You don't have access" page and never reaches Mathesar.
   */
  readonly members: string[];
  /**
   * OAuth client for IAP. Needed when members sign in with accounts outside your Google Workspace
   * organization (personal Gmail accounts); otherwise Google's own client is used.
   * @default - Google-managed OAuth client
   */
  readonly oauthClientId?: string;
  /**
   * Secret of that OAuth client. Must be a reference to a secret (a sensitive variable), never a literal;
   * Terraform keeps it in state (the provider has no write-only form).
   * @default - none
   */
  readonly oauthClientSecret?: string;
}

/** A Cloud Armor policy in front of Mathesar. */
export interface GoogleCloudArmorProps {
  /**
   * Only these source ranges reach Mathesar (e.g. a campus network); everyone else gets 403. 1 to 10 ranges
   * (what one Cloud Armor rule matches).
   * @default - every address
   */
  readonly allowedIpRanges?: string[];
  /**
   * Requests per minute a single client IP may send before it is banned for five minutes.
   * @default 1200
   */
  readonly rateLimitPerMinute?: number;
}

/** Mathesar's own SSO on Google Cloud: the configuration lives in Secret Manager. */
export interface GoogleSsoProps {
  /** Secret holding Mathesar's SSO configuration JSON (`SSO_CONFIG_DICT`). */
  readonly configSecretId: string;
  /** Require SSO for everyone. @default false */
  readonly requireSsoLogin?: boolean;
}

/** The VM runtime. */
export interface GoogleVmProps {
  /**
   * Zone of the VM.
   * @default - the region's first zone that is up when the VM is created (not every region has a zone "a"), then kept in state
   */
  readonly zone?: string;
  /**
   * Machine type overriding the one `size` picks.
   * @default - from `size`
   */
  readonly machineType?: string;
  /**
   * `load_balancer`: no public IP, behind the same HTTPS load balancer as Cloud Run (IAP and Cloud Armor
   * available). `caddy`: a static public IP, Caddy obtains a Let's Encrypt certificate itself — cheaper, no
   * IAP or Cloud Armor.
   * @default "load_balancer"
   */
  readonly edge?: "load_balancer" | "caddy";
  /**
   * E-mail Let's Encrypt may write to about the certificate (caddy only).
   * @default - none
   */
  readonly acmeEmail?: string;
  /**
   * Create a Cloud Router and Cloud NAT so the VM (no public IP behind the load balancer) can pull the image.
   * Turn off when your network already NATs the subnetwork (two NATs on one subnetwork conflict).
   * @default true
   */
  readonly createCloudNat?: boolean;
  /**
   * Networks allowed to reach ports 80 and 443 (caddy only).
   * @default ["0.0.0.0/0"]
   */
  readonly allowedSourceRanges?: string[];
}

/** Props of `MathesarOnGoogleCloud`. */
export interface MathesarOnGoogleCloudProps extends Omit<MathesarBaseProps, "sso" | "domainName"> {
  /** Project to deploy into. */
  readonly project: string;
  /**
   * Region of Cloud Run, Cloud SQL and the subnetwork.
   * @default "us-central1"
   */
  readonly region?: string;
  /** Host name Mathesar is served at; the Google-managed certificate is issued for it. */
  readonly domainName: string;
  /**
   * Cloud DNS managed zone of `domainName` in `project`: an A record is created there.
   * @default - none: point the domain at the `ip_address` output yourself
   */
  readonly dnsZone?: string;
  /**
   * `cloud_run` (managed, nothing to patch) or `vm` (one Compute Engine VM running Container-Optimized OS).
   * @default "cloud_run"
   */
  readonly runtime?: GoogleRuntime;
  /** The VM runtime's settings (runtime "vm" only). @default - see GoogleVmProps */
  readonly vm?: GoogleVmProps;
  /** The network. @default - a new VPC network with Private Google Access and flow logs */
  readonly network?: GoogleNetworkProps;
  /** Where Mathesar keeps its own data. @default - Cloud SQL for PostgreSQL 17 on a private IP, deletion-protected */
  readonly database?: GoogleDatabaseProps;
  /**
   * Refuse `terraform destroy` (and replacement) of the deployment while on: a guard that Terraform must
   * destroy first keeps the secrets and, with a managed database, Cloud SQL (whose own protections follow),
   * the service, the uploads and the network. On with an existing database as well, where it keeps the
   * SECRET_KEY secret: the key decrypts the credentials Mathesar saved in that database and must never be
   * lost. Same meaning as `database.managed.deletionProtection`; give one, or both alike.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /** Google sign-in at the load balancer. @default - off: Mathesar's own login only */
  readonly iap?: GoogleIapProps;
  /** A Cloud Armor policy created for Mathesar. @default - none */
  readonly cloudArmor?: GoogleCloudArmorProps;
  /** An existing Cloud Armor policy to attach instead. @default - none */
  readonly securityPolicy?: string;
  /** Mathesar's own SSO (OIDC) configuration from Secret Manager. @default - off */
  readonly sso?: GoogleSsoProps;
  /** Cloud Run instances kept warm, overriding the size's. @default - from `size` (1 or 2) */
  readonly minInstances?: number;
  /** Most Cloud Run instances, overriding the size's. @default - from `size` */
  readonly maxInstances?: number;
}
