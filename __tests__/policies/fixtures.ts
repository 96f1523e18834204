/**
 * Small hand-written Terraform JSON for the rule tests: each builder returns the smallest body that a
 * rule reads, shaped like cdktf's output (blocks as arrays, `${…}` references), so a test can change one
 * attribute and see one rule flip.
 */
import { adminBootstrapShellCommand } from "../../modules/mathesar/admin-bootstrap";
import type { Finding, JsonObject, TerraformJson } from "../../modules/policies";

/** `{ type: { name: body } }` */
export type Resources = Record<string, Record<string, JsonObject>>;

/** A root configuration (it configures a provider, as a deployable stack does). */
export function rootConfig(resource: Resources, extra: JsonObject = {}): TerraformJson {
  return { provider: { digitalocean: [{}] }, resource, ...extra };
}

/** A published module's configuration: no provider block, optional outputs. */
export function moduleConfig(resource: Resources, output: JsonObject = {}): TerraformJson {
  return { resource, output };
}

/** One App Platform env entry. */
export function env(key: string, value: unknown, type = "GENERAL"): JsonObject {
  return { key, value, type, scope: "RUN_TIME" };
}

/** The env Mathesar needs, wired to the managed cluster `digitalocean_database_cluster.this`. */
export function mathesarEnv(overrides: Record<string, JsonObject | undefined> = {}): JsonObject[] {
  const base: Record<string, JsonObject> = {
    POSTGRES_DB: env("POSTGRES_DB", "${digitalocean_database_db.mathesar.name}"),
    POSTGRES_HOST: env("POSTGRES_HOST", "${digitalocean_database_cluster.this.private_host}"),
    POSTGRES_PASSWORD: env("POSTGRES_PASSWORD", "${digitalocean_database_user.mathesar.password}", "SECRET"),
    POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "require"),
    PGSSLMODE: env("PGSSLMODE", "require"),
    POSTGRES_USER: env("POSTGRES_USER", "${digitalocean_database_user.mathesar.name}"),
    SECRET_KEY: env("SECRET_KEY", "${random_password.secret_key.result}", "SECRET"),
  };
  const merged = { ...base, ...overrides };
  return Object.values(merged).filter((entry): entry is JsonObject => entry !== undefined);
}

/** Docker Hub `mathesar/mathesar` at `tag`; `null` leaves the tag out. */
export function mathesarImage(tag: string | null = "0.11.0"): JsonObject {
  const image = { registry_type: "DOCKER_HUB", registry: "mathesar", repository: "mathesar" };
  return tag === null ? image : { ...image, tag };
}

/** The web service. */
export function webService(overrides: JsonObject = {}): JsonObject {
  return {
    name: "web",
    image: mathesarImage(),
    run_command: "bash ./bin/mathesar run -nse",
    env: mathesarEnv(),
    ...overrides,
  };
}

/** The pre-deploy job that creates the first admin. */
export function bootstrapJob(
  overrides: JsonObject = {},
  envOverrides: Record<string, JsonObject | undefined> = {},
): JsonObject {
  return {
    name: "bootstrap",
    kind: "PRE_DEPLOY",
    image: mathesarImage(),
    run_command: adminBootstrapShellCommand(),
    env: mathesarEnv({
      DJANGO_SUPERUSER_USERNAME: env("DJANGO_SUPERUSER_USERNAME", "admin"),
      DJANGO_SUPERUSER_PASSWORD: env("DJANGO_SUPERUSER_PASSWORD", "${random_password.admin_password.result}", "SECRET"),
      MATHESAR_DB_ADMIN_PASSWORD: env(
        "MATHESAR_DB_ADMIN_PASSWORD",
        "${digitalocean_database_cluster.this.password}",
        "SECRET",
      ),
      ...envOverrides,
    }),
    ...overrides,
  };
}

/** A `digitalocean_app` body with the given components. */
export function app(
  spec: { service?: JsonObject[]; job?: JsonObject[]; worker?: JsonObject[]; env?: JsonObject[] } = {},
): JsonObject {
  return {
    spec: {
      name: "mathesar",
      region: "nyc",
      service: spec.service ?? [webService()],
      job: spec.job ?? [bootstrapJob()],
      ...(spec.worker ? { worker: spec.worker } : {}),
      ...(spec.env ? { env: spec.env } : {}),
    },
  };
}

