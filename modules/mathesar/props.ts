/**
 * The props every target accepts (docs/architecture.md, decision "One contract"). Each target extends these with its own
 * (region, network ids, secret references) and maps them to its resources; the names and meanings here
 * stay the same everywhere, in camelCase for TypeScript and snake_case for Terraform.
 */
import type { MathesarSize } from "./sizes";
import type { PostgresSslMode, PostgresSslModeWithCa } from "./inputs";

/** Props shared by every `MathesarOn<Target>` construct. */
export interface MathesarBaseProps {
  /**
   * Prefix for every resource name: 2 or more lowercase letters, digits or hyphens, at most what the target's
   * clouds allow with its longest suffix (DigitalOcean 32, AWS 27, Google Cloud 24, Kubernetes 53).
   * @default "mathesar"
   */
  readonly name?: string;
  /**
   * Public host name Mathesar is served at, e.g. `mathesar.example.org`. The target provisions its TLS
   * certificate and adds it to Django's `ALLOWED_HOSTS`.
   * @default - the platform's own URL (targets that have one), otherwise required
   */
  readonly domainName?: string;
  /**
   * Mathesar release to run (an image tag). `latest` is refused: upgrades are explicit.
   * @default DEFAULT_MATHESAR_VERSION ("0.11.0")
   */
  readonly mathesarVersion?: string;
  /**
   * Image repository, for air-gapped users who mirror the official image.
   * @default "mathesar/mathesar"
   */
  readonly imageRepository?: string;
  /**
   * Compute and database tier; each target documents what a size means there and what it costs.
   * @default "small"
   */
  readonly size?: MathesarSize;
  /**
   * Headless creation of the first admin, so nobody can claim a fresh deployment through
   * `/complete_installation/`.
   * @default - on, username "admin", generated password
   */
  readonly admin?: AdminProps;
  /**
   * Mathesar's own single sign-on (OIDC), configured from a secret.
   * @default - off: password login only
   */
  readonly sso?: SsoProps;
  /**
   * Django `SECRET_KEY` of an existing installation, to restore or move one: it decrypts the saved
   * passwords of connected databases. Must be a reference to a secret (a sensitive variable), never a
   * literal, and at least 50 characters.
   * @default - generated once and kept in Terraform state
   */
  readonly secretKey?: string;
  /**
   * Tags (labels) added to every resource that supports them.
   * @default {}
   */
  readonly tags?: Record<string, string>;
}

/** Settings for a database the target creates for Mathesar. */
export interface ManagedDatabaseProps {
  /**
   * PostgreSQL major version, 14 to 18.
   * @default 17
   */
  readonly version?: number;
  /**
   * Keep a standby ready to take over (Multi-AZ, REGIONAL, standby node…). Roughly doubles the database
   * cost.
   * @default false
   */
  readonly highAvailability?: boolean;
  /**
   * Refuse to destroy the database (and, where the cloud supports it, keep a final backup). Turning it off
   * lets `terraform destroy` delete every table Mathesar stored: only for throwaway environments.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * A PostgreSQL server the user already runs. Mathesar's internal database must exist on it and belong to
 * `user` (see docs/existing-database.md for the SQL a DBA runs). Targets add the field that carries the
 * password from their secret store.
 */
export interface ExistingDatabaseBaseProps {
  /** Host name or IP address (or Unix-socket directory) of the server. */
  readonly host: string;
  /**
   * TCP port.
   * @default 5432
   */
  readonly port?: number;
  /**
   * Mathesar's internal database on that server.
   * @default "mathesar"
   */
  readonly databaseName?: string;
  /**
   * Role Mathesar logs in as; it must own the internal database.
   * @default "mathesar"
   */
  readonly user?: string;
  /**
   * TLS mode, set as libpq's `PGSSLMODE` (Mathesar 0.8.0–0.11.0 ignore `POSTGRES_SSLMODE`, also set). `require`
   * encrypts the connection; `verify-ca`/`verify-full` also verify the server against its CA certificate, on
   * targets that take one (`caCertificate`). `prefer` and `disable` may send credentials in clear text: only
   * for servers on a private network.
   * @default "require"
   */
  readonly sslMode?: PostgresSslModeWithCa;
}

/** The first admin, created without a browser. */
export interface AdminProps {
  /**
   * Create the first admin at deploy time. Turning it off leaves `/complete_installation/` open to whoever
   * reaches the site first: only do that on a private network.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Username of the first admin.
   * @default "admin"
   */
  readonly username?: string;
  /**
   * E-mail stored on the first admin's account (Mathesar sends no mail).
   * @default ""
   */
  readonly email?: string;
}

/** Mathesar's own single sign-on (OIDC). */
export interface SsoProps {
  /**
   * Mathesar's SSO configuration as JSON (what `SSO_CONFIG_DICT` holds). It contains client secrets, so it
   * must be a reference to a secret (a sensitive variable or a secret-store entry), never a literal.
   */
  readonly configJson: string;
  /**
   * Hide the password form and require SSO for everyone.
   * @default false
   */
  readonly requireSsoLogin?: boolean;
}

/** Defaults of the shared props, applied by every target in the same way. */
export const CONTRACT_DEFAULTS = {
  name: "mathesar",
  adminUsername: "admin",
  adminEmail: "",
  databaseName: "mathesar",
  databaseUser: "mathesar",
  databasePort: 5432,
  databaseVersion: 17,
  sslMode: "require" as PostgresSslMode,
} as const;
