/**
 * Building block: Cloud SQL for PostgreSQL for Mathesar's internal database — a private IP only (no public
 * address at all), encrypted connections only, daily backups with point-in-time recovery, both deletion
 * protections (Terraform's and the API's), the CIS log flags and pgAudit, REGIONAL availability when asked.
 * Mathesar's database and user are created through the API; the user's password is generated and written
 * only through write-only arguments, to the user and to Secret Manager, never to Terraform state.
 */
import { Construct } from "constructs";
import { Fn, Token, type ITerraformDependable } from "cdktf";
import { SqlDatabase } from "@cdktf/provider-google/lib/sql-database";
import { SqlDatabaseInstance } from "@cdktf/provider-google/lib/sql-database-instance";
import { SqlUser } from "@cdktf/provider-google/lib/sql-user";
import { CONTRACT_DEFAULTS, isToken } from "../mathesar";
import { asString, ifElse, onlyNested, stableAddress } from "../terraform";
import { truthy } from "../terraform/wiring";
import { CLOUD_SQL_LOG_FLAGS } from "./catalog";
import { GoogleGeneratedSecret, ephemeralPassword, googleSecret, writeOnce } from "./secrets";

/** Prefix of the performance-optimized tiers, which exist only in the ENTERPRISE_PLUS edition. */
export const ENTERPRISE_PLUS_TIER_PREFIX = "db-perf-optimized-";

/**
 * The Cloud SQL edition a tier belongs to: ENTERPRISE_PLUS for `db-perf-optimized-N-*`, ENTERPRISE for the
 * rest (shared-core and custom tiers exist only there). A tier that is a Terraform expression gets one too.
 */
export function cloudSqlEdition(tier: string): string {
  if (!isToken(tier)) return tier.startsWith(ENTERPRISE_PLUS_TIER_PREFIX) ? "ENTERPRISE_PLUS" : "ENTERPRISE";
  return Token.asString(
    Fn.conditional(Fn.startswith(tier, ENTERPRISE_PLUS_TIER_PREFIX), "ENTERPRISE_PLUS", "ENTERPRISE"),
  );
}

/** Props of {@link MathesarGoogleDatabase}. */
export interface MathesarGoogleDatabaseProps {
  /** Name prefix. */
  readonly name: string;
  /** Project. */
  readonly project: string;
  /** Region. */
  readonly region: string;
  /** Network the private IP is allocated in (Private Service Access must be connected). */
  readonly networkId: string;
  /** What must exist first: the Private Service Access connection. */
  readonly dependsOn?: ITerraformDependable[];
  /** PostgreSQL major version (14–17). */
  readonly version: number;
  /** Machine tier, e.g. `db-custom-1-3840`. */
  readonly tier: string;
  /** SSD size at creation in GB (grows automatically). */
  readonly diskSizeGb: number;
  /** A standby in a second zone that takes over on failure (REGIONAL). */
  readonly highAvailability: boolean;
  /** Backups kept, 7 to 365. */
  readonly backupRetentionDays: number;
  /**
   * Version of the user's write-only password, fed to the user and to its secret (raise it to write a new
   * password to both). @default 1
   */
  readonly passwordVersion?: number;
  /** Terraform's and the API's deletion protection. */
  readonly deletionProtection: boolean;
  /** Labels. @default {} */
  readonly labels?: Record<string, string>;
}

/** Managed PostgreSQL on Cloud SQL. */
export class MathesarGoogleDatabase extends Construct {
  /** The instance (escape hatch). */
  public readonly instance: SqlDatabaseInstance;
  /** Mathesar's internal database. */
  public readonly database: SqlDatabase;
  /** Mathesar's user (a member of `cloudsqlsuperuser`, as every user created through the API). */
  public readonly user: SqlUser;
  /** The user's password in Secret Manager, read by the service. */
  public readonly passwordSecret: GoogleGeneratedSecret;
  /** Private IP of the instance. */
  public readonly privateIp: string;
  /** The instance's server CA certificate, PEM (what `verify-ca` checks the server against). */
  public readonly serverCaCertificate: string;

