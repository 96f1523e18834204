import {
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  MATHESAR_START_COMMAND_PREPARED,
  SECRET_ENV_NAMES,
} from "../../modules/mathesar";
import { Testing } from "cdktf";
import { AwsStack, PLACEHOLDER_DOMAIN } from "../../stacks/aws/deploy-stack";
import { renderAwsModule, synthAws, synthAwsWith } from "../support/synth";

type Definition = {
  name: string;
  command: string[];
  essential: boolean;
  readonlyRootFilesystem: boolean;
  environment: Array<{ name: string; value: string }>;
  secrets: Array<{ name: string; valueFrom: string }>;
  dependsOn?: Array<{ containerName: string; condition: string }>;
  mountPoints: Array<{ containerPath: string }>;
};
const definitions = (props = {}) => synthAwsWith(() => props).mathesar.service.containerDefinitions as Definition[];
const byName = (props = {}) => Object.fromEntries(definitions(props).map((d) => [d.name, d]));

describe("task definition", () => {
  test("a bootstrap container must succeed before the web container starts", () => {
    const { bootstrap, web } = byName();
    expect(bootstrap.essential).toBe(false);
    expect(web.dependsOn).toEqual([{ containerName: "bootstrap", condition: "SUCCESS" }]);
    expect(bootstrap.command.join(" ")).toMatch(/b64decode.* && python manage.py collectstatic --noinput --clear/);
  });

  test("the web container does not migrate on its own (no -s) and never falls back to a throwaway database (no -f)", () => {
    expect(byName().web.command).toEqual([...MATHESAR_START_COMMAND_PREPARED]);
    expect(byName().web.command.join(" ")).not.toMatch(/-\w*[fs]/);
  });

  test("both containers run on a read-only root with writable volumes where Mathesar writes", () => {
    for (const d of definitions()) {
      expect(d.readonlyRootFilesystem).toBe(true);
      expect(d.mountPoints.map((m) => m.containerPath).sort()).toEqual(["/code/.media", "/code/static", "/tmp"]);
    }
    expect(definitions({ readonlyRootFilesystem: false }).every((d) => d.readonlyRootFilesystem === false)).toBe(true);
  });

  test("secrets come from Secrets Manager, never from environment", () => {
    for (const d of definitions()) {
      const plain = d.environment.map((e) => e.name);
      for (const name of SECRET_ENV_NAMES) expect(plain).not.toContain(name);
      expect(d.secrets.map((s) => s.name)).toEqual(expect.arrayContaining(["POSTGRES_PASSWORD", "SECRET_KEY"]));
    }
    const { bootstrap, web } = byName();
    // Only the bootstrap may read the RDS master password and the admin password.
    expect(bootstrap.secrets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["MATHESAR_DB_ADMIN_PASSWORD", "DJANGO_SUPERUSER_PASSWORD"]),
    );
    expect(web.secrets.map((s) => s.name)).not.toContain("MATHESAR_DB_ADMIN_PASSWORD");
  });

  test("JSON keys of database secrets are addressed with ECS's <arn>:<key>:: form", () => {
    const definitionsJson = String(synthAws().resource.aws_ecs_task_definition.this.container_definitions);
    expect(definitionsJson).toContain(
      '{"name" = "POSTGRES_PASSWORD", "valueFrom" = format("%s:%s::", aws_secretsmanager_secret.database_app.arn, "password")}',
    );
  });

  test("the definitions are one jsonencode() of an object, booleans bare (readable once written as HCL)", () => {
    const construct = String(synthAws().resource.aws_ecs_task_definition.this.container_definitions);
    const service = renderAwsModule().modules["modules/service"].resource as Record<string, Record<string, unknown>>;
    const published = String((service.aws_ecs_task_definition.this as Record<string, unknown>).container_definitions);
    for (const text of [construct, published]) {
      expect(text).toMatch(/^\$\{jsonencode\(\[\{"name" = "bootstrap", /);
      expect(text).toMatch(/\}\]\)\}$/);
      // No JSON text inside: no `"key":` pairs, only HCL `"key" =` attributes.
      expect(text).not.toMatch(/"[A-Za-z]+":/);
    }
    expect(construct).toContain('"readonlyRootFilesystem" = true,');
    expect(published).toContain('"readonlyRootFilesystem" = var.readonly_root_filesystem,');
  });

  test("ALLOWED_HOSTS is the domain alone (the load balancer forwards only that host)", () => {
    expect(byName().web.environment.find((e) => e.name === "ALLOWED_HOSTS")?.value).toBe("mathesar.example.org");
  });
});