/** A `digitalocean_database_cluster` body in the VPC `digitalocean_vpc.this`. */
export function cluster(overrides: JsonObject = {}): JsonObject {
  return {
    engine: "pg",
    name: "mathesar-db",
    node_count: 1,
    private_network_uuid: "${digitalocean_vpc.this.id}",
    region: "nyc3",
    size: "db-s-1vcpu-1gb",
    version: "17",
    ...overrides,
  };
}

/** A `digitalocean_database_firewall` on `clusterAddress` admitting `rules` (default: the app). */
export function databaseFirewall(
  clusterAddress: string,
  rules: JsonObject[] = [{ type: "app", value: "${digitalocean_app.this.id}" }],
): JsonObject {
  return { cluster_id: `\${${clusterAddress}.id}`, rule: rules };
}

/** The `terraform_data` deletion guard of modules/terraform/deletion-guard.ts, as synthesized. */
export function deletionGuard(clusterAddress: string, protectedValue: unknown = true): JsonObject {
  return {
    depends_on: [clusterAddress],
    input: { protected: protectedValue },
    lifecycle: { replace_triggered_by: [`${clusterAddress}.id`] },
    provisioner: [
      {
        "local-exec": {
          command: '${self.input.protected ? "echo \\"Deletion protection is on\\" && exit 1" : "exit 0"}',
          when: "destroy",
        },
      },
    ],
  };
}

/** `status` of every finding, in order. */
export function statuses(findings: readonly Finding[]): string[] {
  return findings.map((finding) => finding.status);
}

/** The only finding, failing the test when there is not exactly one. */
export function only(findings: readonly Finding[]): Finding {
  if (findings.length !== 1) throw new Error(`expected exactly one finding, got ${JSON.stringify(findings, null, 2)}`);
  return findings[0];
}

// ---------------------------------------------------------------------------------------------------
// AWS: each builder returns a body that passes every AWS rule, shaped like the AWS target's output.
// ---------------------------------------------------------------------------------------------------

/** An AWS root configuration (it configures the aws provider, as the deployable stack does). */
export function awsRootConfig(resource: Resources, extra: JsonObject = {}): TerraformJson {
  return { provider: { aws: [{ region: "us-east-1" }] }, resource, ...extra };
}

/** An `aws_db_instance` that passes every RDS rule, using `aws_db_parameter_group.this`. */
export function dbInstance(overrides: JsonObject = {}): JsonObject {
  return {
    engine: "postgres",
    engine_version: "17",
    instance_class: "db.t4g.micro",
    allocated_storage: 20,
    storage_encrypted: true,
    publicly_accessible: false,
    backup_retention_period: 7,
    deletion_protection: true,
    performance_insights_enabled: true,
    multi_az: true,
    enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"],
    auto_minor_version_upgrade: true,
    parameter_group_name: "${aws_db_parameter_group.this.name}",
    username: "mathesar_admin",
    password_wo: "${ephemeral.aws_secretsmanager_random_password.database_master.random_password}",
    password_wo_version: 1,
    ...overrides,
  };
}

/** An `aws_db_parameter_group` with the given parameters (default: `rds.force_ssl = 1`). */
export function dbParameterGroup(
  parameter: JsonObject[] = [{ name: "rds.force_ssl", value: "1" }],
  overrides: JsonObject = {},
): JsonObject {
  return { family: "postgres17", name_prefix: "mathesar-pg17-", parameter, ...overrides };
}

/** An application `aws_lb` that passes every load balancer rule. */
export function loadBalancer(overrides: JsonObject = {}): JsonObject {
  return {
    load_balancer_type: "application",
    internal: false,
    drop_invalid_header_fields: true,
    desync_mitigation_mode: "defensive",
    enable_deletion_protection: true,
    access_logs: { bucket: "${aws_s3_bucket.access_logs.id}", enabled: true, prefix: "alb" },
    subnets: "${aws_subnet.public[*].id}",
    ...overrides,
  };
}

