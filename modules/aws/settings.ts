/**
 * The AWS target's settings, declared once: each root-module variable of terraform-aws-mathesar with its
 * type, default, description and input rule, bound to its prop of `MathesarOnAwsProps`. The construct
 * checks props with the same rules (checkSettings), the blocks' submodule variables reuse these specs, and
 * the root module's variables are this table. Naming: camelCase ↔ snake_case of the same words, except the
 * RDS settings (`database.managed.x` ↔ `database_x`, `backup_retention_days`), `network.cidr` ↔ `vpc_cidr`,
 * `network.existing` ↔ `existing_vpc`, `database.existing` ↔ `existing_database` and `loadBalancerOidc` ↔
 * `alb_oidc`: the published names predate this table and are kept.
 */
import {
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  SIZE_RULE,
  CA_CERTIFICATE_RULE,
} from "../mathesar";
import { CONTRACT_VARIABLES, nameVariable } from "../mathesar/contract-variables";
import { existingDatabaseObject } from "../mathesar/existing-database-setting";
import type { InputRule } from "../terraform";
import type { Setting } from "../terraform/wiring";
import {
  ACCESS_LOG_RETENTION_RULE,
  ALLOWED_CIDRS_RULE,
  AVAILABILITY_ZONES_RULE,
  AWS_IMAGE_REPOSITORY_RULE,
  AWS_NAME_MAX_LENGTH,
  AWS_NAME_RULE,
  AWS_POSTGRES_VERSION_RULE,
  BACKUP_RETENTION_RULE,
  CERTIFICATE_ARN_RULE,
  DB_INSTANCE_CLASS_RULE,
  DB_STORAGE_RULE,
  EGRESS_RULE,
  KMS_KEY_ARN_RULE,
  LOG_RETENTION_DAYS,
  RDS_SSL_MODE_RULE,
  ROUTE53_ZONE_ID_RULE,
  SECRET_ARN_RULE,
  VPC_CIDR_RULE,
  WAF_WEB_ACL_ARN_RULE,
} from "./inputs";
import type { AwsEgressMode } from "./catalog";

/** The defaults of every optional setting, read by the composite (`props.x ?? AWS_DEFAULTS.x`) and the variables. */
export const AWS_DEFAULTS = {
  name: CONTRACT_DEFAULTS.name,
  mathesarVersion: DEFAULT_MATHESAR_VERSION,
  imageRepository: MATHESAR_IMAGE_REPOSITORY,
  size: DEFAULT_SIZE,
  internal: false,
  vpcCidr: "10.0.0.0/16",
  egress: "nat_gateway" as AwsEgressMode,
  flowLogRetentionDays: 365,
  databaseVersion: CONTRACT_DEFAULTS.databaseVersion,
  backupRetentionDays: 7,
  databaseSslMode: "require" as "require" | "verify-ca" | "verify-full",
  deletionProtection: true,
  logRetentionDays: 365,
  accessLogRetentionDays: 90,
  loadBalancerDeletionProtection: true,
  accessLogsForceDestroy: false,
  readonlyRootFilesystem: true,
} as const;

/** CloudWatch's retention values, for a number (the Terraform condition compares strings, as it always has). */
export const LOG_RETENTION_DAYS_RULE: InputRule<number> = {
  allowed: `one of CloudWatch's retention values: ${LOG_RETENTION_DAYS.join(", ")}`,
  test: (days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days),
  condition: (ref) => `contains([${LOG_RETENTION_DAYS.map((d) => `"${d}"`).join(", ")}], tostring(${ref}))`,
};

const v = (setting: Setting): Setting => setting;

/** The `existing_database` object: the contract's attributes plus the password's secret, a security group, a CA. */
export const AWS_EXISTING_DATABASE = existingDatabaseObject({
  password_secret_arn: { type: "string", prop: "passwordSecretArn" },
  password_secret_key: { type: "optional(string)", prop: "passwordSecretKey" },
  security_group_id: { type: "optional(string)", prop: "securityGroupId" },
  ca_certificate: { type: "optional(string)", prop: "caCertificate" },
});

/** The OIDC object of the load balancer (the provider's attribute names). */
export const AWS_OIDC_TYPE =
  "object({ issuer = string, authorization_endpoint = string, token_endpoint = string, " +
  "user_info_endpoint = string, client_id = string, client_secret = string })";

