/** Props of the AWS target: the shared contract plus what only AWS needs. */
import type { ExistingDatabaseBaseProps, ManagedDatabaseProps, MathesarBaseProps } from "../mathesar";
import type { AwsEgressMode } from "./catalog";
import type { AlbOidcProps } from "./edge";

/** A VPC that already exists, with its subnets. */
export interface AwsExistingNetworkProps {
  /** VPC id (`vpc-…`). */
  readonly vpcId: string;
  /** The VPC's CIDR block (the load balancer may reach Mathesar's port inside it). */
  readonly vpcCidr: string;
  /** Subnets for an internet-facing load balancer (two zones or more); unused when `internal`. */
  readonly publicSubnetIds?: string[];
  /** Private subnets with egress for the tasks (two zones or more). */
  readonly privateSubnetIds: string[];
  /**
   * Subnets for a managed database (two zones or more).
   * @default privateSubnetIds
   */
  readonly databaseSubnetIds?: string[];
}

/** The network: a new VPC (the default) or an existing one. */
export interface AwsNetworkProps {
  /**
   * Use this VPC and its subnets; nothing network-wide is created.
   * @default - a new VPC
   */
  readonly existing?: AwsExistingNetworkProps;
  /**
   * CIDR block of a new VPC.
   * @default "10.0.0.0/16"
   */
  readonly cidr?: string;
  /**
   * Availability zones of a new VPC (two to four, distinct).
   * @default - the region's first two available zones
   */
  readonly availabilityZones?: string[];
  /**
   * How private subnets reach the internet: `nat_gateway` (one, ~$33/month), `nat_gateway_per_az` (survives a
   * zone failure) or `vpc_endpoints` (no internet at all; needs the image in ECR).
   * @default "nat_gateway"
   */
  readonly egress?: AwsEgressMode;
  /**
   * Days to keep VPC flow logs.
   * @default 365
   */
  readonly flowLogRetentionDays?: number;
}

/** An RDS instance created for Mathesar. */
export interface AwsManagedDatabaseProps extends ManagedDatabaseProps {
  /**
   * Days of automated backups (7 to 35).
   * @default 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Instance class overriding the one `size` picks.
   * @default - from `size`
   */
  readonly instanceClass?: string;
  /**
   * Storage at creation in GiB (grows automatically up to 5×).
   * @default - from `size`
   */
  readonly allocatedStorageGiB?: number;
  /**
   * TLS to RDS: `require` encrypts; `verify-ca`/`verify-full` also verify the instance's certificate against
   * `caCertificate` (RDS endpoints are in their certificates, so `verify-full` applies).
   * @default "require"
   */
  readonly sslMode?: "require" | "verify-ca" | "verify-full";
  /**
   * The RDS CA bundle of the region, PEM, from AWS's trust store (the provider does not expose it): written to
   * a file when the containers start and named by `PGSSLROOTCERT`. Needed for `verify-ca`/`verify-full`.
   * @default - none
   */
  readonly caCertificate?: string;
}

/** An RDS, Aurora or any other PostgreSQL the user already runs. */
export interface AwsExistingDatabaseProps extends ExistingDatabaseBaseProps {
  /** Secrets Manager secret holding the role's password. */
  readonly passwordSecretArn: string;
  /**
   * JSON key of the password inside that secret (RDS-managed secrets use `password`).
   * @default - the whole secret string is the password
   */
  readonly passwordSecretKey?: string;
  /**
   * Security group of the database: a rule admitting the Mathesar service on the database port is added.
   * @default - no rule: you admit the service yourself
   */
  readonly securityGroupId?: string;
  /**
   * The server's CA certificate(s), PEM (for RDS: the region's bundle), for `sslMode` `verify-ca`/`verify-full`:
   * written to a file when the containers start and named by `PGSSLROOTCERT`. libpq then also checks servers
   * connected from Mathesar's UI with `require` against it.
   * @default - none: the server's certificate is not verified
   */
  readonly caCertificate?: string;
}