/** The port-80 listener of `aws_lb.this`, redirecting to HTTPS. */
export function httpListener(overrides: JsonObject = {}): JsonObject {
  return {
    load_balancer_arn: "${aws_lb.this.arn}",
    port: 80,
    protocol: "HTTP",
    default_action: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } }],
    ...overrides,
  };
}

/** The port-443 listener of `aws_lb.this`. */
export function httpsListener(overrides: JsonObject = {}): JsonObject {
  return {
    load_balancer_arn: "${aws_lb.this.arn}",
    port: 443,
    protocol: "HTTPS",
    ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificate_arn: "${aws_acm_certificate_validation.this.certificate_arn}",
    default_action: [{ type: "fixed-response", fixed_response: { content_type: "text/plain", status_code: "404" } }],
    ...overrides,
  };
}

/** A listener rule on `listenerAddress` with the given actions (default: forward to the target group). */
export function listenerRule(
  listenerAddress: string,
  action: JsonObject[] = [{ type: "forward", target_group_arn: "${aws_lb_target_group.this.arn}" }],
): JsonObject {
  return {
    listener_arn: `\${${listenerAddress}.arn}`,
    priority: 10,
    condition: [{ host_header: { values: ["mathesar.example.org"] } }],
    action,
  };
}

/** An IP target group with Mathesar's health check (`null`: no health_check block). */
export function targetGroup(
  overrides: JsonObject = {},
  healthCheck: JsonObject | null = { path: "/static/icons/favicon.ico", matcher: "200" },
): JsonObject {
  return {
    port: 8000,
    protocol: "HTTP",
    target_type: "ip",
    vpc_id: "${aws_vpc.this.id}",
    ...(healthCheck ? { health_check: healthCheck } : {}),
    ...overrides,
  };
}

/** `{ name: value }` as an ECS list of `{ name, <valueKey> }`, sorted; `undefined` values are left out. */
function ecsList(values: Record<string, unknown>, valueKey: "value" | "valueFrom"): JsonObject[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, [valueKey]: value }));
}

/** The plain variables Mathesar's containers get, wired to `aws_db_instance.this`. */
export const ECS_ENVIRONMENT: Readonly<Record<string, string>> = {
  ALLOWED_HOSTS: "mathesar.example.org",
  POSTGRES_DB: "mathesar",
  POSTGRES_HOST: "${aws_db_instance.this.address}",
  POSTGRES_PORT: "${aws_db_instance.this.port}",
  POSTGRES_SSLMODE: "require",
  PGSSLMODE: "require",
  POSTGRES_USER: "mathesar",
};

/** The secrets Mathesar's containers get from Secrets Manager. */
export const ECS_SECRETS: Readonly<Record<string, string>> = {
  POSTGRES_PASSWORD: "${aws_secretsmanager_secret.database_app.arn}:password::",
  SECRET_KEY: "${aws_secretsmanager_secret.secret_key.arn}",
};

/** The `web` container; `environment` and `secrets` entries override (or, when undefined, remove) the defaults. */
export function webContainer(
  overrides: JsonObject = {},
  environment: Record<string, unknown> = {},
  secrets: Record<string, unknown> = {},
): JsonObject {
  return {
    name: "web",
    image: "mathesar/mathesar:0.11.0",
    readonlyRootFilesystem: true,
    essential: true,
    command: ["bash", "./bin/mathesar", "run", "-ne"],
    portMappings: [{ containerPort: 8000, protocol: "tcp" }],
    environment: ecsList({ ...ECS_ENVIRONMENT, ...environment }, "value"),
    secrets: ecsList({ ...ECS_SECRETS, ...secrets }, "valueFrom"),
    dependsOn: [{ containerName: "bootstrap", condition: "SUCCESS" }],
    ...overrides,
  };
}

