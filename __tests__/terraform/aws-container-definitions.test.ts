/**
 * The ECS container definitions as Terraform plans them (the real hashicorp/aws provider copy), for both
 * flavours: the published service module (dist/terraform-aws-mathesar/modules/service, rendered in memory)
 * called with literal inputs, and the `MathesarAwsService` construct given the same inputs. The planned
 * `container_definitions`, parsed, must equal a structure written out here from the inputs: JSON
 * booleans and numbers where ECS wants them, the shell commands and every string byte for byte. The
 * configuration writes them as `jsonencode({ ... })` over HCL literals, so the escaping of quotes,
 * backslashes, newlines, `${` and `%{` is proven by Terraform, not assumed (jsonencode.test.ts does the
 * same for the helper alone).
 */
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarAwsService, type MathesarAwsServiceProps } from "../../modules/aws/service";
import { adminBootstrapShellCommand } from "../../modules/mathesar";
import { awsModuleBundle } from "../../stacks/aws/dist";
import { renderModuleFiles } from "../support/synth";
import { AwsMock, type PlanJson, TerraformWorkspace, awsProviderMirror } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";

const mirror = awsProviderMirror();
const mock = new AwsMock();
const workspaces: TerraformWorkspace[] = [];

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
/** A PEM bundle: several lines, as the database's CA certificate arrives. */
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
/** Text a shell command or an HCL string could get wrong: quotes, backslashes, newlines, templates. */
const AWKWARD = 'say "hi" \\ back\\slash\nnext line ${not_a_reference} %{not_a_directive} $${kept} 100%';

/** The inputs, once: the module's variables and the construct's props below say the same. */
const INPUT = {
  name: "lab",
  image: "mathesar/mathesar:0.11.0",
  domain: "data.example.org",
  adminEmail: "admin@example.org",
  adminUsername: "admin",
  databaseHost: "db.internal.example.org",
  databasePort: 5433,
  webConcurrency: 3,
  secretKeyArn: arn("secret-key"),
  adminPasswordArn: arn("admin-password"),
  databasePasswordArn: arn("database"),
  databaseAdminPasswordArn: arn("database-admin"),
  ssoArn: arn("sso"),
};

