/**
 * Terraform variables of the published AWS modules, declared once and shared by the root module and the
 * submodules that take the same input. Rules are the TypeScript ones, named per module.
 */
import { CONTRACT_DEFAULTS, DEFAULT_SIZE, MATHESAR_IMAGE_REPOSITORY, SIZE_RULE } from "../../modules/mathesar";
import {
  ACCESS_LOG_RETENTION_RULE,
  AWS_NAME_MAX_LENGTH,
  AWS_NAME_RULE,
  CERTIFICATE_ARN_RULE,
  KMS_KEY_ARN_RULE,
  WAF_WEB_ACL_ARN_RULE,
  DB_STORAGE_RULE,
  AWS_IMAGE_REPOSITORY_RULE,
  AWS_POSTGRES_VERSION_RULE,
  BACKUP_RETENTION_RULE,
  DB_INSTANCE_CLASS_RULE,
  EGRESS_RULE,
  LOG_RETENTION_RULE,
  ROUTE53_ZONE_ID_RULE,
  SECRET_ARN_RULE,
  VPC_CIDR_RULE,
} from "../../modules/aws";
import type { VariableSpec } from "../../modules/terraform";
import { CONTRACT_VARIABLES, nameVariable } from "../shared/contract-variables";

const v = (spec: VariableSpec): VariableSpec => spec;
/** CloudWatch retention as a number rule (the TypeScript rule compares strings). */
const retention = (description: string, fallback: number) =>
  v({
    type: "number",
    description,
    default: fallback,
    rule: { ...LOG_RETENTION_RULE, condition: (ref: string) => LOG_RETENTION_RULE.condition(`tostring(${ref})`) },
  });

/** Variables by name; each module picks the ones it takes. */
export const AWS_VARIABLES = {
  name: nameVariable(AWS_NAME_RULE, AWS_NAME_MAX_LENGTH),
  domain_name: CONTRACT_VARIABLES.domain_name,
  route53_zone_id: v({
    type: "string",
    description:
      "Route 53 hosted zone of domain_name: the certificate is validated and an alias record created there. Null: create the records from the certificate_validation output yourself.",
    default: null,
    rule: ROUTE53_ZONE_ID_RULE,
  }),
  certificate_arn: v({
    type: "string",
    description: "An existing ACM certificate for domain_name; null requests a DNS-validated one.",
    default: null,
    rule: CERTIFICATE_ARN_RULE,
  }),
  mathesar_version: CONTRACT_VARIABLES.mathesar_version,
  image_repository: v({
    type: "string",
    description:
      "Image repository without tag: Docker Hub's mathesar/mathesar, or your ECR mirror (required with egress = vpc_endpoints).",
    default: MATHESAR_IMAGE_REPOSITORY,
    rule: AWS_IMAGE_REPOSITORY_RULE,
  }),
  size: v({
    type: "string",
    description:
      "small, medium or large: picks Fargate CPU/memory and task count, the RDS class and storage, Multi-AZ for large (see the cost table).",
    default: DEFAULT_SIZE,
    rule: SIZE_RULE,
  }),
  internal: v({
    type: "bool",
    description: "An internal load balancer reachable only inside the VPC and connected networks.",
    default: false,
  }),
  allowed_cidrs: v({
    type: "list(string)",
    description: "Networks allowed to reach the load balancer; null: everyone (internet-facing) or the VPC (internal).",
    default: null,
  }),
  vpc_cidr: v({
    type: "string",
    description: "CIDR block of a new VPC (/16 to /22).",
    default: "10.0.0.0/16",
    rule: VPC_CIDR_RULE,
  }),
  availability_zones: v({
    type: "list(string)",
    description:
      "Availability zones of a new VPC (2 to 4, distinct); null uses the region's first two available zones.",
    default: null,
  }),
  egress: v({
    type: "string",
    description:
      "How private subnets reach the internet: nat_gateway (one, ~$33/month), nat_gateway_per_az, or vpc_endpoints (no internet; needs the image in ECR).",
    default: "nat_gateway",
    rule: EGRESS_RULE,
  }),
  flow_log_retention_days: retention("Days to keep VPC flow logs (a CloudWatch retention value).", 365),
  database_version: v({
    type: "number",
    description: "PostgreSQL major version of the RDS instance (14 to 17).",
    default: CONTRACT_DEFAULTS.databaseVersion,
    rule: AWS_POSTGRES_VERSION_RULE,
  }),
  database_instance_class: v({
    type: "string",
    description: "RDS instance class overriding the one size picks.",
    default: null,
    rule: DB_INSTANCE_CLASS_RULE,
  }),
  database_allocated_storage: v({
    type: "number",
    description: "RDS storage in GiB at creation, overriding the size's; grows automatically up to 5x.",
    default: null,
    rule: DB_STORAGE_RULE,
  }),
  database_high_availability: v({
    type: "bool",
    description: "Multi-AZ RDS (a standby in a second zone); null follows size (on for large).",
    default: null,
  }),
  backup_retention_days: v({
    type: "number",
    description: "Days of automated RDS backups and point-in-time recovery (7 to 35).",
    default: 7,
    rule: BACKUP_RETENTION_RULE,
  }),
  deletion_protection: v({
    type: "bool",
    description:
      "RDS deletion protection, and a guard that refuses terraform destroy (or replacement) of the deployment — the SECRET_KEY secret, the other secrets, service, logs — while on, with an existing database too. A final snapshot is taken on deletion in any case.",
    default: true,
  }),
  admin_enabled: CONTRACT_VARIABLES.admin_enabled,
  admin_username: CONTRACT_VARIABLES.admin_username,
  admin_email: CONTRACT_VARIABLES.admin_email,
  sso_config_secret_arn: v({
    type: "string",
    description:
      "Secrets Manager secret holding Mathesar's SSO configuration JSON (SSO_CONFIG_DICT); null: password login only.",
    default: null,
    rule: SECRET_ARN_RULE,
  }),
  require_sso_login: CONTRACT_VARIABLES.require_sso_login,
  waf_web_acl_arn: v({
    type: "string",
    description: "A REGIONAL WAFv2 web ACL (same region) to associate with the load balancer.",
    default: null,
    rule: WAF_WEB_ACL_ARN_RULE,
  }),
  kms_key_arn: v({
    type: "string",
    description:
      "A customer-managed KMS key (key ARN, same region) for RDS storage and Performance Insights, the Secrets Manager secrets and the CloudWatch log groups; its key policy must allow CloudWatch Logs (docs/aws.md). The access-log bucket stays on SSE-S3 (ALB access logs support nothing else). Null: AWS-managed keys.",
    default: null,
    rule: KMS_KEY_ARN_RULE,
  }),
  access_logs_force_destroy: v({
    type: "bool",
    description:
      "Let terraform destroy delete the load balancer's access-log bucket with its logs. Off, destroy stops at the non-empty bucket: empty it, or turn this on and apply first.",
    default: false,
  }),
  log_retention_days: retention("Days to keep Mathesar's logs (a CloudWatch retention value).", 365),
  access_log_retention_days: v({
    type: "number",
    description: "Days to keep load balancer access logs.",
    default: 90,
    rule: ACCESS_LOG_RETENTION_RULE,
  }),
  load_balancer_deletion_protection: v({
    type: "bool",
    description: "Refuse deletion of the load balancer.",
    default: true,
  }),
  readonly_root_filesystem: v({
    type: "bool",
    description:
      "Read-only root filesystem for Mathesar's containers, with writable volumes for static files, uploads and /tmp.",
    default: true,
  }),
} as const;