/** The `bootstrap` container that creates the first admin. */
export function bootstrapContainer(
  overrides: JsonObject = {},
  environment: Record<string, unknown> = {},
  secrets: Record<string, unknown> = {},
): JsonObject {
  return {
    name: "bootstrap",
    image: "mathesar/mathesar:0.11.0",
    readonlyRootFilesystem: true,
    essential: false,
    command: ["sh", "-c", `${adminBootstrapShellCommand()} && python manage.py collectstatic --noinput --clear`],
    environment: ecsList(
      {
        ...ECS_ENVIRONMENT,
        DJANGO_SUPERUSER_USERNAME: "admin",
        MATHESAR_DB_ADMIN_USER: "mathesar_admin",
        ...environment,
      },
      "value",
    ),
    secrets: ecsList(
      {
        ...ECS_SECRETS,
        DJANGO_SUPERUSER_PASSWORD: "${aws_secretsmanager_secret.admin_password.arn}",
        MATHESAR_DB_ADMIN_PASSWORD: "${aws_secretsmanager_secret.database_master.arn}:password::",
        ...secrets,
      },
      "valueFrom",
    ),
    ...overrides,
  };
}

/** An `aws_ecs_task_definition` running `containers` (default: bootstrap and web), serialized as Terraform JSON holds them. */
export function taskDefinition(
  containers: JsonObject[] = [bootstrapContainer(), webContainer()],
  overrides: JsonObject = {},
): JsonObject {
  return {
    family: "mathesar",
    network_mode: "awsvpc",
    requires_compatibilities: ["FARGATE"],
    cpu: "512",
    memory: "1024",
    execution_role_arn: "${aws_iam_role.execution.arn}",
    task_role_arn: "${aws_iam_role.task.arn}",
    container_definitions: JSON.stringify(containers),
    ...overrides,
  };
}

/** An `aws_ecs_service` in private subnets. */
export function ecsService(networkOverrides: JsonObject = {}): JsonObject {
  return {
    cluster: "${aws_ecs_cluster.this.id}",
    task_definition: "${aws_ecs_task_definition.this.arn}",
    launch_type: "FARGATE",
    network_configuration: {
      subnets: "${aws_subnet.private[*].id}",
      security_groups: ["${aws_security_group.service.id}"],
      assign_public_ip: false,
      ...networkOverrides,
    },
  };
}

/** An `aws_ecs_cluster` with the given settings (default: Container Insights on). */
export function ecsCluster(setting: JsonObject[] = [{ name: "containerInsights", value: "enabled" }]): JsonObject {
  return { name: "mathesar", setting };
}

/** A `aws_secretsmanager_secret_version` written once through the write-only argument. */
export function secretVersion(overrides: JsonObject = {}): JsonObject {
  return {
    secret_id: "${aws_secretsmanager_secret.secret_key.id}",
    secret_string_wo: "${ephemeral.aws_secretsmanager_random_password.secret_key.random_password}",
    secret_string_wo_version: 1,
    ...overrides,
  };
}

/** Every AWS resource type the pack reads, each passing its rules. */
export function awsResources(): Resources {
  return {
    aws_vpc: { this: { cidr_block: "10.0.0.0/16" } },
    aws_flow_log: {
      this: {
        vpc_id: "${aws_vpc.this.id}",
        traffic_type: "ALL",
        log_destination: "${aws_cloudwatch_log_group.flow_logs.arn}",
      },
    },
    aws_cloudwatch_log_group: {
      flow_logs: { name: "/aws/vpc-flow-logs/mathesar", retention_in_days: 365 },
      this: { name: "/ecs/mathesar", retention_in_days: 365 },
    },
    aws_db_parameter_group: { this: dbParameterGroup() },
    aws_db_instance: { this: dbInstance() },
    aws_secretsmanager_secret_version: { secret_key: secretVersion() },
    aws_lb: { this: loadBalancer() },
    aws_lb_listener: { http: httpListener(), https: httpsListener() },
    aws_lb_listener_rule: { forward: listenerRule("aws_lb_listener.https") },
    aws_lb_target_group: { this: targetGroup() },
    aws_ecs_cluster: { this: ecsCluster() },
    aws_ecs_task_definition: { this: taskDefinition() },
    aws_ecs_service: { this: ecsService() },
  };
}

