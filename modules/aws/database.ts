/**
 * Building block: RDS for PostgreSQL in the database subnets, for Mathesar's internal database — encrypted,
 * private, TLS forced, backed up for at least a week, deletion-protected with a final snapshot, with
 * Performance Insights and log exports. RDS manages its master password itself, in Secrets Manager (never
 * in Terraform state, never out of step with the instance, rotated by RDS); only the bootstrap reads it, to
 * create Mathesar's own role, whose generated password is written once through a write-only argument.
 */
import { Construct } from "constructs";
import { Fn, IResolvable } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { CONTRACT_DEFAULTS } from "../mathesar";
import { asString, stableAddress, times } from "../terraform";
import { GeneratedSecret, SecretSettings, generatedSecret } from "./secrets";

/** The RDS master user; Mathesar's own role is created by the bootstrap with fewer rights. */
export const RDS_MASTER_USERNAME = "mathesar_admin";

/** JSON keys of the database credential secrets. */
export const DB_SECRET_KEYS = { username: "username", password: "password" } as const;

/** Props of {@link MathesarAwsDatabase}. */
export interface MathesarAwsDatabaseProps extends SecretSettings {
  /** VPC of the database's security group. */
  readonly vpcId: string;
  /** Database subnets (two zones or more). */
  readonly subnetIds: string[];
  /**
   * PostgreSQL major version (14–17). Not `version`: a `module` block reserves that argument, and the
   * submodule variable is named after this prop.
   */
  readonly postgresVersion: number;
  /** Instance class, e.g. `db.t4g.small`. */
  readonly instanceClass: string;
  /** Storage at creation in GiB; it grows automatically up to five times that. */
  readonly allocatedStorageGiB: number;
  /** A standby in a second zone that takes over on failure (RDS Multi-AZ). */
  readonly highAvailability: boolean | IResolvable;
  /** Days of automated backups (point-in-time recovery), 7 to 35. */
  readonly backupRetentionDays: number;
  /** Refuse deletion (RDS's own flag); a final snapshot is taken on deletion in any case. */
  readonly deletionProtection: boolean | IResolvable;
  /**
   * Days to keep the PostgreSQL logs RDS exports to CloudWatch.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/** Managed PostgreSQL on RDS. */
export class MathesarAwsDatabase extends Construct {
  /** The instance (escape hatch). */
  public readonly instance: DbInstance;
  /** The database's security group; the service adds its own ingress rule. */
  public readonly securityGroup: SecurityGroup;
  /** The parameter group that forces TLS (escape hatch). */
  public readonly parameterGroup: DbParameterGroup;
  /** RDS-managed master credentials (JSON `{username, password}`), read only by the bootstrap. */
  public readonly masterSecret: { readonly arn: string };
  /** Mathesar's role credentials (JSON `{username, password}`), read by the service. */
  public readonly appSecret: GeneratedSecret;

  constructor(scope: Construct, id: string, props: MathesarAwsDatabaseProps) {
    super(scope, id);
    const version = asString(props.postgresVersion);
    this.securityGroup = stableAddress(
      new SecurityGroup(this, "SecurityGroup", {
        namePrefix: `${props.name}-db-`,
        description: "Mathesar database: PostgreSQL from the Mathesar service only",
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-db` },
        lifecycle: { createBeforeDestroy: true },
      }),
      "database",
    );
    const subnetGroup = stableAddress(
      new DbSubnetGroup(this, "SubnetGroup", {
        namePrefix: `${props.name}-`,
        subnetIds: props.subnetIds,
        description: "Mathesar database subnets",
      }),
      "this",
    );
    this.parameterGroup = stableAddress(
      new DbParameterGroup(this, "ParameterGroup", {
        namePrefix: `${props.name}-pg${version}-`,
        family: `postgres${version}`,
        // A major upgrade swaps the group while the old one is still attached: leave the old one behind.
        skipDestroy: true,
        description: "Mathesar: TLS required, connections logged",
        parameter: [
          // CKV2_AWS_69: refuse unencrypted connections.
          { name: "rds.force_ssl", value: "1" },
          { name: "log_connections", value: "1" },
          { name: "log_disconnections", value: "1" },
          { name: "log_min_duration_statement", value: "5000" },
        ],
        lifecycle: { createBeforeDestroy: true },
      }),
      "this",
    );
    this.appSecret = generatedSecret(this, "database_app", {
      ...props,
      description: "Credentials of Mathesar's own PostgreSQL role.",
      length: 32,
      format: (password) =>
        Fn.jsonencode({
          [DB_SECRET_KEYS.username]: CONTRACT_DEFAULTS.databaseUser,
          [DB_SECRET_KEYS.password]: password,
        }),
    });
    // RDS would create its log groups itself, unmanaged and kept forever: declare them first, with retention.
    const identifier = `${props.name}-db`;
    const logGroups = ["postgresql", "upgrade"].map((log) =>
      stableAddress(
        new CloudwatchLogGroup(this, `${log}Logs`, {
          name: `/aws/rds/instance/${identifier}/${log}`,
          retentionInDays: props.logRetentionDays ?? 365,
          kmsKeyId: props.kmsKeyId,
        }),
        `rds_${log}`,
      ),
    );
    this.instance = stableAddress(
      new DbInstance(this, "Instance", {
        identifier,
        dependsOn: logGroups,
        engine: "postgres",
        engineVersion: version,
        instanceClass: props.instanceClass,
        allocatedStorage: props.allocatedStorageGiB,
        maxAllocatedStorage: times(props.allocatedStorageGiB, 5),
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: props.kmsKeyId,
        dbName: CONTRACT_DEFAULTS.databaseName,
        username: RDS_MASTER_USERNAME,
        // RDS keeps the master password in Secrets Manager and rotates it; the bootstrap reads it at each start.
        manageMasterUserPassword: true,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [this.securityGroup.id],
        parameterGroupName: this.parameterGroup.name,
        publiclyAccessible: false,
        multiAz: props.highAvailability,
        backupRetentionPeriod: props.backupRetentionDays,
        deletionProtection: props.deletionProtection,
        skipFinalSnapshot: false,
        // Named when the instance is created (timestamp() then frozen by ignore_changes): a later instance of
        // the same name gets its own snapshot name, so its destroy does not collide with the first one's.
        finalSnapshotIdentifier: `${props.name}-db-final-\${formatdate("YYYYMMDDhhmmss", timestamp())}`,
        lifecycle: { ignoreChanges: ["final_snapshot_identifier"] },
        copyTagsToSnapshot: true,
        performanceInsightsEnabled: true,
        performanceInsightsRetentionPeriod: 7,
        performanceInsightsKmsKeyId: props.kmsKeyId,
        masterUserSecretKmsKeyId: props.kmsKeyId,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        autoMinorVersionUpgrade: true,
        // Raising the version input is a deliberate major upgrade, applied in the maintenance window.
        allowMajorVersionUpgrade: true,
        // Major-version changes are applied in the maintenance window, never in the middle of a workday.
        applyImmediately: false,
        caCertIdentifier: "rds-ca-rsa2048-g1",
      }),
      "this",
    );
    this.masterSecret = { arn: this.instance.masterUserSecret.get(0).secretArn };
  }
}
