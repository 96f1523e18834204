/**
 * The root of terraform-aws-mathesar: the AWS wiring (modules/aws/wiring.ts) run with the module composer
 * over the settings table, the cross-field rules as validations, and what only Terraform checks here: list
 * variables entry by entry, the object variables' fields, and ARNs and zones against the provider's region.
 */
import { Construct } from "constructs";
import { ssoVersionValidation } from "../../modules/mathesar";
import {
  AWS_CROSS_FIELD_RULES,
  AWS_SETTINGS,
  CIDR_RULE,
  HTTPS_URL_RULE,
  NON_EMPTY_RULE,
  SECRET_ARN_RULE,
  arnRegionExpression,
  awsIdRule,
  composeAws,
  ecrRegionExpression,
  wrongRegionMessage,
  zoneRegionExpression,
  type MathesarOnAwsProps,
} from "../../modules/aws";
import { AWS_MODULE_REQUIREMENTS } from "../../modules/aws/module-providers";
import { currentRegion } from "../../modules/aws/region";
import {
  existingDatabaseFieldValidation,
  existingDatabaseValidations,
} from "../../modules/mathesar/existing-database-validations";
import type { Setting, Settings } from "../../modules/terraform/wiring";
import { WiredRootModule } from "../../modules/terraform/wiring";

type Validation = { condition: string; errorMessage: string };

const subnetId = awsIdRule("subnet", "subnet-0123456789abcdef0");
const vpcIdRule = awsIdRule("vpc", "vpc-0123456789abcdef0");
const sgIdRule = awsIdRule("sg", "sg-0123456789abcdef0");
const subnetList = (ref: string) => `alltrue([for id in ${ref} : ${subnetId.condition("id")}])`;
const whenVpc = (test: string) => `\${var.existing_vpc == null ? true : (${test})}`;

/** Rules over one list or object variable that only Terraform states this way (validate.ts states them for props). */
const VARIABLE_VALIDATIONS: Record<string, Validation[]> = {
  existing_vpc: [
    {
      condition: whenVpc(
        `length(var.existing_vpc.private_subnet_ids) >= 2 && ${subnetList("var.existing_vpc.private_subnet_ids")}`,
      ),
      errorMessage:
        "Invalid existing_vpc.private_subnet_ids: must list at least 2 subnet ids (subnet-…) in different availability zones.",
    },
    {
      condition: whenVpc(
        `var.existing_vpc.public_subnet_ids == null ? true : (length(var.existing_vpc.public_subnet_ids) >= 2 ` +
          `&& ${subnetList("var.existing_vpc.public_subnet_ids")})`,
      ),
      errorMessage:
        "Invalid existing_vpc.public_subnet_ids: must list at least 2 subnet ids (subnet-…) in different availability zones.",
    },
    {
      condition: whenVpc(
        `${vpcIdRule.condition("var.existing_vpc.vpc_id")} && (var.existing_vpc.database_subnet_ids == null ? ` +
          `true : (length(var.existing_vpc.database_subnet_ids) >= 2 && ${subnetList("var.existing_vpc.database_subnet_ids")}))`,
      ),
      errorMessage: `Invalid existing_vpc: vpc_id must be ${vpcIdRule.allowed}, and database_subnet_ids (when given) at least 2 subnet ids.`,
    },
    {
      condition: whenVpc(
        "alltrue([for ids in [var.existing_vpc.private_subnet_ids, " +
          "coalesce(var.existing_vpc.public_subnet_ids, []), coalesce(var.existing_vpc.database_subnet_ids, " +
          "[])] : length(distinct(ids)) == length(ids)])",
      ),
      errorMessage:
        "Invalid existing_vpc: the subnet lists must not repeat an id (each subnet must be in its own availability zone).",
    },
    {
      condition: whenVpc(
        "length(setintersection(coalesce(var.existing_vpc.public_subnet_ids, []), " +
          "concat(var.existing_vpc.private_subnet_ids, coalesce(var.existing_vpc.database_subnet_ids, [])))) == " +
          "0",
      ),
      errorMessage:
        "Invalid existing_vpc.public_subnet_ids: must not be private or database subnets — the tasks and the " +
        "database would share the load balancer's internet-facing subnets.",
    },
    {
      condition: whenVpc(CIDR_RULE.condition("var.existing_vpc.vpc_cidr")),
      errorMessage: `Invalid existing_vpc.vpc_cidr: must be ${CIDR_RULE.allowed}.`,
    },
  ],
  existing_database: [
    ...existingDatabaseValidations({ withCaCertificate: true }),
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
  alb_oidc: [
    {
      condition:
        `\${var.alb_oidc == null ? true : alltrue([for url in [var.alb_oidc.issuer, ` +
        `var.alb_oidc.authorization_endpoint, var.alb_oidc.token_endpoint, var.alb_oidc.user_info_endpoint] : ${HTTPS_URL_RULE.condition("url")}])}`,
      errorMessage:
        `Invalid alb_oidc: issuer, authorization_endpoint, token_endpoint and user_info_endpoint must be ` +
        `https:// URLs (the identity provider's endpoints carry tokens).`,
    },
    {
      condition:
        `\${var.alb_oidc == null ? true : (${NON_EMPTY_RULE.condition("var.alb_oidc.client_id")} && ` +
        `${NON_EMPTY_RULE.condition("var.alb_oidc.client_secret")})}`,
      errorMessage: "Invalid alb_oidc: client_id and client_secret must be set (not empty).",
    },
  ],
  // SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN are read only from 0.11.0 (the shared contract's check).
  require_sso_login: [ssoVersionValidation("require_sso_login", "var.require_sso_login")],
  sso_config_secret_arn: [ssoVersionValidation("sso_config_secret_arn", "var.sso_config_secret_arn != null")],
};

/** The settings with their variable validations. */
function withValidations(settings: Settings): Settings {
  return Object.fromEntries(
    Object.entries(settings).map(([name, setting]): [string, Setting] => [
      name,
      VARIABLE_VALIDATIONS[name]
        ? { ...setting, validations: [...(setting.validations ?? []), ...VARIABLE_VALIDATIONS[name]] }
        : setting,
    ]),
  );
}

/** The root module: everything with safe defaults; existing VPC and database as options. */
export class AwsRootModule extends WiredRootModule<MathesarOnAwsProps> {
  public readonly description =
    "Mathesar on AWS: ECS Fargate in private subnets, RDS for PostgreSQL in database subnets, an " +
    "Application Load Balancer with an ACM certificate, secrets in Secrets Manager and never in Terraform " +
    "state — using only the aws provider. Bring your own VPC or PostgreSQL with one variable each.";

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      ...AWS_MODULE_REQUIREMENTS,
      settings: withValidations(AWS_SETTINGS),
      rules: AWS_CROSS_FIELD_RULES,
      compose: (module, props, composer) => composeAws(module, props, composer).outputs,
    });
    this.checkRegions();
  }

  /** Regional ARNs and zones must be in the provider's region: Terraform knows it at plan (no API call). */
  private checkRegions(): void {
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
    currentRegion(this).addOverride("lifecycle.postcondition", [
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
        condition:
          `\${var.egress != "vpc_endpoints" || ${ecrRegionExpression("var.image_repository")} == null || ` +
          `${ecrRegionExpression("var.image_repository")} == self.name}`,
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
  }
}