// ---------------------------------------------------------------------------------------------------
// Google Cloud: each builder returns a body that passes every Google rule, shaped like the Google target's
// output (cdktf writes single blocks as objects).
// ---------------------------------------------------------------------------------------------------

/** A Google Cloud root configuration (it configures the google provider, as the deployable stack does). */
export function googleRootConfig(resource: Resources, extra: JsonObject = {}): TerraformJson {
  return { provider: { google: [{ project: "mathesar-demo", region: "us-central1" }] }, resource, ...extra };
}

/** The database flags the Google target sets on Cloud SQL for PostgreSQL. */
export const CLOUD_SQL_FLAGS: Readonly<Record<string, string>> = {
  "cloudsql.enable_pgaudit": "on",
  log_checkpoints: "on",
  log_connections: "on",
  log_disconnections: "on",
  log_lock_waits: "on",
  log_min_duration_statement: "-1",
  log_min_error_statement: "error",
  log_min_messages: "error",
  log_temp_files: "0",
  "pgaudit.log": "ddl,role",
};

/** `{ name: value }` as Cloud SQL `database_flags`; `undefined` values are left out. */
export function databaseFlags(overrides: Record<string, unknown> = {}): JsonObject[] {
  return Object.entries({ ...CLOUD_SQL_FLAGS, ...overrides })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ({ name, value }));
}

/** A `google_sql_database_instance` that passes every Cloud SQL rule; `settings` and `ip_configuration` entries override. */
export function sqlInstance(
  overrides: JsonObject = {},
  settings: JsonObject = {},
  ipConfiguration: JsonObject = {},
): JsonObject {
  return {
    name: "mathesar-db",
    database_version: "POSTGRES_17",
    region: "us-central1",
    deletion_protection: true,
    settings: {
      tier: "db-custom-1-3840",
      deletion_protection_enabled: true,
      backup_configuration: { enabled: true, point_in_time_recovery_enabled: true, transaction_log_retention_days: 7 },
      ip_configuration: {
        ipv4_enabled: false,
        private_network: "${google_compute_network.this.id}",
        ssl_mode: "ENCRYPTED_ONLY",
        ...ipConfiguration,
      },
      database_flags: databaseFlags(),
      ...settings,
    },
    ...overrides,
  };
}

/** One Cloud Run env entry: a plain value, or (with `secret`) a Secret Manager reference. */
export function runEnv(name: string, value: string, secret = false): JsonObject {
  return secret ? { name, value_source: { secret_key_ref: { secret: value, version: "latest" } } } : { name, value };
}

/** The env Mathesar's Cloud Run container gets, wired to `google_sql_database_instance.this`, sorted by name; `undefined` removes an entry. */
export function cloudRunMathesarEnv(overrides: Record<string, JsonObject | undefined> = {}): JsonObject[] {
  const base: Record<string, JsonObject> = {
    ALLOWED_HOSTS: runEnv("ALLOWED_HOSTS", "mathesar.example.org"),
    DJANGO_SUPERUSER_PASSWORD: runEnv(
      "DJANGO_SUPERUSER_PASSWORD",
      "${google_secret_manager_secret.admin_password.secret_id}",
      true,
    ),
    DJANGO_SUPERUSER_USERNAME: runEnv("DJANGO_SUPERUSER_USERNAME", "admin"),
    POSTGRES_DB: runEnv("POSTGRES_DB", "${google_sql_database.mathesar.name}"),
    POSTGRES_HOST: runEnv("POSTGRES_HOST", "${google_sql_database_instance.this.private_ip_address}"),
    POSTGRES_PASSWORD: runEnv("POSTGRES_PASSWORD", "${google_secret_manager_secret.database_password.secret_id}", true),
    POSTGRES_SSLMODE: runEnv("POSTGRES_SSLMODE", "require"),
    PGSSLMODE: runEnv("PGSSLMODE", "require"),
    POSTGRES_USER: runEnv("POSTGRES_USER", "${google_sql_user.mathesar.name}"),
    SECRET_KEY: runEnv("SECRET_KEY", "${google_secret_manager_secret.secret_key.secret_id}", true),
  };
  return Object.entries({ ...base, ...overrides })
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, entry]) => entry)
    .filter((entry): entry is JsonObject => entry !== undefined);
}