  constructor(scope: Construct, id: string, props: MathesarGoogleDatabaseProps) {
    super(scope, id);
    const labels = props.labels;
    this.instance = stableAddress(
      new SqlDatabaseInstance(this, "Instance", {
        project: props.project,
        name: `${props.name}-db`,
        region: props.region,
        databaseVersion: `POSTGRES_${asString(props.version)}`,
        deletionProtection: props.deletionProtection,
        dependsOn: props.dependsOn,
        settings: {
          tier: props.tier,
          edition: cloudSqlEdition(props.tier),
          availabilityType: ifElse(truthy(props.highAvailability), "REGIONAL", "ZONAL"),
          diskType: "PD_SSD",
          // The size at creation only: Cloud SQL grows the disk on its own, and the provider replaces the
          // instance to "shrink" it back (see lifecycle below).
          diskSize: props.diskSizeGb,
          diskAutoresize: true,
          // The API refuses to delete the instance while this is on, whoever asks (console, gcloud, Terraform).
          deletionProtectionEnabled: props.deletionProtection,
          userLabels: labels,
          ipConfiguration: {
            ipv4Enabled: false,
            privateNetwork: props.networkId,
            sslMode: "ENCRYPTED_ONLY",
          },
          // Like RDS's final snapshot: the automated backups outlive the instance (restore them after a mistake).
          retainBackupsOnDelete: true,
          backupConfiguration: {
            enabled: true,
            pointInTimeRecoveryEnabled: true,
            startTime: "03:00",
            transactionLogRetentionDays: 7,
            backupRetentionSettings: { retainedBackups: props.backupRetentionDays, retentionUnit: "COUNT" },
          },
          databaseFlags: CLOUD_SQL_LOG_FLAGS.map((flag) => ({ ...flag })),
          insightsConfig: { queryInsightsEnabled: true, recordApplicationTags: false, recordClientAddress: false },
          maintenanceWindow: { day: 7, hour: 4, updateTrack: "stable" },
        },
        // After an automatic growth the API reports more than diskSize; without this every later plan would
        // propose replacing (destroying) the instance. A bigger disk on purpose: gcloud sql instances patch.
        lifecycle: { ignoreChanges: ["settings[0].disk_size"] },
      }),
      "this",
    );
    this.privateIp = this.instance.privateIpAddress;
    // Null, not an error, while the list is empty (a plan over a state the stand-in wrote, an import).
    this.serverCaCertificate = onlyNested(this.instance, "server_ca_cert[*].cert");
    this.database = stableAddress(
      new SqlDatabase(this, "Database", {
        project: props.project,
        instance: this.instance.name,
        name: CONTRACT_DEFAULTS.databaseName,
        // Cloud SQL refuses to drop a database with open connections; abandoning keeps destroy from stalling.
        deletionPolicy: "ABANDON",
      }),
      "mathesar",
    );
    // One generated value for the user and the secret, in one run. Order: the empty secret, then the user,
    // then the secret's version — so a failure never stores a password that matches nothing. One version
    // input feeds both write-only arguments, and the secret's version is written anew whenever the user is
    // replaced or gets a new password: a user and a secret from different runs would hold different values.
    const passwordVersion = props.passwordVersion ?? 1;
    const password = ephemeralPassword(this, "database_password", 32);
    const secret = googleSecret(this, "database_password", { name: props.name, project: props.project, labels });
    this.user = stableAddress(
      new SqlUser(this, "User", {
        project: props.project,
        instance: this.instance.name,
        name: CONTRACT_DEFAULTS.databaseUser,
        passwordWo: password,
        passwordWoVersion: passwordVersion,
        deletionPolicy: "ABANDON",
        dependsOn: [secret, this.database],
      }),
      "mathesar",
    );
    const user = `${this.user.terraformResourceType}.${this.user.friendlyUniqueId}`;
    const version = writeOnce(this, "database_password", secret, password, {
      writeAfter: [this.user],
      version: passwordVersion,
      // The user's id is unknown in a plan that replaces it; its version changes with passwordVersion.
      replaceTriggeredBy: [`${user}.id`, `${user}.password_wo_version`],
    });
    this.passwordSecret = { secret, secretId: secret.secretId, name: secret.name, version, ephemeralValue: password };
  }
}