/** The root module's variables, each bound to its prop of `MathesarOnAwsProps`. */
export const AWS_SETTINGS = {
  name: { ...nameVariable(AWS_NAME_RULE, AWS_NAME_MAX_LENGTH), prop: "name" },
  domain_name: { ...CONTRACT_VARIABLES.domain_name, prop: "domainName" },
  route53_zone_id: v({
    prop: "route53ZoneId",
    type: "string",
    description:
      "Route 53 hosted zone of domain_name: the certificate is validated and an alias record created there. " +
      "Null: create the records from the certificate_validation output yourself.",
    default: null,
    rule: ROUTE53_ZONE_ID_RULE,
  }),
  certificate_arn: v({
    prop: "certificateArn",
    type: "string",
    description: "An existing ACM certificate for domain_name; null requests a DNS-validated one.",
    default: null,
    rule: CERTIFICATE_ARN_RULE,
  }),
  mathesar_version: { ...CONTRACT_VARIABLES.mathesar_version, prop: "mathesarVersion" },
  image_repository: v({
    prop: "imageRepository",
    type: "string",
    description:
      "Image repository without tag: Docker Hub's mathesar/mathesar, or your ECR mirror (required with egress = vpc_endpoints).",
    default: AWS_DEFAULTS.imageRepository,
    rule: AWS_IMAGE_REPOSITORY_RULE,
  }),
  size: v({
    prop: "size",
    type: "string",
    description:
      "small, medium or large: picks Fargate CPU/memory and task count, the RDS class and storage, Multi-AZ for large (see the cost table).",
    default: AWS_DEFAULTS.size,
    rule: SIZE_RULE,
  }),
  internal: v({
    prop: "internal",
    type: "bool",
    description: "An internal load balancer reachable only inside the VPC and connected networks.",
    default: AWS_DEFAULTS.internal,
  }),
  allowed_cidrs: v({
    prop: "allowedCidrs",
    type: "list(string)",
    description: "Networks allowed to reach the load balancer; null: everyone (internet-facing) or the VPC (internal).",
    default: null,
    rule: ALLOWED_CIDRS_RULE,
  }),
  vpc_cidr: v({
    prop: "network.cidr",
    type: "string",
    description: "CIDR block of a new VPC (/16 to /22).",
    default: AWS_DEFAULTS.vpcCidr,
    rule: VPC_CIDR_RULE,
  }),
  availability_zones: v({
    prop: "network.availabilityZones",
    type: "list(string)",
    description:
      "Availability zones of a new VPC (2 to 4, distinct); null uses the region's first two available zones.",
    default: null,
    rule: AVAILABILITY_ZONES_RULE,
  }),
  egress: v({
    prop: "network.egress",
    type: "string",
    description:
      "How private subnets reach the internet: nat_gateway (one, ~$33/month), nat_gateway_per_az, or vpc_endpoints (no internet; needs the image in ECR).",
    default: AWS_DEFAULTS.egress,
    rule: EGRESS_RULE,
  }),
  flow_log_retention_days: v({
    prop: "network.flowLogRetentionDays",
    type: "number",
    description: "Days to keep VPC flow logs (a CloudWatch retention value).",
    default: AWS_DEFAULTS.flowLogRetentionDays,
    rule: LOG_RETENTION_DAYS_RULE,
  }),
  database_version: v({
    prop: "database.managed.version",
    type: "number",
    description: "PostgreSQL major version of the RDS instance (14 to 17).",
    default: AWS_DEFAULTS.databaseVersion,
    rule: AWS_POSTGRES_VERSION_RULE,
  }),
  database_instance_class: v({
    prop: "database.managed.instanceClass",
    type: "string",
    description: "RDS instance class overriding the one size picks.",
    default: null,
    rule: DB_INSTANCE_CLASS_RULE,
  }),
  database_allocated_storage: v({
    prop: "database.managed.allocatedStorageGiB",
    type: "number",
    description: "RDS storage in GiB at creation, overriding the size's; grows automatically up to 5x.",
    default: null,
    rule: DB_STORAGE_RULE,
  }),
  database_high_availability: v({
    prop: "database.managed.highAvailability",
    type: "bool",
    description: "Multi-AZ RDS (a standby in a second zone); null follows size (on for large).",
    default: null,
  }),
  backup_retention_days: v({
    prop: "database.managed.backupRetentionDays",
    type: "number",
    description: "Days of automated RDS backups and point-in-time recovery (7 to 35).",
    default: AWS_DEFAULTS.backupRetentionDays,
    rule: BACKUP_RETENTION_RULE,
  }),
  deletion_protection: v({
    prop: "deletionProtection",
    type: "bool",
    description:
      "RDS deletion protection, and a guard that refuses terraform destroy (or replacement) of the " +
      "deployment — the SECRET_KEY secret, the other secrets, service, logs — while on, with an existing " +
      "database too. A final snapshot is taken on deletion in any case.",
    default: AWS_DEFAULTS.deletionProtection,
  }),
  admin_enabled: { ...CONTRACT_VARIABLES.admin_enabled, prop: "admin.enabled" },
  admin_username: { ...CONTRACT_VARIABLES.admin_username, prop: "admin.username" },
  admin_email: { ...CONTRACT_VARIABLES.admin_email, prop: "admin.email" },
  sso_config_secret_arn: v({
    prop: "sso.configSecretArn",
    type: "string",
    description:
      "Secrets Manager secret holding Mathesar's SSO configuration JSON (SSO_CONFIG_DICT); null: password login only.",
    default: null,
    rule: SECRET_ARN_RULE,
  }),
  require_sso_login: { ...CONTRACT_VARIABLES.require_sso_login, prop: "sso.requireSsoLogin" },
  waf_web_acl_arn: v({
    prop: "wafWebAclArn",
    type: "string",
    description: "A REGIONAL WAFv2 web ACL (same region) to associate with the load balancer.",
    default: null,
    rule: WAF_WEB_ACL_ARN_RULE,
  }),
  kms_key_arn: v({
    prop: "kmsKeyArn",
    type: "string",
    description:
      "A customer-managed KMS key (key ARN, same region) for RDS storage and Performance Insights, the " +
      "Secrets Manager secrets and the CloudWatch log groups; its key policy must allow CloudWatch Logs " +
      "(docs/aws.md). The access-log bucket stays on SSE-S3 (ALB access logs support nothing else). Null: " +
      "AWS-managed keys.",
    default: null,
    rule: KMS_KEY_ARN_RULE,
  }),
  access_logs_force_destroy: v({
    prop: "accessLogsForceDestroy",
    type: "bool",
    description:
      "Let terraform destroy delete the load balancer's access-log bucket with its logs. Off, destroy stops " +
      "at the non-empty bucket: empty it, or turn this on and apply first.",
    default: AWS_DEFAULTS.accessLogsForceDestroy,
  }),
  log_retention_days: v({
    prop: "logRetentionDays",
    type: "number",
    description: "Days to keep Mathesar's logs (a CloudWatch retention value).",
    default: AWS_DEFAULTS.logRetentionDays,
    rule: LOG_RETENTION_DAYS_RULE,
  }),
  access_log_retention_days: v({
    prop: "accessLogRetentionDays",
    type: "number",
    description: "Days to keep load balancer access logs.",
    default: AWS_DEFAULTS.accessLogRetentionDays,
    rule: ACCESS_LOG_RETENTION_RULE,
  }),
  load_balancer_deletion_protection: v({
    prop: "loadBalancerDeletionProtection",
    type: "bool",
    description: "Refuse deletion of the load balancer.",
    default: AWS_DEFAULTS.loadBalancerDeletionProtection,
  }),
  readonly_root_filesystem: v({
    prop: "readonlyRootFilesystem",
    type: "bool",
    description:
      "Read-only root filesystem for Mathesar's containers, with writable volumes for static files, uploads and /tmp.",
    default: AWS_DEFAULTS.readonlyRootFilesystem,
  }),
  existing_vpc: v({
    prop: "network.existing",
    type:
      "object({ vpc_id = string, vpc_cidr = string, public_subnet_ids = optional(list(string)), " +
      "private_subnet_ids = list(string), database_subnet_ids = optional(list(string)) })",
    description:
      "A VPC you already have: its id and CIDR, private subnets with egress for the tasks, public subnets " +
      "for an internet-facing load balancer, database subnets (default: the private ones). Null creates a " +
      "VPC.",
    default: null,
    fields: {
      vpcId: { attribute: "vpc_id" },
      vpcCidr: { attribute: "vpc_cidr" },
      publicSubnetIds: { attribute: "public_subnet_ids", kind: "list" },
      privateSubnetIds: { attribute: "private_subnet_ids", kind: "list" },
      databaseSubnetIds: { attribute: "database_subnet_ids", kind: "list" },
    },
  }),
  database_sslmode: v({
    prop: "database.managed.sslMode",
    type: "string",
    description:
      "TLS to the RDS instance the module creates, set as libpq's PGSSLMODE: require (encrypted), or " +
      "verify-ca/verify-full (also verified against database_ca_certificate; RDS endpoints are in their " +
      "certificates).",
    default: AWS_DEFAULTS.databaseSslMode,
    rule: RDS_SSL_MODE_RULE,
  }),
  database_ca_certificate: v({
    prop: "database.managed.caCertificate",
    type: "string",
    description:
      "The region's RDS CA bundle, PEM (the provider does not expose it): written to a file when the containers start and named by PGSSLROOTCERT. Null: none.",
    default: null,
    rule: CA_CERTIFICATE_RULE,
  }),
  existing_database: v({
    prop: "database.existing",
    type: AWS_EXISTING_DATABASE.type,
    description:
      "An RDS, Aurora or any PostgreSQL you already run (the internal database must exist and belong to " +
      "user; see docs/existing-database.md). The password comes from the Secrets Manager secret " +
      "password_secret_arn (JSON key password_secret_key, or the whole string). security_group_id: a rule " +
      "admitting the service is added. Null creates RDS.",
    default: null,
    fields: AWS_EXISTING_DATABASE.fields,
  }),
  alb_oidc: v({
    prop: "loadBalancerOidc",
    type: AWS_OIDC_TYPE,
    description:
      "OIDC sign-in at the load balancer (single sign-on at the edge, before Mathesar's own login). The " +
      "client secret is kept in state, marked sensitive. Null: off.",
    default: null,
    sensitive: true,
    kind: "any",
  }),
} satisfies Record<string, Setting>;