/** The Mathesar container of a Cloud Run service. */
export function cloudRunContainer(
  overrides: JsonObject = {},
  envOverrides: Record<string, JsonObject | undefined> = {},
): JsonObject {
  return {
    name: "mathesar",
    image: "mathesar/mathesar:0.11.0",
    ports: { container_port: 8000 },
    env: cloudRunMathesarEnv(envOverrides),
    ...overrides,
  };
}

/** A `google_cloud_run_v2_service` behind the load balancer, running `containers`. */
export function cloudRunService(
  overrides: JsonObject = {},
  containers: JsonObject[] = [cloudRunContainer()],
): JsonObject {
  return {
    name: "mathesar",
    location: "us-central1",
    ingress: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER",
    invoker_iam_disabled: true,
    deletion_protection: true,
    template: { service_account: "${google_service_account.mathesar.email}", containers },
    ...overrides,
  };
}

/** A `google_compute_backend_service` for the Cloud Run NEG (`iap`: the iap block, `null` leaves it out). */
export function backendService(iap: JsonObject | null = { enabled: true }, overrides: JsonObject = {}): JsonObject {
  return {
    name: "mathesar",
    load_balancing_scheme: "EXTERNAL_MANAGED",
    protocol: "HTTPS",
    backend: [{ group: "${google_compute_region_network_endpoint_group.this.id}" }],
    ...(iap ? { iap } : {}),
    ...overrides,
  };
}

/** An IAP accessor binding on `google_compute_backend_service.this`. */
export function iapBinding(
  members: unknown = ["group:researchers@example.org"],
  overrides: JsonObject = {},
): JsonObject {
  return {
    web_backend_service: "${google_compute_backend_service.this.name}",
    role: "roles/iap.httpsResourceAccessor",
    members,
    ...overrides,
  };
}

/** Every Google resource type the pack reads, each passing its rules (IAP on, with one accessor). */
export function googleResources(): Resources {
  return {
    google_compute_network: { this: { name: "mathesar", auto_create_subnetworks: false } },
    google_compute_subnetwork: {
      this: {
        name: "mathesar",
        ip_cidr_range: "10.10.0.0/24",
        network: "${google_compute_network.this.id}",
        private_ip_google_access: true,
        log_config: { aggregation_interval: "INTERVAL_5_SEC", flow_sampling: 0.5 },
      },
    },
    google_sql_database_instance: { this: sqlInstance() },
    google_sql_user: {
      mathesar: {
        name: "mathesar",
        instance: "${google_sql_database_instance.this.name}",
        password_wo: "${ephemeral.random_password.database.result}",
        password_wo_version: 1,
      },
    },
    google_secret_manager_secret_version: {
      secret_key: {
        secret: "${google_secret_manager_secret.secret_key.id}",
        secret_data_wo: "${ephemeral.random_password.secret_key.result}",
        secret_data_wo_version: 1,
      },
    },
    google_cloud_run_v2_service: { this: cloudRunService() },
    google_compute_backend_service: { this: backendService() },
    google_iap_web_backend_service_iam_binding: { this: iapBinding() },
    google_compute_ssl_policy: { this: { name: "mathesar", profile: "MODERN", min_tls_version: "TLS_1_2" } },
    google_compute_url_map: {
      this: { name: "mathesar", default_service: "${google_compute_backend_service.this.id}" },
      http_redirect: {
        name: "mathesar-http",
        default_url_redirect: {
          https_redirect: true,
          redirect_response_code: "MOVED_PERMANENTLY_DEFAULT",
          strip_query: false,
        },
      },
    },
    google_compute_target_https_proxy: {
      this: {
        name: "mathesar",
        url_map: "${google_compute_url_map.this.id}",
        ssl_policy: "${google_compute_ssl_policy.this.id}",
      },
    },
    google_compute_target_http_proxy: {
      this: { name: "mathesar-http", url_map: "${google_compute_url_map.http_redirect.id}" },
    },
  };
}
