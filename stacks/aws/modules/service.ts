/** `modules/service` of terraform-aws-mathesar: Mathesar on ECS Fargate as a module. */
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  NO_DATABASE_CA,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_WITH_CA_RULE,
} from "../../../modules/mathesar";
import { MathesarAwsService } from "../../../modules/aws";
import { ModuleStack, isSet } from "../../../modules/terraform";
import { AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM } from "../providers";
import { AWS_VARIABLES } from "../variables";

/** The Fargate service, its roles, logs and security group. */
export class AwsServiceModule extends ModuleStack {
  public readonly description =
    "Mathesar on ECS Fargate in private subnets without public IPs: a bootstrap container (locked migrations, first admin) before the web container, read-only root filesystem, secrets from Secrets Manager, least-privilege roles, Container Insights, logs with retention, circuit breaker with rollback.";

  constructor(scope: Construct, id: string) {
    super(scope, id, AWS_MODULE_PROVIDERS, AWS_REQUIRED_TERRAFORM);
    new AwsProvider(this, "aws");
    const secretArn = (description: string) => ({ type: "string", description });
    const vars = this.variables({
      name: AWS_VARIABLES.name,
      vpc_id: { type: "string", description: "Id of the VPC." },
      subnet_ids: { type: "list(string)", description: "Private subnets with egress for the tasks." },
      image: { type: "string", description: "Full image reference repository:tag." },
      image_from_ecr: {
        type: "bool",
        description: "The image comes from ECR: the execution role may pull from ECR.",
        default: false,
      },
      cpu: { type: "number", description: "Task CPU units (1024 = 1 vCPU)." },
      memory: { type: "number", description: "Task memory in MiB." },
      desired_count: { type: "number", description: "Running tasks." },
      web_concurrency: { type: "number", description: "Gunicorn workers per task." },
      target_group_arn: { type: "string", description: "Target group of the load balancer." },
      load_balancer_security_group_id: {
        type: "string",
        description: "Security group of the load balancer (the only source allowed to Mathesar's port).",
      },
      domain_name: AWS_VARIABLES.domain_name,
      database_host: {
        type: "string",
        description: "Host of Mathesar's internal database. Required: without it Mathesar starts a throwaway database.",
        rule: DATABASE_HOST_RULE,
      },
      database_port: { type: "number", description: "PostgreSQL port.", default: 5432, rule: PORT_RULE },
      database_name: {
        type: "string",
        description: "Mathesar's internal database.",
        default: "mathesar",
        rule: POSTGRES_IDENTIFIER_RULE,
      },
      database_user: {
        type: "string",
        description: "Role Mathesar logs in as (a pooler login may contain a dot).",
        default: "mathesar",
        rule: DATABASE_LOGIN_RULE,
      },
      database_password_secret_arn: secretArn("Secret holding database_user's password."),
      database_password_secret_key: {
        type: "string",
        description: "JSON key of the password in that secret; null: the whole secret string.",
        default: null,
      },
      database_sslmode: {
        type: "string",
        description:
          "TLS mode, set as libpq's PGSSLMODE (require for every managed database; verify-ca/verify-full need database_ca_certificate).",
        default: "require",
        rule: SSL_MODE_WITH_CA_RULE,
      },
      database_ca_certificate: {
        type: "string",
        description: `The database server's CA certificate(s), PEM, written to a file at start and named by PGSSLROOTCERT; "${NO_DATABASE_CA}": none.`,
        default: NO_DATABASE_CA,
      },
      database_admin_user: {
        type: "string",
        description:
          "The server's admin role: the bootstrap creates database_user and grants it its privileges. Null: the role is prepared already.",
        default: null,
      },
      database_admin_password_secret_arn: {
        type: "string",
        description: "Secret holding the admin role's credentials (JSON key password).",
        default: null,
      },
      database_security_group_id: {
        type: "string",
        description: "Security group of the database, to admit the service (see admit_database).",
        default: null,
      },
      admit_database: {
        type: "bool",
        description: "Add a rule to database_security_group_id admitting the service on the database port.",
        default: false,
      },
      secret_key_secret_arn: secretArn("Secret holding SECRET_KEY."),
      admin_enabled: AWS_VARIABLES.admin_enabled,
      admin_username: AWS_VARIABLES.admin_username,
      admin_email: AWS_VARIABLES.admin_email,
      admin_password_secret_arn: secretArn("Secret holding the first admin's password."),
      sso_config_secret_arn: AWS_VARIABLES.sso_config_secret_arn,
      require_sso_login: AWS_VARIABLES.require_sso_login,
      log_retention_days: AWS_VARIABLES.log_retention_days,
      readonly_root_filesystem: AWS_VARIABLES.readonly_root_filesystem,
      kms_key_id: {
        ...AWS_VARIABLES.kms_key_arn,
        description:
          "Customer-managed KMS key (ARN) for the log group (its key policy must allow CloudWatch Logs); null: AWS-managed keys.",
      },
    });
    const service = new MathesarAwsService(this, "Service", {
      name: vars.name.stringValue,
      vpcId: vars.vpc_id.stringValue,
      subnetIds: vars.subnet_ids.listValue,
      image: vars.image.stringValue,
      imageFromEcr: vars.image_from_ecr.stringValue,
      cpu: vars.cpu.numberValue,
      memoryMiB: vars.memory.numberValue,
      desiredCount: vars.desired_count.numberValue,
      webConcurrency: vars.web_concurrency.numberValue,
      targetGroupArn: vars.target_group_arn.stringValue,
      loadBalancerSecurityGroupId: vars.load_balancer_security_group_id.stringValue,
      // The root module makes this module depend on the edge module, whose listener rules attach the target group.
      listenerRules: [],
      domainName: vars.domain_name.stringValue,
      database: {
        host: vars.database_host.stringValue,
        port: vars.database_port.numberValue,
        name: vars.database_name.stringValue,
        user: vars.database_user.stringValue,
        password: {
          arn: vars.database_password_secret_arn.stringValue,
          jsonKey: vars.database_password_secret_key.stringValue,
        },
        sslMode: vars.database_sslmode.stringValue,
        caCertificate: vars.database_ca_certificate.stringValue,
        admin: {
          user: vars.database_admin_user.stringValue,
          password: { arn: vars.database_admin_password_secret_arn.stringValue, jsonKey: "password" },
          enabled: isSet(vars.database_admin_user.stringValue),
        },
        securityGroupId: vars.database_security_group_id.stringValue,
        admitService: vars.admit_database.stringValue,
      },
      secretKey: { arn: vars.secret_key_secret_arn.stringValue },
      admin: {
        enabled: vars.admin_enabled.stringValue,
        username: vars.admin_username.stringValue,
        email: vars.admin_email.stringValue,
        password: { arn: vars.admin_password_secret_arn.stringValue },
      },
      ssoConfig: { arn: vars.sso_config_secret_arn.stringValue },
      ssoEnabled: isSet(vars.sso_config_secret_arn.stringValue),
      requireSsoLogin: vars.require_sso_login.stringValue,
      logRetentionDays: vars.log_retention_days.numberValue,
      readonlyRootFilesystem: vars.readonly_root_filesystem.stringValue,
      kmsKeyId: vars.kms_key_id.stringValue,
    });
    this.outputs({
      cluster_name: { value: service.cluster.name, description: "ECS cluster." },
      service_name: { value: service.service.name, description: "ECS service." },
      task_definition_arn: { value: service.taskDefinition.arn, description: "Current task definition." },
      log_group_name: { value: service.logGroup.name, description: "CloudWatch log group of Mathesar's containers." },
      security_group_id: { value: service.securityGroup.id, description: "Security group of the tasks." },
    });
  }
}