describe("IAM", () => {
  const policy = (props = {}) => {
    const config = synthAws(props);
    return { config, execution: String(config.resource.aws_iam_role_policy.execution.policy) };
  };

  test("the execution role may read exactly Mathesar's secrets and write its log group", () => {
    const { execution } = policy();
    expect(execution).toContain("secretsmanager:GetSecretValue");
    for (const secret of ["secret_key", "admin_password", "database_app"])
      expect(execution).toContain(`aws_secretsmanager_secret.${secret}.arn`);
    // The RDS-managed master secret, for the bootstrap only.
    expect(execution).toContain("aws_db_instance.this.master_user_secret[0].secret_arn");
    expect(execution).toContain("aws_cloudwatch_log_group.this.arn");
  });

  test("pulling from ECR is allowed only when the image comes from ECR", () => {
    expect(policy().execution).not.toContain("ecr:");
    expect(policy({ imageRepository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar" }).execution).toContain(
      "ecr:BatchGetImage",
    );
  });

  test("with kmsKeyArn the execution role may decrypt with that key, only through Secrets Manager", () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    expect(policy().execution).not.toContain("kms:");
    const execution = policy({ kmsKeyArn: key }).execution;
    expect(execution).toContain(`"Action" = "kms:Decrypt", "Resource" = "${key}"`);
    expect(execution).toContain(
      '"kms:ViaService" = format("secretsmanager.%s.amazonaws.com", data.aws_region.current.name)',
    );
  });

  test("the task role has no permissions at all, and differs from the execution role", () => {
    const { config } = policy();
    expect(Object.keys(config.resource.aws_iam_role_policy)).not.toContain("task");
    const task = config.resource.aws_ecs_task_definition.this;
    expect(task.execution_role_arn).toBe("${aws_iam_role.execution.arn}");
    expect(task.task_role_arn).toBe("${aws_iam_role.task.arn}");
  });
});

test("every security group and rule description uses only the characters AWS accepts", () => {
  // EC2 refuses apostrophes and most punctuation in descriptions (found by a plan).
  const allowed = /^[0-9A-Za-z_ .:/()#,@[\]+=&;{}!$*-]*$/;
  for (const config of [
    synthAws(),
    synthAws({
      internal: true,
      network: { egress: "vpc_endpoints" },
      imageRepository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/m",
    }),
  ]) {
    for (const [name, group] of Object.entries(
      config.resource.aws_security_group as Record<
        string,
        { description: string; ingress?: Array<{ description: string }>; egress?: Array<{ description: string }> }
      >,
    )) {
      for (const text of [
        group.description,
        ...(group.ingress ?? []).map((r) => r.description),
        ...(group.egress ?? []).map((r) => r.description),
      ]) {
        expect({ name, text, ok: allowed.test(text) }).toEqual({ name, text, ok: true });
      }
    }
  }
});

describe("edge", () => {
  test("forwards only the configured host; everything else gets a 404 from the load balancer", () => {
    const config = synthAws();
    expect(config.resource.aws_lb_listener.https.default_action[0]).toMatchObject({ type: "fixed-response" });
    expect(config.resource.aws_lb_listener_rule.forward.condition).toEqual([
      { host_header: { values: ["mathesar.example.org"] } },
    ]);
    expect(config.resource.aws_lb_listener_rule.sign_in).toBeUndefined();
  });

  test("OIDC at the load balancer authenticates before forwarding", () => {
    const { config } = synthAwsWith(() => ({
      loadBalancerOidc: {
        issuer: "https://idp.example.org",
        authorizationEndpoint: "https://idp.example.org/authorize",
        tokenEndpoint: "https://idp.example.org/token",
        userInfoEndpoint: "https://idp.example.org/userinfo",
        clientId: "mathesar",
        clientSecret: "${var.oidc_client_secret}",
      },
    }));
    const rule = config.resource.aws_lb_listener_rule.sign_in;
    expect(rule.action.map((a: { type: string }) => a.type)).toEqual(["authenticate-oidc", "forward"]);
    expect(config.resource.aws_lb_listener_rule.forward.count).toBe(0);
    // The load balancer itself calls the identity provider: HTTPS out is opened only for that.
    const egress = (c: typeof config) =>
      c.resource.aws_security_group.alb.egress.map((e: { from_port: number }) => e.from_port);
    expect(egress(config)).toEqual([8000, 443]);
    expect(egress(synthAws())).toEqual([8000]);
  });

  test("a Route 53 zone validates the certificate and points the domain at the load balancer", () => {
    const config = synthAws({ route53ZoneId: "Z0123456789ABCDEFGHIJ" });
    expect(Object.keys(config.resource.aws_route53_record).sort()).toEqual(["alias", "certificate_validation"]);
    expect(config.resource.aws_acm_certificate_validation.this.validation_record_fqdns).toBe(
      "${aws_route53_record.certificate_validation[*].fqdn}",
    );
  });

  test("an existing certificate means none is requested", () => {
    const config = synthAws({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" });
    expect(config.resource.aws_acm_certificate.this.count).toBe(0);
    expect(config.resource.aws_acm_certificate_validation.this.count).toBe(0);
    expect(config.resource.aws_lb_listener.https.certificate_arn).toContain(
      "arn:aws:acm:us-east-1:123456789012:certificate/abc",
    );
  });
});

describe("secrets", () => {
  test("are generated by Secrets Manager and written once, write-only: nothing in state", () => {
    const config = synthAws();
    expect(Object.keys(config.ephemeral.aws_secretsmanager_random_password).sort()).toEqual([
      "admin_password",
      "database_app",
      "secret_key",
    ]);
    for (const version of Object.values(config.resource.aws_secretsmanager_secret_version) as Array<
      Record<string, unknown>
    >) {
      expect(version.secret_string).toBeUndefined();
      expect(version.secret_string_wo_version).toBe(1);
    }
    // RDS manages its master password itself (in Secrets Manager, rotated, never in Terraform state).
    expect(config.resource.aws_db_instance.this.password).toBeUndefined();
    expect(config.resource.aws_db_instance.this.manage_master_user_password).toBe(true);
  });

  test("only the aws provider is used (nothing for Terraform's registry to fetch besides it)", () => {
    expect(Object.keys(synthAws().terraform.required_providers)).toEqual(["aws"]);
  });
});

describe("deletion protection", () => {
  test("one guard over the deployment refuses destroy before the secrets, the service or the logs go", () => {
    const guard = synthAws().resource.terraform_data.deletion_guard;
    expect(guard.input).toEqual({ protected: true });
    expect(guard.depends_on).toEqual(
      expect.arrayContaining([
        "aws_db_instance.this",
        "aws_secretsmanager_secret.secret_key",
        "aws_ecs_service.this",
        "aws_cloudwatch_log_group.this",
        "aws_lb.this",
        "aws_vpc.this",
      ]),
    );
    expect(guard.triggers_replace).toEqual({
      ids: ["${aws_db_instance.this.id}", "${aws_secretsmanager_secret.secret_key.arn}"],
    });
    expect(
      synthAws({ database: { managed: { deletionProtection: false } } }).resource.terraform_data.deletion_guard.input,
    ).toEqual({ protected: false });
  });

  const existingDatabase = {
    host: "prod-db.abcdefghijkl.us-east-1.rds.amazonaws.com",
    passwordSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf",
  };

  test("with an existing database the guard still keeps SECRET_KEY (and what reads it) from destroy and replacement", () => {
    const config = synthAws({ database: { existing: existingDatabase } });
    const guard = config.resource.terraform_data.deletion_guard;
    expect(guard.input).toEqual({ protected: true });
    expect(guard.depends_on).toEqual(
      expect.arrayContaining([
        "aws_secretsmanager_secret.secret_key",
        "aws_secretsmanager_secret.admin_password",
        "aws_ecs_service.this",
        "aws_lb.this",
      ]),
    );
    expect(guard.triggers_replace).toEqual({ ids: ["${aws_secretsmanager_secret.secret_key.arn}"] });
    expect(config.resource.aws_db_instance).toBeUndefined();
  });

  test("deletionProtection switches the guard for both database modes; a conflicting managed flag is refused", () => {
    expect(
      synthAws({ deletionProtection: false, database: { existing: existingDatabase } }).resource.terraform_data
        .deletion_guard.input,
    ).toEqual({ protected: false });
    const managedOff = synthAws({ deletionProtection: false });
    expect(managedOff.resource.terraform_data.deletion_guard.input).toEqual({ protected: false });
    expect(managedOff.resource.aws_db_instance.this.deletion_protection).toBe(false);
    expect(() => synthAws({ deletionProtection: false, database: { managed: { deletionProtection: true } } })).toThrow(
      /Invalid database.managed.deletionProtection true beside deletionProtection false/,
    );
  });
});

test("the deployable stack synthesizes without a domain, but a plan for the placeholder stops before creating anything", () => {
  const config = JSON.parse(Testing.synth(new AwsStack(Testing.app(), "aws", { domainName: PLACEHOLDER_DOMAIN })));
  expect(config.resource.aws_lb.this.lifecycle.precondition[0]).toMatchObject({
    condition: '${local.domain_name != "mathesar.example.com"}',
    error_message: expect.stringContaining("MATHESAR_DOMAIN_NAME"),
  });
  expect(synthAws().resource.aws_lb.this.lifecycle?.precondition).toBeUndefined();
});

describe("issue 8: smaller findings", () => {
  const ecr = "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar";
  const kmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

  test("the load balancer waits longer than gunicorn's request timeout before it drops a request", () => {
    expect(synthAws().resource.aws_lb.this.idle_timeout).toBeGreaterThan(DEFAULT_REQUEST_TIMEOUT_SECONDS);
  });

  test("an internal load balancer without NAT egress creates no internet gateway and no public subnets", () => {
    const internal = synthAws({ internal: true, network: { egress: "vpc_endpoints" }, imageRepository: ecr }).resource;
    expect(internal.aws_internet_gateway.this.count).toBe(0);
    expect(internal.aws_subnet.public.count).toBe(0);
    expect(internal.aws_route.public_internet.count).toBe(0);
    // Internet-facing, or NAT egress: the public tier stays.
    expect(synthAws().resource.aws_internet_gateway.this.count).toBe(1);
    expect(synthAws({ internal: true }).resource.aws_subnet.public.count).toBe(2);
  });

  test("the final snapshot is named at creation, so a redeploy under the same name can be destroyed again", () => {
    const db = synthAws().resource.aws_db_instance.this;
    expect(db.final_snapshot_identifier).toBe('mathesar-db-final-${formatdate("YYYYMMDDhhmmss", timestamp())}');
    expect(db.lifecycle.ignore_changes).toContain("final_snapshot_identifier");
  });

  test("the access-log bucket keeps its logs on destroy unless accessLogsForceDestroy says otherwise", () => {
    expect(synthAws().resource.aws_s3_bucket.access_logs.force_destroy).toBe(false);
    expect(synthAws({ accessLogsForceDestroy: true }).resource.aws_s3_bucket.access_logs.force_destroy).toBe(true);
  });

  test("kmsKeyArn encrypts RDS, Performance Insights, the RDS master secret, every secret and every log group; the access-log bucket stays SSE-S3", () => {
    const r = synthAws({ kmsKeyArn }).resource;
    expect(r.aws_db_instance.this).toMatchObject({
      kms_key_id: kmsKeyArn,
      performance_insights_kms_key_id: kmsKeyArn,
      master_user_secret_kms_key_id: kmsKeyArn,
    });
    for (const [name, secret] of Object.entries(r.aws_secretsmanager_secret as Record<string, { kms_key_id?: string }>))
      expect([name, secret.kms_key_id]).toEqual([name, kmsKeyArn]);
    for (const [name, group] of Object.entries(r.aws_cloudwatch_log_group as Record<string, { kms_key_id?: string }>))
      expect([name, group.kms_key_id]).toEqual([name, kmsKeyArn]);
    expect(Object.keys(r.aws_cloudwatch_log_group).length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(r.aws_s3_bucket_server_side_encryption_configuration)).toContain("AES256");
    // Without it: AWS-managed keys (no key id at all).
    expect(synthAws().resource.aws_db_instance.this.kms_key_id).toBeUndefined();
  });
});
