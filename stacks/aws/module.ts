/**
 * The root of terraform-aws-mathesar: composes the block submodules the way `MathesarOnAws` composes the
 * constructs, with Terraform conditionals where TypeScript branches (an existing VPC or database is a
 * variable here).
 */
import { Construct } from "constructs";
import { TerraformLocal } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import {
  CA_CERTIFICATE_RULE,
  CONTRACT_OUTPUTS,
  NO_DATABASE_CA,
  hclString,
  webConcurrency,
} from "../../modules/mathesar";
import {
  HTTPS_URL_RULE,
  NON_EMPTY_RULE,
  arnRegionExpression,
  ecrRegionExpression,
  wrongRegionMessage,
  zoneRegionExpression,
  AVAILABILITY_ZONE_RULE,
  AWS_DELETION_PROTECTION_MESSAGE,
  AWS_SIZES,
  CIDR_RULE,
  ECR_IMAGE_PATTERN,
  ECR_REPOSITORY_RULE,
  SECRET_ARN_RULE,
  RDS_SSL_MODE_RULE,
  awsIdRule,
} from "../../modules/aws";
import { DeletionGuard, ModuleStack, hclObject, stableAddress } from "../../modules/terraform";
import { existingDatabaseFieldValidation, existingDatabaseValidations } from "../shared/existing-database-validations";
import { withSsoVersionCheck } from "../shared/contract-variables";
import { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "./providers";
import { AWS_VARIABLES } from "./variables";

/** Submodules of the root, by Terraform module name and folder. */
export const AWS_SUBMODULES = {
  network: "network",
  secrets: "secrets",
  database: "database",
  edge: "edge",
  service: "service",
} as const;

const MANAGED = "var.existing_database == null";
/** Variables that only shape the RDS instance the module creates, with their defaults as HCL. */
const MANAGED_ONLY: Array<[string, string]> = [
  ["database_version", String(AWS_VARIABLES.database_version.default)],
  ["database_instance_class", "null"],
  ["database_allocated_storage", "null"],
  ["database_high_availability", "null"],
  ["backup_retention_days", String(AWS_VARIABLES.backup_retention_days.default)],
  ["database_sslmode", '"require"'],
  ["database_ca_certificate", "null"],
];
const NEW_VPC = "var.existing_vpc == null";

/** Terraform object literal of a size table column. */
const sizeMap = (column: (size: keyof typeof AWS_SIZES) => string | number | boolean) =>
  hclObject(
    Object.fromEntries((Object.keys(AWS_SIZES) as Array<keyof typeof AWS_SIZES>).map((size) => [size, column(size)])),
  );

/** The root module: everything with safe defaults; existing VPC and database as options. */
export class AwsRootModule extends ModuleStack {
  public readonly description =
    "Mathesar on AWS: ECS Fargate in private subnets, RDS for PostgreSQL in database subnets, an Application Load Balancer with an ACM certificate, secrets in Secrets Manager and never in Terraform state — using only the aws provider. Bring your own VPC or PostgreSQL with one variable each.";

  constructor(scope: Construct, id: string) {
    super(scope, id, AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws");
    const cidrList = (ref: string) => `alltrue([for cidr in ${ref} : ${CIDR_RULE.condition("cidr")}])`;
    const subnetId = awsIdRule("subnet", "subnet-0123456789abcdef0");
    const vpcIdRule = awsIdRule("vpc", "vpc-0123456789abcdef0");
    const sgIdRule = awsIdRule("sg", "sg-0123456789abcdef0");
    const subnetList = (ref: string) => `alltrue([for id in ${ref} : ${subnetId.condition("id")}])`;
    this.variables({
      ...AWS_VARIABLES,
      allowed_cidrs: {
        ...AWS_VARIABLES.allowed_cidrs,
        validations: [
          {
            condition: `\${var.allowed_cidrs == null ? true : (length(var.allowed_cidrs) >= 1 && length(distinct(var.allowed_cidrs)) == length(var.allowed_cidrs) && ${cidrList("var.allowed_cidrs")})}`,
            errorMessage: `Invalid allowed_cidrs: must list at least one network; every entry must be ${CIDR_RULE.allowed}, none repeated (null: everyone when internet-facing, the VPC when internal).`,
          },
          {
            condition:
              '${var.allowed_cidrs == null ? true : !(var.internal && contains(var.allowed_cidrs, "0.0.0.0/0"))}',
            errorMessage:
              "Invalid allowed_cidrs with internal = true: an internal load balancer open to 0.0.0.0/0 admits every connected network; name the networks that need Mathesar.",
          },
        ],
      },
      availability_zones: {
        ...AWS_VARIABLES.availability_zones,
        validations: [
          {
            condition: `\${var.availability_zones == null ? true : (length(var.availability_zones) >= 2 && length(var.availability_zones) <= 4 && length(distinct(var.availability_zones)) == length(var.availability_zones) && alltrue([for zone in var.availability_zones : ${AVAILABILITY_ZONE_RULE.condition("zone")}]))}`,
            errorMessage:
              "Invalid availability_zones: must list 2 to 4 distinct availability zone names such as us-east-1a — subnets all in one zone defeat high availability.",
          },
        ],
      },
      image_repository: {
        ...AWS_VARIABLES.image_repository,
        validations: [
          {
            condition: `\${var.egress != "vpc_endpoints" || ${ECR_REPOSITORY_RULE.condition("var.image_repository")}}`,
            errorMessage: `Invalid image_repository with egress "vpc_endpoints": tasks cannot reach Docker Hub, so it must be ${ECR_REPOSITORY_RULE.allowed}.`,
          },
        ],
      },
      require_sso_login: withSsoVersionCheck(
        "require_sso_login",
        {
          ...AWS_VARIABLES.require_sso_login,
          validations: [
            {
              condition: "${!var.require_sso_login || var.sso_config_secret_arn != null}",
              errorMessage:
                "Invalid require_sso_login true without an SSO configuration: Mathesar would keep password login and only log a warning.",
            },
          ],
        },
        "var.require_sso_login",
      ),
      sso_config_secret_arn: withSsoVersionCheck("sso_config_secret_arn", AWS_VARIABLES.sso_config_secret_arn),
      existing_vpc: {
        type: "object({ vpc_id = string, vpc_cidr = string, public_subnet_ids = optional(list(string)), private_subnet_ids = list(string), database_subnet_ids = optional(list(string)) })",
        description:
          "A VPC you already have: its id and CIDR, private subnets with egress for the tasks, public subnets for an internet-facing load balancer, database subnets (default: the private ones). Null creates a VPC.",
        default: null,
        validations: [
          {
            condition: `\${var.existing_vpc == null ? true : (length(var.existing_vpc.private_subnet_ids) >= 2 && ${subnetList("var.existing_vpc.private_subnet_ids")})}`,
            errorMessage:
              "Invalid existing_vpc.private_subnet_ids: must list at least 2 subnet ids (subnet-…) in different availability zones.",
          },
          {
            condition: `\${var.existing_vpc == null ? true : (var.internal || length(coalesce(var.existing_vpc.public_subnet_ids, [])) >= 2)}`,
            errorMessage:
              "Invalid existing_vpc.public_subnet_ids: an internet-facing load balancer needs at least 2 public subnets; give them or set internal = true.",
          },
          {
            condition: `\${var.existing_vpc == null ? true : (${vpcIdRule.condition("var.existing_vpc.vpc_id")} && (var.existing_vpc.database_subnet_ids == null ? true : (length(var.existing_vpc.database_subnet_ids) >= 2 && ${subnetList("var.existing_vpc.database_subnet_ids")})))}`,
            errorMessage: `Invalid existing_vpc: vpc_id must be ${vpcIdRule.allowed}, and database_subnet_ids (when given) at least 2 subnet ids.`,
          },
          {
            condition: `\${var.existing_vpc == null ? true : alltrue([for ids in [var.existing_vpc.private_subnet_ids, coalesce(var.existing_vpc.public_subnet_ids, []), coalesce(var.existing_vpc.database_subnet_ids, [])] : length(distinct(ids)) == length(ids)])}`,
            errorMessage:
              "Invalid existing_vpc: the subnet lists must not repeat an id (each subnet must be in its own availability zone).",
          },
          {
            condition: `\${var.existing_vpc == null ? true : length(setintersection(coalesce(var.existing_vpc.public_subnet_ids, []), concat(var.existing_vpc.private_subnet_ids, coalesce(var.existing_vpc.database_subnet_ids, [])))) == 0}`,
            errorMessage:
              "Invalid existing_vpc.public_subnet_ids: must not be private or database subnets — the tasks and the database would share the load balancer's internet-facing subnets.",
          },
          {
            condition: `\${var.existing_vpc == null ? true : !(var.internal && var.existing_vpc.public_subnet_ids != null)}`,
            errorMessage:
              "Invalid existing_vpc.public_subnet_ids with internal = true: an internal load balancer uses the private subnets; remove them (they would be ignored) or set internal = false.",
          },
          {
            condition: `\${var.existing_vpc == null ? true : (var.vpc_cidr == ${hclString(String(AWS_VARIABLES.vpc_cidr.default))} && var.availability_zones == null && var.egress == ${hclString(String(AWS_VARIABLES.egress.default))} && var.flow_log_retention_days == ${AWS_VARIABLES.flow_log_retention_days.default})}`,
            errorMessage:
              "Invalid existing_vpc with vpc_cidr, availability_zones, egress or flow_log_retention_days: those describe a new VPC and would be ignored; remove them or existing_vpc.",
          },
          {
            condition: `\${var.existing_vpc == null ? true : ${CIDR_RULE.condition("var.existing_vpc.vpc_cidr")}}`,
            errorMessage: `Invalid existing_vpc.vpc_cidr: must be ${CIDR_RULE.allowed}.`,
          },
        ],
      },
      database_sslmode: {
        type: "string",
        description:
          "TLS to the RDS instance the module creates, set as libpq's PGSSLMODE: require (encrypted), or verify-ca/verify-full (also verified against database_ca_certificate; RDS endpoints are in their certificates).",
        default: "require",
        rule: RDS_SSL_MODE_RULE,
        validations: [
          {
            condition: '${var.database_sslmode == "require" || var.database_ca_certificate != null}',
            errorMessage:
              "Invalid database_sslmode: verify-ca or verify-full needs database_ca_certificate (the region's RDS CA bundle, PEM, from AWS's trust store).",
          },
        ],
      },
      database_ca_certificate: {
        type: "string",
        description:
          "The region's RDS CA bundle, PEM (the provider does not expose it): written to a file when the containers start and named by PGSSLROOTCERT. Null: none.",
        default: null,
        rule: CA_CERTIFICATE_RULE,
      },
      existing_database: {
        type: 'object({ host = string, port = optional(number, 5432), database_name = optional(string, "mathesar"), user = optional(string, "mathesar"), sslmode = optional(string, "require"), password_secret_arn = string, password_secret_key = optional(string), security_group_id = optional(string), ca_certificate = optional(string) })',
        description:
          "An RDS, Aurora or any PostgreSQL you already run (the internal database must exist and belong to user; see docs/existing-database.md). The password comes from the Secrets Manager secret password_secret_arn (JSON key password_secret_key, or the whole string). security_group_id: a rule admitting the service is added. Null creates RDS.",
        default: null,
        validations: [
          ...existingDatabaseValidations({ withCaCertificate: true }),
          {
            condition: `\${var.existing_database == null ? true : (${MANAGED_ONLY.map(([name, fallback]) => `var.${name} == ${fallback}`).join(" && ")})}`,
            errorMessage: `Invalid existing_database with ${MANAGED_ONLY.map(([name]) => name).join(", ")}: those describe the RDS instance the module creates without existing_database and would be ignored; remove them or existing_database.`,
          },
          existingDatabaseFieldValidation(
            "password_secret_arn",
            (ref) => SECRET_ARN_RULE.condition(ref),
            `${SECRET_ARN_RULE.allowed} — the password is never a plain input`,
          ),
          existingDatabaseFieldValidation(
            "security_group_id",
            (ref) => `${ref} == null ? true : ${sgIdRule.condition(ref)}`,
            `null or ${sgIdRule.allowed}`,
          ),
        ],
      },
      alb_oidc: {
        validations: [
          {
            condition: `\${var.alb_oidc == null ? true : alltrue([for url in [var.alb_oidc.issuer, var.alb_oidc.authorization_endpoint, var.alb_oidc.token_endpoint, var.alb_oidc.user_info_endpoint] : ${HTTPS_URL_RULE.condition("url")}])}`,
            errorMessage: `Invalid alb_oidc: issuer, authorization_endpoint, token_endpoint and user_info_endpoint must be https:// URLs (the identity provider's endpoints carry tokens).`,
          },
          {
            condition: `\${var.alb_oidc == null ? true : (${NON_EMPTY_RULE.condition("var.alb_oidc.client_id")} && ${NON_EMPTY_RULE.condition("var.alb_oidc.client_secret")})}`,
            errorMessage: "Invalid alb_oidc: client_id and client_secret must be set (not empty).",
          },
        ],
        type: "object({ issuer = string, authorization_endpoint = string, token_endpoint = string, user_info_endpoint = string, client_id = string, client_secret = string })",
        description:
          "OIDC sign-in at the load balancer (single sign-on at the edge, before Mathesar's own login). The client secret is kept in state, marked sensitive. Null: off.",
        default: null,
        sensitive: true,
      },
    });

    // Regional ARNs and zones must be in the provider's region: Terraform knows it at plan (no API call).
    const arnInRegion = (variable: string, ref = `var.${variable}`) => ({
      condition: `\${${ref} == null ? true : ${arnRegionExpression(ref)} == self.name}`,
      // Terraform evaluates messages even when the condition holds: try() for the null case.
      error_message: wrongRegionMessage(
        variable,
        `\${try(jsonencode(${ref}), "null")}`,
        `\${try(${arnRegionExpression(ref)}, "")}`,
        "${self.name}",
      ),
    });
    stableAddress(new DataAwsRegion(this, "Region"), "current").addOverride("lifecycle.postcondition", [
      arnInRegion("certificate_arn"),
      arnInRegion("waf_web_acl_arn"),
      arnInRegion("kms_key_arn"),
      arnInRegion("sso_config_secret_arn"),
      {
        ...arnInRegion("existing_database.password_secret_arn", "var.existing_database.password_secret_arn"),
        condition: `\${var.existing_database == null ? true : ${arnRegionExpression("var.existing_database.password_secret_arn")} == self.name}`,
      },
      {
        // Without NAT, tasks reach only this region's ECR endpoints (an ECR mirror elsewhere is fine over NAT).
        condition: `\${var.egress != "vpc_endpoints" || ${ecrRegionExpression("var.image_repository")} == null || ${ecrRegionExpression("var.image_repository")} == self.name}`,
        error_message: wrongRegionMessage(
          "image_repository",
          "${jsonencode(var.image_repository)}",
          `\${${ecrRegionExpression("var.image_repository", '""')}}`,
          "${self.name}",
        ),
      },
      {
        condition: `\${var.availability_zones == null ? true : alltrue([for zone in var.availability_zones : ${zoneRegionExpression("zone")} == self.name])}`,
        error_message: wrongRegionMessage(
          "availability_zones",
          "${jsonencode(var.availability_zones)}",
          '${try(join(", ", distinct([for zone in var.availability_zones : ' +
            zoneRegionExpression("zone") +
            '])), "")}',
          "${self.name}",
        ),
      },
    ]);

    const zones = stableAddress(new DataAwsAvailabilityZones(this, "Zones", { state: "available" }), "available");
    zones.addOverride("count", `\${${NEW_VPC} && var.availability_zones == null ? 1 : 0}`);
    // Locals share the construct namespace with variables: prefix the construct id, keep the Terraform name.
    const local = (name: string, expression: string) =>
      new TerraformLocal(this, `local_${name}`, `\${${expression}}`).overrideLogicalId(name);
    local("managed_database", MANAGED);
    local(
      "availability_zones",
      `var.availability_zones != null ? var.availability_zones : (${NEW_VPC} ? slice(one(data.aws_availability_zones.available[*].names), 0, 2) : [])`,
    );
    local("vpc_id", `${NEW_VPC} ? one(module.network[*].vpc_id) : var.existing_vpc.vpc_id`);
    local("vpc_cidr", `${NEW_VPC} ? one(module.network[*].vpc_cidr) : var.existing_vpc.vpc_cidr`);
    local(
      "public_subnet_ids",
      `${NEW_VPC} ? one(module.network[*].public_subnet_ids) : coalesce(var.existing_vpc.public_subnet_ids, [])`,
    );
    local(
      "private_subnet_ids",
      `${NEW_VPC} ? one(module.network[*].private_subnet_ids) : var.existing_vpc.private_subnet_ids`,
    );
    local(
      "database_subnet_ids",
      `${NEW_VPC} ? one(module.network[*].database_subnet_ids) : coalesce(var.existing_vpc.database_subnet_ids, var.existing_vpc.private_subnet_ids)`,
    );

    const module = (name: keyof typeof AWS_SUBMODULES, variables: Record<string, unknown>, when?: string) =>
      this.submodule(name, AWS_SUBMODULES[name], variables, when);
    const network = module(
      "network",
      {
        name: "${var.name}",
        cidr: "${var.vpc_cidr}",
        availability_zones: "${local.availability_zones}",
        egress: "${var.egress}",
        flow_log_retention_days: "${var.flow_log_retention_days}",
        // Nothing faces the internet with an internal load balancer and VPC-endpoint egress.
        public_tier: '${!var.internal || var.egress != "vpc_endpoints"}',
        kms_key_id: "${var.kms_key_arn}",
      },
      NEW_VPC,
    );
    const secrets = module("secrets", { name: "${var.name}", kms_key_id: "${var.kms_key_arn}" });
    const database = module(
      "database",
      {
        name: "${var.name}",
        vpc_id: "${local.vpc_id}",
        subnet_ids: "${local.database_subnet_ids}",
        postgres_version: "${var.database_version}",
        instance_class: `\${coalesce(var.database_instance_class, lookup(${sizeMap((s) => AWS_SIZES[s].dbInstanceClass)}, var.size))}`,
        allocated_storage: `\${coalesce(var.database_allocated_storage, lookup(${sizeMap((s) => AWS_SIZES[s].dbAllocatedStorageGiB)}, var.size))}`,
        multi_az: `\${coalesce(var.database_high_availability, lookup(${sizeMap((s) => AWS_SIZES[s].multiAzByDefault)}, var.size))}`,
        backup_retention_days: "${var.backup_retention_days}",
        deletion_protection: "${var.deletion_protection}",
        kms_key_id: "${var.kms_key_arn}",
      },
      MANAGED,
    );
    const edge = module("edge", {
      name: "${var.name}",
      vpc_id: "${local.vpc_id}",
      vpc_cidr: "${local.vpc_cidr}",
      subnet_ids: "${var.internal ? local.private_subnet_ids : local.public_subnet_ids}",
      internal: "${var.internal}",
      allowed_cidrs:
        '${var.allowed_cidrs != null ? var.allowed_cidrs : (var.internal ? [local.vpc_cidr] : ["0.0.0.0/0"])}',
      domain_name: "${var.domain_name}",
      route53_zone_id: "${var.route53_zone_id}",
      certificate_arn: "${var.certificate_arn}",
      access_log_retention_days: "${var.access_log_retention_days}",
      deletion_protection: "${var.load_balancer_deletion_protection}",
      access_logs_force_destroy: "${var.access_logs_force_destroy}",
      waf_web_acl_arn: "${var.waf_web_acl_arn}",
      oidc: "${var.alb_oidc}",
    });
    const db = (managed: string, existing: string) => `\${${MANAGED} ? ${managed} : ${existing}}`;
    const service = module("service", {
      name: "${var.name}",
      vpc_id: "${local.vpc_id}",
      subnet_ids: "${local.private_subnet_ids}",
      image: "${var.image_repository}:${var.mathesar_version}",
      // From the repository alone, so that a new version touches nothing but the task definition.
      image_from_ecr: `\${can(regex(${hclString(ECR_IMAGE_PATTERN)}, var.image_repository))}`,
      cpu: `\${lookup(${sizeMap((s) => AWS_SIZES[s].taskCpu)}, var.size)}`,
      memory: `\${lookup(${sizeMap((s) => AWS_SIZES[s].taskMemoryMiB)}, var.size)}`,
      desired_count: `\${lookup(${sizeMap((s) => AWS_SIZES[s].desiredCount)}, var.size)}`,
      web_concurrency: `\${lookup(${sizeMap((s) => webConcurrency(AWS_SIZES[s].taskCpu / 1024, AWS_SIZES[s].taskMemoryMiB))}, var.size)}`,
      target_group_arn: "${module.edge.target_group_arn}",
      load_balancer_security_group_id: "${module.edge.security_group_id}",
      domain_name: "${var.domain_name}",
      database_host: db("one(module.database[*].address)", "var.existing_database.host"),
      database_port: db("one(module.database[*].port)", "var.existing_database.port"),
      database_name: db('"mathesar"', "var.existing_database.database_name"),
      database_user: db('"mathesar"', "var.existing_database.user"),
      database_password_secret_arn: db(
        "one(module.database[*].app_secret_arn)",
        "var.existing_database.password_secret_arn",
      ),
      database_password_secret_key: db('"password"', "var.existing_database.password_secret_key"),
      database_sslmode: db("var.database_sslmode", "var.existing_database.sslmode"),
      // The CA, or "none" (the start commands then write nothing).
      database_ca_certificate: db(
        `var.database_ca_certificate == null ? "${NO_DATABASE_CA}" : var.database_ca_certificate`,
        `var.existing_database.ca_certificate == null ? "${NO_DATABASE_CA}" : var.existing_database.ca_certificate`,
      ),
      database_admin_user: db('"mathesar_admin"', "null"),
      database_admin_password_secret_arn: db("one(module.database[*].master_secret_arn)", "null"),
      database_security_group_id: db(
        "one(module.database[*].security_group_id)",
        "var.existing_database.security_group_id",
      ),
      admit_database: db("true", "var.existing_database.security_group_id != null"),
      secret_key_secret_arn: "${module.secrets.secret_key_arn}",
      admin_enabled: "${var.admin_enabled}",
      admin_username: "${var.admin_username}",
      admin_email: "${var.admin_email}",
      admin_password_secret_arn: "${module.secrets.admin_password_arn}",
      sso_config_secret_arn: "${var.sso_config_secret_arn}",
      require_sso_login: "${var.require_sso_login}",
      log_retention_days: "${var.log_retention_days}",
      readonly_root_filesystem: "${var.readonly_root_filesystem}",
      kms_key_id: "${var.kms_key_arn}",
    });
    // The target group must be attached by the edge's listener rule before the service registers tasks.
    service.addOverride("depends_on", [`module.${edge.friendlyUniqueId}`]);
    // One guard over every module (see DeletionGuard): Terraform must destroy it first, and it refuses.
    // Kept with an existing database too: SECRET_KEY decrypts what Mathesar saved there.
    new DeletionGuard(this, "DeletionGuard", {
      protects: [network, secrets, database, edge, service],
      replaceWhenChanged: ["${one(module.database[*].instance_resource_id)}", "${module.secrets.secret_key_arn}"],
      enabled: "${var.deletion_protection}",
      message: AWS_DELETION_PROTECTION_MESSAGE,
    });

    this.outputs({
      [CONTRACT_OUTPUTS.url.name]: {
        value: "https://${var.domain_name}/",
        description: CONTRACT_OUTPUTS.url.description,
      },
      [CONTRACT_OUTPUTS.adminUsername.name]: {
        value: '${var.admin_enabled ? var.admin_username : ""}',
        description: CONTRACT_OUTPUTS.adminUsername.description,
      },
      [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
        value: "${module.secrets.admin_password_arn}",
        description:
          "ARN of the Secrets Manager secret holding the first admin's password (aws secretsmanager get-secret-value --secret-id <arn>).",
      },
      [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
        value: `\${${MANAGED} ? one(module.database[*].endpoint) : "\${var.existing_database.host}:\${var.existing_database.port}"}`,
        description: CONTRACT_OUTPUTS.databaseEndpoint.description,
      },
      [CONTRACT_OUTPUTS.logs.name]: {
        value: "${module.service.log_group_name}",
        description: "CloudWatch log group of Mathesar's containers.",
      },
      load_balancer_dns_name: {
        value: "${module.edge.dns_name}",
        description: "DNS name of the load balancer: point domain_name at it when DNS is not in Route 53.",
      },
      certificate_validation: {
        value: "${module.edge.certificate_validation}",
        description: "DNS records that validate the certificate when DNS is not in Route 53.",
      },
      vpc_id: { value: "${local.vpc_id}", description: "Id of the VPC." },
      secret_key_secret_arn: {
        value: "${module.secrets.secret_key_arn}",
        description:
          "ARN of the secret holding SECRET_KEY (back it up with the database; put an old installation's key here to restore).",
      },
      access_log_bucket: {
        value: "${module.edge.access_log_bucket}",
        description: "Bucket of the load balancer's access logs.",
      },
      load_balancer_security_group_id: {
        value: "${module.edge.security_group_id}",
        description: "Security group of the load balancer.",
      },
      service_security_group_id: {
        value: "${module.service.security_group_id}",
        description: "Security group of Mathesar's tasks (admit it on databases Mathesar should reach).",
      },
      database_instance_identifier: {
        value: "${one(module.database[*].instance_identifier)}",
        description: "RDS instance identifier (null with an existing database).",
      },
      ecs_cluster_name: { value: "${module.service.cluster_name}", description: "ECS cluster." },
      ecs_service_name: {
        value: "${module.service.service_name}",
        description: "ECS service (aws ecs update-service --force-new-deployment to restart).",
      },
    });
  }
}