/** Database choice: exactly one of `managed` (the default) and `existing`. */
export interface AwsDatabaseProps {
  /** Create RDS for PostgreSQL in the database subnets. @default {} */
  readonly managed?: AwsManagedDatabaseProps;
  /** Use an existing PostgreSQL. @default - none */
  readonly existing?: AwsExistingDatabaseProps;
}

/** Mathesar's own SSO on AWS: the configuration lives in Secrets Manager. */
export interface AwsSsoProps {
  /** Secret holding Mathesar's SSO configuration JSON (`SSO_CONFIG_DICT`). */
  readonly configSecretArn: string;
  /** Require SSO for everyone. @default false */
  readonly requireSsoLogin?: boolean;
}

/** Props of `MathesarOnAws`. */
export interface MathesarOnAwsProps extends Omit<MathesarBaseProps, "sso" | "domainName"> {
  /** Host name Mathesar is served at; the certificate is issued for it. */
  readonly domainName: string;
  /**
   * Route 53 hosted zone of `domainName`: the certificate is validated and an alias record created there.
   * @default - the certificate's validation records are an output; you create them
   */
  readonly route53ZoneId?: string;
  /**
   * An existing ACM certificate for `domainName` (then none is requested).
   * @default - a DNS-validated certificate is requested
   */
  readonly certificateArn?: string;
  /**
   * An internal load balancer, reachable only from inside the VPC and connected networks.
   * @default false
   */
  readonly internal?: boolean;
  /**
   * Networks allowed to reach the load balancer.
   * @default - everyone (internet-facing) or the VPC (internal)
   */
  readonly allowedCidrs?: string[];
  /** The network. @default - a new VPC over two zones with one NAT gateway */
  readonly network?: AwsNetworkProps;
  /** Where Mathesar keeps its own data. @default - RDS for PostgreSQL 17, deletion-protected */
  readonly database?: AwsDatabaseProps;
  /** Mathesar's own SSO (OIDC) configuration from Secrets Manager. @default - off */
  readonly sso?: AwsSsoProps;
  /** OIDC sign-in at the load balancer, in front of Mathesar. @default - off */
  readonly loadBalancerOidc?: AlbOidcProps;
  /** A WAF web ACL to associate with the load balancer. @default - none */
  readonly wafWebAclArn?: string;
  /**
   * A customer-managed KMS key (key ARN, same region) for RDS storage and Performance Insights, the Secrets
   * Manager secrets and the CloudWatch log groups. Its key policy must let CloudWatch Logs use it (see
   * docs/aws.md). The load balancer's access-log bucket stays on SSE-S3: ALB access logs support nothing else.
   * @default - AWS-managed keys (aws/rds, aws/secretsmanager; CloudWatch Logs' own encryption)
   */
  readonly kmsKeyArn?: string;
  /**
   * Let `terraform destroy` delete the access-log bucket with the logs still in it. Off, a destroy stops at
   * the non-empty bucket (the deliberate way out: empty it, or turn this on and apply first).
   * @default false
   */
  readonly accessLogsForceDestroy?: boolean;
  /** Days to keep application logs. @default 365 */
  readonly logRetentionDays?: number;
  /** Days to keep load balancer access logs. @default 90 */
  readonly accessLogRetentionDays?: number;
  /**
   * Refuse `terraform destroy` (and replacement) of the deployment while on: a guard that Terraform must
   * destroy first keeps the SECRET_KEY secret, the other secrets, the service, the logs and (when managed)
   * the database; with a managed database RDS's own deletion protection follows it too. On with an existing
   * database as well: SECRET_KEY decrypts the credentials Mathesar saved there and must never be lost.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Refuse deletion of the load balancer.
   * @default true
   */
  readonly loadBalancerDeletionProtection?: boolean;
  /**
   * Run the containers on a read-only root filesystem with writable volumes for static files, uploads and
   * /tmp. Inferred from Mathesar's source (it writes nowhere else); turn off if a future image does.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
}