/** The same deployment as a call of the published service module. */
function moduleCall(readonlyRoot: boolean, caCertificate: string): Record<string, unknown> {
  return {
    source: "../module/modules/service",
    name: INPUT.name,
    vpc_id: "vpc-0123456789abcdef0",
    subnet_ids: ["subnet-0cccccccccccccccc"],
    image_repository: "mathesar/mathesar",
    mathesar_version: "0.11.0",
    cpu: 512,
    memory_mib: 1024,
    desired_count: 1,
    web_concurrency: INPUT.webConcurrency,
    target_group_arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lab/0123456789abcdef",
    load_balancer_security_group_id: "sg-0123456789abcdef0",
    domain_name: INPUT.domain,
    database_host: INPUT.databaseHost,
    database_port: INPUT.databasePort,
    database_password_secret_arn: INPUT.databasePasswordArn,
    database_password_secret_key: "password",
    database_admin_user: "postgres",
    database_admin_password_secret_arn: INPUT.databaseAdminPasswordArn,
    // A string in a .tf.json file is a template: its own "${" and "%{" are escaped to stay text.
    database_ca_certificate: caCertificate.replace(/([$%])\{/g, "$1$1{"),
    secret_key_secret_arn: INPUT.secretKeyArn,
    admin_email: INPUT.adminEmail,
    admin_username: INPUT.adminUsername,
    admin_password_secret_arn: INPUT.adminPasswordArn,
    sso_config_secret_arn: INPUT.ssoArn,
    require_sso_login: true,
    readonly_root_filesystem: readonlyRoot,
  };
}

/** The same deployment as construct props. */
function constructProps(readonlyRoot: boolean, caCertificate: string): MathesarAwsServiceProps {
  return {
    name: INPUT.name,
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0cccccccccccccccc"],
    imageRepository: "mathesar/mathesar",
    mathesarVersion: "0.11.0",
    cpu: 512,
    memoryMiB: 1024,
    desiredCount: 1,
    webConcurrency: INPUT.webConcurrency,
    targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/lab/0123456789abcdef",
    loadBalancerSecurityGroupId: "sg-0123456789abcdef0",
    domainName: INPUT.domain,
    database: {
      host: INPUT.databaseHost,
      port: INPUT.databasePort,
      name: "mathesar",
      user: "mathesar",
      password: { arn: INPUT.databasePasswordArn, jsonKey: "password" },
      sslMode: "require",
      caCertificate,
      admin: { user: "postgres", password: { arn: INPUT.databaseAdminPasswordArn, jsonKey: "password" } },
    },
    secretKey: { arn: INPUT.secretKeyArn },
    admin: {
      enabled: true,
      username: INPUT.adminUsername,
      email: INPUT.adminEmail,
      password: { arn: INPUT.adminPasswordArn },
    },
    ssoConfig: { arn: INPUT.ssoArn },
    requireSsoLogin: true,
    logRetentionDays: 365,
    readonlyRootFilesystem: readonlyRoot,
  };
}

/** What ECS must receive for those inputs, written out independently of the code that builds it. */
function expectedDefinitions(readonlyRoot: boolean, caCertificate: string): unknown[] {
  const writeCa =
    'case "$MATHESAR_DATABASE_CA_PEM" in *"-----BEGIN CERTIFICATE-----"*) printf "%s\\n" ' +
    '"$MATHESAR_DATABASE_CA_PEM" > /tmp/mathesar-database-ca.pem;; esac';
  const env = (pairs: Record<string, string>) => Object.entries(pairs).map(([name, value]) => ({ name, value }));
  const shared = {
    ALLOWED_HOSTS: INPUT.domain,
    DEBUG: "false",
    GUNICORN_CMD_ARGS: "--timeout 120 --access-logfile -",
    MATHESAR_DATABASE_CA_PEM: caCertificate,
    PGSSLMODE: "require",
    PGSSLROOTCERT: "/tmp/mathesar-database-ca.pem",
    POSTGRES_DB: "mathesar",
    POSTGRES_HOST: INPUT.databaseHost,
    POSTGRES_PORT: String(INPUT.databasePort),
    POSTGRES_SSLMODE: "require",
    POSTGRES_USER: "mathesar",
    REQUIRE_SSO_LOGIN: "true",
    WEB_CONCURRENCY: String(INPUT.webConcurrency),
  };
  const common = (name: string) => ({
    name,
    image: INPUT.image,
    readonlyRootFilesystem: readonlyRoot,
    mountPoints: [
      { sourceVolume: "static", containerPath: "/code/static", readOnly: false },
      { sourceVolume: "media", containerPath: "/code/.media", readOnly: false },
      { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
    ],
    linuxParameters: { initProcessEnabled: true },
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": `/ecs/${INPUT.name}`, "awslogs-region": "us-east-1", "awslogs-stream-prefix": name },
    },
  });
  const databasePassword = { name: "POSTGRES_PASSWORD", valueFrom: `${INPUT.databasePasswordArn}:password::` };
  return [
    {
      ...common("bootstrap"),
      essential: false,
      command: [
        "sh",
        "-c",
        `${writeCa} && ${adminBootstrapShellCommand()} && python manage.py collectstatic --noinput --clear`,
      ],
      environment: env({
        ALLOWED_HOSTS: shared.ALLOWED_HOSTS,
        DEBUG: shared.DEBUG,
        DJANGO_SUPERUSER_EMAIL: INPUT.adminEmail,
        DJANGO_SUPERUSER_USERNAME: INPUT.adminUsername,
        GUNICORN_CMD_ARGS: shared.GUNICORN_CMD_ARGS,
        MATHESAR_DATABASE_CA_PEM: caCertificate,
        MATHESAR_DB_ADMIN_USER: "postgres",
        ...Object.fromEntries(Object.entries(shared).filter(([key]) => key.startsWith("P"))),
        REQUIRE_SSO_LOGIN: shared.REQUIRE_SSO_LOGIN,
        WEB_CONCURRENCY: shared.WEB_CONCURRENCY,
      }),
      // By name: the provider sorts them (the module appends the conditional ones last; ECS does not care).
      secrets: [
        { name: "DJANGO_SUPERUSER_PASSWORD", valueFrom: INPUT.adminPasswordArn },
        { name: "MATHESAR_DB_ADMIN_PASSWORD", valueFrom: `${INPUT.databaseAdminPasswordArn}:password::` },
        databasePassword,
        { name: "SECRET_KEY", valueFrom: INPUT.secretKeyArn },
        { name: "SSO_CONFIG_DICT", valueFrom: INPUT.ssoArn },
      ],
    },
    {
      ...common("web"),
      essential: true,
      command: ["sh", "-c", `${writeCa} && exec bash ./bin/mathesar run -ne`],
      portMappings: [{ containerPort: 8000, protocol: "tcp" }],
      environment: env(shared),
      secrets: [
        databasePassword,
        { name: "SECRET_KEY", valueFrom: INPUT.secretKeyArn },
        { name: "SSO_CONFIG_DICT", valueFrom: INPUT.ssoArn },
      ],
      dependsOn: [{ containerName: "bootstrap", condition: "SUCCESS" }],
    },
  ];
}

/** The planned container definitions of the one task definition in a plan, parsed. */
function plannedDefinitions(plan: PlanJson): unknown {
  const tasks = plan.resource_changes.filter((r) => r.type === "aws_ecs_task_definition");
  expect(tasks).toHaveLength(1);
  const text = tasks[0].change.after?.container_definitions;
  // Known at plan: every input is a literal, so nothing is left for apply.
  expect(typeof text).toBe("string");
  return JSON.parse(text as string);
}

/** Plans a configuration (files by name) in a fresh workspace with the mock provider settings. */
function plan(label: string, files: Record<string, string>, subdir = "."): PlanJson {
  const ws = new TerraformWorkspace(mirror!, label);
  workspaces.push(ws);
  for (const [file, content] of Object.entries(files)) ws.write(file, content);
  ws.write(`${subdir}/mock_override.tf.json`, mock.providerOverride());
  return ws.planJson(subdir).plan;
}

/** The published service module, rendered in memory as `npm run synth` writes it, called with literal inputs. */
async function planModule(label: string, readonlyRoot: boolean, caCertificate: string): Promise<PlanJson> {
  const rendered = await renderModuleFiles(awsModuleBundle());
  const files = Object.fromEntries(Object.entries(rendered).map(([file, text]) => [`module/${file}`, text]));
  const root = {
    provider: { aws: { region: "us-east-1" } },
    module: { service: moduleCall(readonlyRoot, caCertificate) },
  };
  return plan(label, { ...files, "root/main.tf.json": JSON.stringify(root) }, "root");
}

/** The construct, synthesized in a bare stack with the same inputs. */
function planConstruct(label: string, readonlyRoot: boolean, caCertificate: string): PlanJson {
  const stack = new TerraformStack(Testing.app(), label);
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new MathesarAwsService(stack, "Service", constructProps(readonlyRoot, caCertificate));
  return plan(label, { "main.tf.json": Testing.synth(stack) });
}

describeWithTool(
  "terraform with the hashicorp/aws 5.100.0 provider mirror",
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "ECS container definitions as Terraform plans them",
  () => {
    beforeAll(() => mock.start());
    afterAll(async () => {
      await mock.stop();
      for (const ws of workspaces) ws.dispose();
    });

    test("the published service module: the planned definitions are exactly the expected containers", async () => {
      expect(plannedDefinitions(await planModule("service-module", true, PEM))).toEqual(expectedDefinitions(true, PEM));
    });

    test("readonly_root_filesystem = false stays a JSON boolean false (ECS refuses the string)", async () => {
      const definitions = plannedDefinitions(await planModule("service-module-writable", false, PEM)) as Array<{
        readonlyRootFilesystem: unknown;
      }>;
      expect(definitions.map((d) => d.readonlyRootFilesystem)).toEqual([false, false]);
      expect(definitions).toEqual(expectedDefinitions(false, PEM));
    });

    test("the construct with the same inputs plans the same definitions", () => {
      expect(plannedDefinitions(planConstruct("service-construct", true, PEM))).toEqual(expectedDefinitions(true, PEM));
    });

    test("literal text with quotes, backslashes, newlines, ${ and %{ reaches ECS unchanged, in both flavours", async () => {
      expect(plannedDefinitions(planConstruct("awkward-construct", true, AWKWARD))).toEqual(
        expectedDefinitions(true, AWKWARD),
      );
      expect(plannedDefinitions(await planModule("awkward-module", true, AWKWARD))).toEqual(
        expectedDefinitions(true, AWKWARD),
      );
    });
  },
);
