/** `modules/database` of terraform-aws-mathesar: RDS for PostgreSQL as a module. */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarAwsDatabase } from "../../../modules/aws";
import { ModuleStack } from "../../../modules/terraform";
import { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "../providers";
import { AWS_VARIABLES } from "../variables";

/** Encrypted, private, TLS-only RDS with backups, deletion protection and a final snapshot. */
export class AwsDatabaseModule extends ModuleStack {
  public readonly description =
    "RDS for PostgreSQL in private database subnets: encrypted, not public, TLS forced, backups of 7+ days, deletion protection, a final snapshot, Performance Insights, log exports; the master password generated into Secrets Manager and never in state.";

  constructor(scope: Construct, id: string) {
    super(scope, id, AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws");
    const vars = this.variables({
      name: AWS_VARIABLES.name,
      vpc_id: { type: "string", description: "Id of the VPC." },
      subnet_ids: { type: "list(string)", description: "Database subnets in two or more zones." },
      postgres_version: AWS_VARIABLES.database_version,
      instance_class: {
        ...AWS_VARIABLES.database_instance_class,
        default: undefined,
        description: "RDS instance class, e.g. db.t4g.small.",
      },
      allocated_storage: { type: "number", description: "Storage at creation in GiB (grows automatically up to 5x)." },
      multi_az: { type: "bool", description: "Multi-AZ standby." },
      backup_retention_days: AWS_VARIABLES.backup_retention_days,
      deletion_protection: AWS_VARIABLES.deletion_protection,
      kms_key_id: {
        ...AWS_VARIABLES.kms_key_arn,
        description:
          "Customer-managed KMS key (ARN) for storage, Performance Insights, the master and app secrets and the log groups; null: AWS-managed keys.",
      },
    });
    const database = new MathesarAwsDatabase(this, "Database", {
      name: vars.name.stringValue,
      vpcId: vars.vpc_id.stringValue,
      subnetIds: vars.subnet_ids.listValue,
      version: vars.postgres_version.numberValue,
      instanceClass: vars.instance_class.stringValue,
      allocatedStorageGiB: vars.allocated_storage.numberValue,
      multiAz: vars.multi_az.stringValue,
      backupRetentionDays: vars.backup_retention_days.numberValue,
      deletionProtection: vars.deletion_protection.stringValue,
      kmsKeyId: vars.kms_key_id.stringValue,
    });
    const { instance } = database;
    this.outputs({
      address: { value: instance.address, description: "Private host name of the instance." },
      port: { value: instance.port, description: "PostgreSQL port." },
      endpoint: {
        value: Fn.join(":", [instance.address, Fn.tostring(instance.port)]),
        description: "Private host:port.",
      },
      instance_identifier: {
        value: instance.identifier,
        description: "RDS instance identifier (for snapshots and restores).",
      },
      instance_resource_id: {
        value: instance.resourceId,
        description: "RDS resource id: changes when the instance is replaced (the deletion guard watches it).",
      },
      security_group_id: { value: database.securityGroup.id, description: "Security group of the database." },
      master_secret_arn: {
        value: database.masterSecret.arn,
        description: "ARN of the master credentials secret (JSON username/password).",
      },
      app_secret_arn: {
        value: database.appSecret.arn,
        description: "ARN of Mathesar's role credentials secret (JSON username/password).",
      },
    });
  }
}
