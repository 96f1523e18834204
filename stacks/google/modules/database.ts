/** `modules/database` of terraform-google-mathesar: Cloud SQL for PostgreSQL on a private IP. */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarGoogleDatabase, NETWORK_ID_RULE } from "../../../modules/google";
import { ModuleStack } from "../../../modules/terraform";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "../providers";
import { GOOGLE_VARIABLES } from "../variables";

/** Private, encrypted-only, backed-up, deletion-protected Cloud SQL as a module. */
export class GoogleDatabaseModule extends ModuleStack {
  public readonly description =
    "Cloud SQL for PostgreSQL with a private IP only, ENCRYPTED_ONLY connections, daily backups with point-in-time recovery, both deletion protections, CIS log flags and pgAudit; Mathesar's database and user, the user's password generated into Secret Manager and never in state. Call it after Private Service Access is connected (depends_on).";

  constructor(scope: Construct, id: string) {
    super(scope, id, GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google");
    new RandomProvider(this, "random");
    const vars = this.variables({
      name: GOOGLE_VARIABLES.name,
      project: GOOGLE_VARIABLES.project,
      region: GOOGLE_VARIABLES.region,
      network_id: {
        type: "string",
        description: "Network with Private Service Access connected.",
        rule: NETWORK_ID_RULE,
      },
      postgres_version: GOOGLE_VARIABLES.database_version,
      tier: {
        ...GOOGLE_VARIABLES.database_tier,
        default: undefined,
        description:
          "Cloud SQL machine tier, e.g. db-custom-1-3840; db-perf-optimized-N-* makes the instance ENTERPRISE_PLUS.",
      },
      disk_size_gb: {
        ...GOOGLE_VARIABLES.database_disk_size_gb,
        default: undefined,
        description: "SSD size at creation in GB (grows automatically; later changes are ignored).",
      },
      high_availability: {
        type: "bool",
        description: "REGIONAL availability (a standby in a second zone).",
        default: false,
      },
      backup_retention_days: GOOGLE_VARIABLES.backup_retention_days,
      password_version: GOOGLE_VARIABLES.database_password_version,
      deletion_protection: GOOGLE_VARIABLES.deletion_protection,
      labels: GOOGLE_VARIABLES.labels,
    });
    const database = new MathesarGoogleDatabase(this, "Database", {
      name: vars.name.stringValue,
      project: vars.project.stringValue,
      region: vars.region.stringValue,
      networkId: vars.network_id.stringValue,
      version: vars.postgres_version.numberValue,
      tier: vars.tier.stringValue,
      diskSizeGb: vars.disk_size_gb.numberValue,
      highAvailability: vars.high_availability.stringValue,
      backupRetentionDays: vars.backup_retention_days.numberValue,
      passwordVersion: vars.password_version.numberValue,
      deletionProtection: vars.deletion_protection.stringValue,
      labels: vars.labels.value,
    });
    const { instance } = database;
    this.outputs({
      private_ip: { value: database.privateIp, description: "Private IP address of the instance." },
      server_ca_certificate: {
        value: database.serverCaCertificate,
        description: "The instance's server CA certificate, PEM (for sslmode verify-ca).",
      },
      endpoint: { value: Fn.format("%s:5432", [database.privateIp]), description: "Private host:port." },
      instance_name: { value: instance.name, description: "Cloud SQL instance name (for backups and restores)." },
      connection_name: {
        value: instance.connectionName,
        description: "Connection name project:region:instance (Cloud SQL Auth Proxy).",
      },
      instance_service_account: {
        value: instance.serviceAccountEmailAddress,
        description:
          "The instance's own service account: changes only when the instance is replaced (the deletion guard watches it).",
      },
      password_secret_id: {
        value: database.passwordSecret.secretId,
        description: "Id of the secret holding the mathesar user's password.",
      },
    });
  }
}
