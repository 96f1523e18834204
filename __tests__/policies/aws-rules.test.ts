/**
 * The AWS rules, each against a compliant, a non-compliant and (where it applies) an unknown fixture; the
 * ECS adapter that reads container definitions; and the cross-cloud Mathesar rules over ECS.
 */
import {
  EcsContainerInsights,
  EcsNoPublicIp,
  EcsNoSecretsInEnvironment,
  EcsNotPrivileged,
  EcsReadonlyRootFilesystem,
  EcsSeparateTaskRole,
  LbAccessLogs,
  LbDeletionProtection,
  LbDesyncMitigation,
  LbDropInvalidHeaders,
  LbHttpRedirectsToHttps,
  LbTls12Policy,
  LbTargetGroupHealthCheck,
  LogGroupRetention,
  NoClaimableSetup,
  PinnedImage,
  PostgresConnectionSet,
  PostgresSslRequired,
  RdsAutoMinorVersionUpgrade,
  RdsBackupRetention,
  RdsDeletionProtection,
  RdsForceSsl,
  RdsLogExports,
  RdsMultiAz,
  RdsNotPubliclyAccessible,
  RdsPasswordNotInState,
  RdsPerformanceInsights,
  RdsStorageEncrypted,
  SecretNotInState,
  VpcFlowLogs,
  isSecretName,
  isTls12Policy,
  type Finding,
  type JsonObject,
  type PolicyRule,
} from "../../modules/policies";
import {
  containerRunsMathesar,
  containerVariables,
  ecsContainers,
  quoteTemplates,
} from "../../modules/policies/lib/ecs";
import {
  awsRootConfig,
  bootstrapContainer,
  dbInstance,
  dbParameterGroup,
  ecsCluster,
  ecsService,
  httpListener,
  httpsListener,
  listenerRule,
  loadBalancer,
  only,
  secretVersion,
  statuses,
  targetGroup,
  taskDefinition,
  webContainer,
  type Resources,
} from "./fixtures";

/** The only finding of `rule` over `resources`. */
const one = (rule: PolicyRule, resources: Resources): Finding => only(rule.check(awsRootConfig(resources)));
const withInstance = (body: JsonObject): Resources => ({
  aws_db_instance: { this: body },
  aws_db_parameter_group: { this: dbParameterGroup() },
});
const withTask = (body: JsonObject): Resources => ({ aws_ecs_task_definition: { this: body } });
const TASK = "aws_ecs_task_definition.this";

describe("reading ECS container definitions", () => {
  const task = (definitions: unknown) => ({
    type: "aws_ecs_task_definition",
    name: "this",
    address: TASK,
    body: { container_definitions: definitions },
  });

  test("plain JSON is read container by container, with their variables", () => {
    const definitions = ecsContainers(task(JSON.stringify([bootstrapContainer(), webContainer()])));
    if (!definitions.known) throw new Error(definitions.reason);
    expect(definitions.containers.map((c) => c.label)).toEqual(['container "bootstrap"', 'container "web"']);
    const { environment, secrets, complete } = containerVariables(definitions.containers[1]);
    expect(environment.get("POSTGRES_HOST")).toBe("${aws_db_instance.this.address}");
    expect([...secrets.keys()]).toEqual(["POSTGRES_PASSWORD", "SECRET_KEY"]);
    expect(complete).toBe(true);
  });

  test("an unquoted interpolation becomes an expression string, and JSON around it still parses", () => {
    const text = '[{"name":"web","readonlyRootFilesystem":${var.readonly},"memory":${var.memory * 2}}]';
    expect(JSON.parse(quoteTemplates(text))).toEqual([
      { name: "web", readonlyRootFilesystem: "${var.readonly}", memory: "${var.memory * 2}" },
    ]);
  });

  test("an interpolation with quotes inside a JSON string survives, whether its quotes are escaped or not", () => {
    const escaped =
      '[{"name":"bootstrap","environment":[{"name":"U","value":"${var.admin_enabled ? var.admin_username : \\"\\"}"}]}]';
    const bare =
      '[{"name":"bootstrap","environment":[{"name":"U","value":"${var.admin_enabled ? var.admin_username : ""}"}]}]';
    for (const text of [escaped, bare]) {
      expect(JSON.parse(quoteTemplates(text))[0].environment[0].value).toBe(
        '${var.admin_enabled ? var.admin_username : ""}',
      );
    }
  });

  test("the $${ escape stays literal text", () => {
    expect(JSON.parse(quoteTemplates('[{"value":"$${HOME}"}]'))).toEqual([{ value: "$${HOME}" }]);
  });

  test("definitions computed by Terraform are unknown, and the reason names what they depend on", () => {
    const definitions = ecsContainers(task("${jsonencode(local.containers)}"));
    expect(definitions).toEqual({ known: false, reason: expect.stringMatching(/local\.containers/) });
  });

  test("text that is not JSON is unknown, not a crash", () => {
    expect(ecsContainers(task("[{name: web}]")).known).toBe(false);
  });

  test("a list of variables from an expression makes the variables incomplete", () => {
    const definitions = ecsContainers(task('[{"name":"web","environment":${var.environment}}]'));
    if (!definitions.known) throw new Error(definitions.reason);
    expect(containerVariables(definitions.containers[0]).complete).toBe(false);
  });

  test.each([
    ["the Mathesar image", { image: "mathesar/mathesar:0.11.0" }, "yes"],
    ["a mirror behind a registry from a variable", { image: "${var.registry}/mirror/mathesar:0.11.0" }, "yes"],
    ["a tag from a variable", { image: "mathesar/mathesar:${var.mathesar_version}" }, "yes"],
    [
      "Mathesar's start command in another image",
      { image: "${var.image}", command: ["bash", "./bin/mathesar", "run", "-ne"] },
      "yes",
    ],
    ["an image from a variable", { image: "${var.image}" }, "unknown"],
    ["another image", { image: "nginx:1.27" }, "no"],
  ])("%s: runs Mathesar = %s", (_name, body, expected) => {
    expect(containerRunsMathesar({ taskDefinition: task("[]"), name: "c", body, label: 'container "c"' })).toBe(
      expected,
    );
  });
});

/** Boolean RDS and load-balancer rules: [rule, resource type, body builder, attribute, compliant value, non-compliant value, status when absent]. */
const BOOLEAN_RULES: Array<[PolicyRule, string, (o: JsonObject) => JsonObject, string, boolean, boolean, string]> = [
  [RdsStorageEncrypted, "aws_db_instance", dbInstance, "storage_encrypted", true, false, "non_compliant"],
  [RdsNotPubliclyAccessible, "aws_db_instance", dbInstance, "publicly_accessible", false, true, "compliant"],
  [RdsDeletionProtection, "aws_db_instance", dbInstance, "deletion_protection", true, false, "non_compliant"],
  [RdsPerformanceInsights, "aws_db_instance", dbInstance, "performance_insights_enabled", true, false, "non_compliant"],
  [RdsMultiAz, "aws_db_instance", dbInstance, "multi_az", true, false, "non_compliant"],
  [RdsAutoMinorVersionUpgrade, "aws_db_instance", dbInstance, "auto_minor_version_upgrade", true, false, "compliant"],
  [LbDropInvalidHeaders, "aws_lb", loadBalancer, "drop_invalid_header_fields", true, false, "non_compliant"],
  [LbDeletionProtection, "aws_lb", loadBalancer, "enable_deletion_protection", true, false, "non_compliant"],
];

describe.each(BOOLEAN_RULES)("%s", (rule, type, build, attribute, good, bad, absent) => {
  const check = (body: JsonObject) => one(rule, { [type]: { this: body } });

  test(`${attribute} = ${good} is compliant`, () => {
    expect(check(build({ [attribute]: good }))).toMatchObject({
      ruleId: rule.id,
      address: `${type}.this`,
      status: "compliant",
    });
  });

  test(`${attribute} = ${bad} is non-compliant and says so`, () => {
    const finding = check(build({ [attribute]: bad }));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain(`${attribute} = ${bad}`);
  });

  test(`${attribute} as the string "${bad}" (Terraform converts it) is non-compliant`, () => {
    expect(check(build({ [attribute]: String(bad) })).status).toBe("non_compliant");
  });

  test(`${attribute} absent: the provider's default decides (${absent})`, () => {
    const body = build({});
    delete (body as Record<string, unknown>)[attribute];
    expect(check(body).status).toBe(absent);
  });

  test(`${attribute} from a variable is not applicable and names the variable`, () => {
    const finding = check(build({ [attribute]: "${var.flag}" }));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.flag/);
  });
});

describe("AWS_RDS_BACKUP_RETENTION", () => {
  test.each([7, 35, "14"])("%p days is compliant", (days) => {
    expect(one(RdsBackupRetention, withInstance(dbInstance({ backup_retention_period: days }))).status).toBe(
      "compliant",
    );
  });

  test.each([0, 1, 6])("%p days is non-compliant", (days) => {
    expect(one(RdsBackupRetention, withInstance(dbInstance({ backup_retention_period: days }))).status).toBe(
      "non_compliant",
    );
  });

  test("absent is non-compliant: RDS keeps one day", () => {
    const { backup_retention_period: _, ...body } = dbInstance();
    expect(one(RdsBackupRetention, withInstance(body)).message).toMatch(/one day/);
  });

  test("from a variable is not applicable", () => {
    expect(
      one(RdsBackupRetention, withInstance(dbInstance({ backup_retention_period: "${var.backup_days}" }))).status,
    ).toBe("not_applicable");
  });
});

describe("AWS_RDS_LOG_EXPORTS", () => {
  const check = (overrides: JsonObject) => one(RdsLogExports, withInstance(dbInstance(overrides)));

  test("exporting postgresql is compliant", () => {
    expect(check({ enabled_cloudwatch_logs_exports: ["postgresql"] }).status).toBe("compliant");
  });

  test.each([
    ["no exports", undefined],
    ["an empty list", []],
    ["only the upgrade log", ["upgrade"]],
  ])("%s on PostgreSQL is non-compliant", (_name, exportsValue) => {
    expect(check({ enabled_cloudwatch_logs_exports: exportsValue }).status).toBe("non_compliant");
  });

  test("another engine passes with any export", () => {
    expect(check({ engine: "mysql", enabled_cloudwatch_logs_exports: ["error"] }).status).toBe("compliant");
  });

  test("a list from a variable is not applicable", () => {
    const finding = check({ enabled_cloudwatch_logs_exports: "${var.log_exports}" });
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.log_exports/);
  });
});

describe("AWS_RDS_FORCE_SSL", () => {
  test("a parameter group of this configuration with rds.force_ssl = 1 is compliant", () => {
    const finding = one(RdsForceSsl, withInstance(dbInstance()));
    expect(finding).toMatchObject({ address: "aws_db_instance.this", status: "compliant" });
    expect(finding.message).toContain("aws_db_parameter_group.this");
  });

  test.each([
    ["rds.force_ssl = 0", [{ name: "rds.force_ssl", value: "0" }]],
    ["no rds.force_ssl", [{ name: "log_connections", value: "1" }]],
  ])("a group with %s is non-compliant", (_name, parameters) => {
    const resources = {
      aws_db_instance: { this: dbInstance() },
      aws_db_parameter_group: { this: dbParameterGroup(parameters) },
    };
    expect(one(RdsForceSsl, resources).status).toBe("non_compliant");
  });

  test("no parameter group (the engine default) is non-compliant", () => {
    const { parameter_group_name: _, ...body } = dbInstance();
    expect(one(RdsForceSsl, { aws_db_instance: { this: body } }).status).toBe("non_compliant");
  });

  test("a default.* group is non-compliant", () => {
    expect(
      one(RdsForceSsl, { aws_db_instance: { this: dbInstance({ parameter_group_name: "default.postgres17" }) } })
        .status,
    ).toBe("non_compliant");
  });

  test("a group named literally is found by its name", () => {
    const resources = {
      aws_db_instance: { this: dbInstance({ parameter_group_name: "mathesar-pg17" }) },
      aws_db_parameter_group: { this: dbParameterGroup(undefined, { name: "mathesar-pg17" }) },
    };
    expect(one(RdsForceSsl, resources).status).toBe("compliant");
  });

  test("a group from a variable is not applicable", () => {
    const finding = one(RdsForceSsl, {
      aws_db_instance: { this: dbInstance({ parameter_group_name: "${var.parameter_group}" }) },
    });
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.parameter_group/);
  });

  test("a force_ssl value from a variable is not applicable", () => {
    const resources = {
      aws_db_instance: { this: dbInstance() },
      aws_db_parameter_group: { this: dbParameterGroup([{ name: "rds.force_ssl", value: "${var.force_ssl}" }]) },
    };
    expect(one(RdsForceSsl, resources).status).toBe("not_applicable");
  });
});

describe("AWS_RDS_PASSWORD_NOT_IN_STATE", () => {
  const check = (overrides: JsonObject) => {
    const { password_wo: _, password_wo_version: __, ...body } = dbInstance();
    return one(RdsPasswordNotInState, withInstance({ ...body, ...overrides }));
  };

  test.each([
    ["password_wo", { password_wo: "${ephemeral.aws_secretsmanager_random_password.db.random_password}" }],
    ["manage_master_user_password", { manage_master_user_password: true }],
  ])("%s is compliant", (_name, overrides) => {
    expect(check(overrides).status).toBe("compliant");
  });

  test("a literal password is non-compliant", () => {
    expect(check({ password: "hunter2-hunter2" }).status).toBe("non_compliant");
  });

  test("a password from random_password is non-compliant: it is stored in state", () => {
    const finding = check({ password: "${random_password.database.result}" });
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain("random_password.database");
  });

  test("a password from a variable (maybe null) is not applicable", () => {
    const finding = check({ password: "${var.database_password}" });
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.database_password/);
  });
});

describe("AWS_LB_HTTP_REDIRECTS_TO_HTTPS", () => {
  const listeners = (http: JsonObject, extra: Resources = {}): Resources => ({
    aws_lb_listener: { http, https: httpsListener() },
    ...extra,
  });
  const httpFinding = (resources: Resources) => {
    const findings = LbHttpRedirectsToHttps.check(awsRootConfig(resources));
    return findings.find((f) => f.address === "aws_lb_listener.http") as Finding;
  };

  test("a redirect to HTTPS is compliant; the HTTPS listener is not applicable", () => {
    expect(statuses(LbHttpRedirectsToHttps.check(awsRootConfig(listeners(httpListener()))))).toEqual([
      "compliant",
      "not_applicable",
    ]);
  });

  test("forwarding on HTTP is non-compliant", () => {
    const http = httpListener({
      default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.this.arn}" }],
    });
    expect(httpFinding(listeners(http))).toMatchObject({
      status: "non_compliant",
      message: expect.stringMatching(/"forward", not a redirect/),
    });
  });

  test("a redirect that keeps HTTP is non-compliant", () => {
    const http = httpListener({
      default_action: [{ type: "redirect", redirect: { port: "8080", status_code: "HTTP_301" } }],
    });
    expect(httpFinding(listeners(http)).status).toBe("non_compliant");
  });

  test("a listener without protocol is HTTP (the ALB default)", () => {
    const { protocol: _, ...http } = httpListener({
      default_action: [{ type: "fixed-response", fixed_response: { status_code: "200" } }],
    });
    expect(httpFinding(listeners(http)).status).toBe("non_compliant");
  });

  test("a forwarding listener rule on the HTTP listener bypasses its redirect", () => {
    const finding = httpFinding(
      listeners(httpListener(), { aws_lb_listener_rule: { plain: listenerRule("aws_lb_listener.http") } }),
    );
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain("aws_lb_listener_rule.plain");
  });

  test("a forwarding rule on the HTTPS listener does not count", () => {
    expect(
      httpFinding(
        listeners(httpListener(), { aws_lb_listener_rule: { forward: listenerRule("aws_lb_listener.https") } }),
      ).status,
    ).toBe("compliant");
  });

  test("a redirect protocol from a variable is not applicable", () => {
    const http = httpListener({
      default_action: [{ type: "redirect", redirect: { protocol: "${var.redirect_protocol}" } }],
    });
    expect(httpFinding(listeners(http))).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.redirect_protocol/),
    });
  });
});

describe("AWS_LB_TLS_1_2_POLICY", () => {
  const check = (https: JsonObject) => one(LbTls12Policy, { aws_lb_listener: { https } });

  test.each([
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
  ])("%s is compliant", (policy) => {
    expect(check(httpsListener({ ssl_policy: policy })).status).toBe("compliant");
  });

  test.each([
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-FS-1-1-2019-08",
    "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06",
  ])("%s accepts TLS older than 1.2: non-compliant", (policy) => {
    expect(isTls12Policy(policy)).toBe(false);
    expect(check(httpsListener({ ssl_policy: policy })).status).toBe("non_compliant");
  });

  test("no ssl_policy is non-compliant: AWS applies ELBSecurityPolicy-2016-08", () => {
    const { ssl_policy: _, ...https } = httpsListener();
    expect(check(https).message).toMatch(/ELBSecurityPolicy-2016-08/);
  });

  test("an NLB TLS listener is checked too", () => {
    expect(check({ protocol: "TLS", port: 443, ssl_policy: "ELBSecurityPolicy-2016-08" }).status).toBe("non_compliant");
  });

  test("an HTTP listener is not applicable", () => {
    expect(one(LbTls12Policy, { aws_lb_listener: { http: httpListener() } }).status).toBe("not_applicable");
  });

  test("a policy from a variable is not applicable", () => {
    expect(check(httpsListener({ ssl_policy: "${var.ssl_policy}" }))).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.ssl_policy/),
    });
  });
});

describe("AWS_LB_DROP_INVALID_HEADERS and AWS_LB_DESYNC_MITIGATION on other load balancer types", () => {
  test.each([LbDropInvalidHeaders, LbDesyncMitigation])("%s: a network load balancer is not applicable", (rule) => {
    expect(one(rule, { aws_lb: { this: { load_balancer_type: "network" } } }).status).toBe("not_applicable");
  });

  test("the aws_alb alias is read like aws_lb", () => {
    expect(
      one(LbDropInvalidHeaders, { aws_alb: { this: loadBalancer({ drop_invalid_header_fields: false }) } }).status,
    ).toBe("non_compliant");
  });
});

describe("AWS_LB_DESYNC_MITIGATION", () => {
  const check = (overrides: JsonObject) => one(LbDesyncMitigation, { aws_lb: { this: loadBalancer(overrides) } });

  test.each(["defensive", "strictest"])("%s is compliant", (mode) => {
    expect(check({ desync_mitigation_mode: mode }).status).toBe("compliant");
  });

  test("monitor is non-compliant", () => {
    expect(check({ desync_mitigation_mode: "monitor" }).status).toBe("non_compliant");
  });

  test("absent is compliant: the default is defensive", () => {
    const { desync_mitigation_mode: _, ...body } = loadBalancer();
    expect(one(LbDesyncMitigation, { aws_lb: { this: body } }).status).toBe("compliant");
  });

  test("from a variable is not applicable", () => {
    expect(check({ desync_mitigation_mode: "${var.desync_mode}" }).status).toBe("not_applicable");
  });
});

describe("AWS_LB_ACCESS_LOGS", () => {
  const check = (overrides: JsonObject) => one(LbAccessLogs, { aws_lb: { this: loadBalancer(overrides) } });

  test("enabled logs to a bucket are compliant", () => {
    expect(check({}).status).toBe("compliant");
  });

  test.each([
    ["no access_logs block", { access_logs: undefined }],
    ["enabled = false", { access_logs: { bucket: "logs", enabled: false } }],
    ["a bucket without enabled (the default is false)", { access_logs: { bucket: "logs" } }],
    ["an empty bucket", { access_logs: { bucket: "", enabled: true } }],
  ])("%s is non-compliant", (_name, overrides) => {
    expect(check(overrides).status).toBe("non_compliant");
  });

  test("enabled from a variable is not applicable", () => {
    expect(check({ access_logs: { bucket: "${var.bucket}", enabled: "${var.access_logs}" } })).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.access_logs/),
    });
  });
});

describe("AWS_LB_TARGET_GROUP_HEALTH_CHECK", () => {
  const check = (body: JsonObject) => one(LbTargetGroupHealthCheck, { aws_lb_target_group: { this: body } });

  test("an HTTP check with a path is compliant", () => {
    expect(check(targetGroup()).status).toBe("compliant");
  });

  test.each([
    ["no health_check block", targetGroup({}, null)],
    ["a disabled check", targetGroup({}, { enabled: false, path: "/" })],
    ["an HTTP check without a path", targetGroup({}, { matcher: "200" })],
  ])("%s is non-compliant", (_name, body) => {
    expect(check(body).status).toBe("non_compliant");
  });

  test("a TCP check needs no path", () => {
    expect(check(targetGroup({ protocol: "TCP" }, { interval: 10 })).status).toBe("compliant");
  });

  test("a Lambda target group is not applicable", () => {
    expect(check({ target_type: "lambda" }).status).toBe("not_applicable");
  });

  test("a path from a variable is not applicable", () => {
    expect(check(targetGroup({}, { path: "${var.health_path}" })).status).toBe("not_applicable");
  });
});

describe("AWS_ECS_READONLY_ROOT_FILESYSTEM", () => {
  test("every container read-only is compliant", () => {
    expect(one(EcsReadonlyRootFilesystem, withTask(taskDefinition())).status).toBe("compliant");
  });

  test.each([
    ["false", { readonlyRootFilesystem: false }],
    ["not set", { readonlyRootFilesystem: undefined }],
  ])("one container with readonlyRootFilesystem %s is non-compliant and named", (_name, overrides) => {
    const finding = one(
      EcsReadonlyRootFilesystem,
      withTask(taskDefinition([bootstrapContainer(), webContainer(overrides)])),
    );
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain('container "web"');
    expect(finding.message).not.toContain('container "bootstrap"');
  });

  test("an unquoted ${var.…} in the JSON string is not applicable and names the variable", () => {
    const definitions = JSON.stringify([webContainer()]).replace(
      '"readonlyRootFilesystem":true',
      '"readonlyRootFilesystem":${var.readonly_root_filesystem}',
    );
    const finding = one(
      EcsReadonlyRootFilesystem,
      withTask(taskDefinition([], { container_definitions: definitions })),
    );
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.readonly_root_filesystem/);
  });

  test("definitions computed by Terraform are not applicable", () => {
    const finding = one(
      EcsReadonlyRootFilesystem,
      withTask(taskDefinition([], { container_definitions: "${jsonencode(var.containers)}" })),
    );
    expect(finding).toMatchObject({ status: "not_applicable", message: expect.stringMatching(/var\.containers/) });
  });
});

describe("AWS_ECS_NOT_PRIVILEGED", () => {
  test("containers without privileged are compliant", () => {
    expect(one(EcsNotPrivileged, withTask(taskDefinition())).status).toBe("compliant");
  });

  test("a privileged container is non-compliant", () => {
    expect(one(EcsNotPrivileged, withTask(taskDefinition([webContainer({ privileged: true })]))).status).toBe(
      "non_compliant",
    );
  });

  test("privileged from a variable is not applicable", () => {
    expect(
      one(EcsNotPrivileged, withTask(taskDefinition([webContainer({ privileged: "${var.privileged}" })]))).status,
    ).toBe("not_applicable");
  });
});

describe("AWS_ECS_NO_SECRETS_IN_ENVIRONMENT", () => {
  const check = (environment: Record<string, unknown>) =>
    one(EcsNoSecretsInEnvironment, withTask(taskDefinition([webContainer({}, environment)])));

  test("secrets in `secrets` and plain settings in `environment` are compliant", () => {
    const finding = one(EcsNoSecretsInEnvironment, withTask(taskDefinition()));
    expect(finding.status).toBe("compliant");
    expect(finding.message).toContain("SECRET_KEY");
  });

  test.each([
    "SECRET_KEY",
    "POSTGRES_PASSWORD",
    "DJANGO_SUPERUSER_PASSWORD",
    "MATHESAR_DB_ADMIN_PASSWORD",
    "SSO_CONFIG_DICT",
    "GITHUB_TOKEN",
    "STRIPE_API_KEY",
    "AWS_SECRET_ACCESS_KEY",
  ])("%s in environment is non-compliant, even with a reference as value", (name) => {
    const finding = check({ [name]: "${aws_secretsmanager_secret_version.x.secret_string}" });
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain(name);
  });

  test.each([
    "POSTGRES_PASSWORD_FILE",
    "SECRET_KEY_ARN",
    "OIDC_TOKEN_ENDPOINT",
    "SSH_PUBLIC_KEY",
    "POSTGRES_USER",
    "ALLOWED_HOSTS",
  ])("%s is not a secret", (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  test("SECRET_KEY is never exempt", () => {
    expect(isSecretName("SECRET_KEY")).toBe(true);
  });

  test("an environment list from an expression is not applicable", () => {
    const definitions = '[{"name":"web","image":"mathesar/mathesar:0.11.0","environment":${var.environment}}]';
    expect(
      one(EcsNoSecretsInEnvironment, withTask(taskDefinition([], { container_definitions: definitions }))).status,
    ).toBe("not_applicable");
  });
});

describe("AWS_ECS_SEPARATE_TASK_ROLE", () => {
  const check = (overrides: JsonObject) => one(EcsSeparateTaskRole, withTask(taskDefinition(undefined, overrides)));

  test("two different roles are compliant", () => {
    expect(check({}).status).toBe("compliant");
  });

  test("no task role is compliant", () => {
    expect(check({ task_role_arn: undefined }).status).toBe("compliant");
  });

  test.each([
    ["the same attribute", { task_role_arn: "${aws_iam_role.execution.arn}" }],
    [
      "another attribute of the same role",
      { task_role_arn: "${aws_iam_role.execution.arn}", execution_role_arn: "${aws_iam_role.execution.id}" },
    ],
    [
      "the same literal ARN",
      { task_role_arn: "arn:aws:iam::123456789012:role/ecs", execution_role_arn: "arn:aws:iam::123456789012:role/ecs" },
    ],
    ["the same variable", { task_role_arn: "${var.role_arn}", execution_role_arn: "${var.role_arn}" }],
  ])("%s for both is non-compliant", (_name, overrides) => {
    expect(check(overrides).status).toBe("non_compliant");
  });

  test("two different variables are not applicable: they may hold the same role", () => {
    const finding = check({ task_role_arn: "${var.task_role_arn}", execution_role_arn: "${var.execution_role_arn}" });
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.task_role_arn/);
  });
});

describe("AWS_ECS_NO_PUBLIC_IP", () => {
  const check = (network: JsonObject) => one(EcsNoPublicIp, { aws_ecs_service: { this: ecsService(network) } });

  test("assign_public_ip = false is compliant", () => {
    expect(check({}).status).toBe("compliant");
  });

  test("assign_public_ip absent is compliant (the default is false)", () => {
    expect(check({ assign_public_ip: undefined }).status).toBe("compliant");
  });

  test("assign_public_ip = true is non-compliant", () => {
    expect(check({ assign_public_ip: true })).toMatchObject({
      status: "non_compliant",
      message: expect.stringMatching(/network_configuration\.assign_public_ip = true/),
    });
  });

  test("from a variable is not applicable", () => {
    expect(check({ assign_public_ip: "${var.public_ip}" }).status).toBe("not_applicable");
  });
});

describe("AWS_ECS_CONTAINER_INSIGHTS", () => {
  const check = (setting: JsonObject[]) =>
    one(EcsContainerInsights, { aws_ecs_cluster: { this: ecsCluster(setting) } });

  test.each(["enabled", "enhanced"])("%s is compliant", (value) => {
    expect(check([{ name: "containerInsights", value }]).status).toBe("compliant");
  });

  test.each([
    ["disabled", [{ name: "containerInsights", value: "disabled" }]],
    ["no setting", []],
  ])("%s is non-compliant", (_name, setting) => {
    expect(check(setting).status).toBe("non_compliant");
  });

  test("a value from a variable is not applicable", () => {
    expect(check([{ name: "containerInsights", value: "${var.insights}" }]).status).toBe("not_applicable");
  });
});

describe("AWS_LOG_GROUP_RETENTION", () => {
  const check = (retention: unknown) =>
    one(LogGroupRetention, {
      aws_cloudwatch_log_group: { this: { name: "/ecs/mathesar", retention_in_days: retention } },
    });

  test.each([365, 731, "3653"])("%p days is compliant", (days) => {
    expect(check(days).status).toBe("compliant");
  });

  test.each([
    ["14 days", 14],
    ["0 (never expire, no retention)", 0],
    ["not set", undefined],
  ])("%s is non-compliant", (_name, days) => {
    expect(check(days).status).toBe("non_compliant");
  });

  test("from a variable is not applicable", () => {
    expect(check("${var.log_retention_days}")).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.log_retention_days/),
    });
  });
});

describe("AWS_VPC_FLOW_LOGS", () => {
  test("a flow log on the VPC is compliant", () => {
    const finding = one(VpcFlowLogs, {
      aws_vpc: { this: {} },
      aws_flow_log: { this: { vpc_id: "${aws_vpc.this.id}" } },
    });
    expect(finding).toMatchObject({ address: "aws_vpc.this", status: "compliant" });
  });

  test("a VPC without one is non-compliant, even when another VPC has one", () => {
    const findings = VpcFlowLogs.check(
      awsRootConfig({ aws_vpc: { this: {}, this_2: {} }, aws_flow_log: { this: { vpc_id: "${aws_vpc.this_2.id}" } } }),
    );
    expect(findings.map((f) => [f.address, f.status])).toEqual([
      ["aws_vpc.this", "non_compliant"],
      ["aws_vpc.this_2", "compliant"],
    ]);
  });
});

describe("AWS_SECRET_NOT_IN_STATE", () => {
  const check = (overrides: JsonObject) =>
    one(SecretNotInState, { aws_secretsmanager_secret_version: { this: secretVersion(overrides) } });

  test("secret_string_wo is compliant", () => {
    expect(check({}).status).toBe("compliant");
  });

  test.each([
    ["a literal secret_string", { secret_string_wo: undefined, secret_string: "hunter2-hunter2" }],
    [
      "a secret_string from random_password",
      { secret_string_wo: undefined, secret_string: "${random_password.secret_key.result}" },
    ],
    [
      "a JSON secret_string built from resources",
      { secret_string_wo: undefined, secret_string: '${jsonencode({"password" = random_password.db.result})}' },
    ],
  ])("%s is non-compliant", (_name, overrides) => {
    expect(check(overrides).status).toBe("non_compliant");
  });

  test("a secret_string from a variable (maybe null) is not applicable", () => {
    expect(check({ secret_string_wo: undefined, secret_string: "${var.secret}" })).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.secret/),
    });
  });
});

describe("cross-cloud Mathesar rules over ECS task definitions", () => {
  const check = (rule: PolicyRule, containers: JsonObject[]) =>
    rule.check(awsRootConfig(withTask(taskDefinition(containers))));

  describe("MATHESAR_PINNED_IMAGE", () => {
    test("pinned images are compliant, one finding per container", () => {
      const findings = check(PinnedImage, [bootstrapContainer(), webContainer()]);
      expect(findings.map((f) => [f.address, f.status])).toEqual([
        [TASK, "compliant"],
        [TASK, "compliant"],
      ]);
      expect(findings[1].message).toContain('container "web"');
    });

    test.each(["mathesar/mathesar:latest", "mathesar/mathesar", "${var.repository}:latest"])(
      "%s is non-compliant",
      (image) => {
        expect(statuses(check(PinnedImage, [webContainer({ image })]))).toEqual(["non_compliant"]);
      },
    );

    test("a tag from a variable is not applicable and names it", () => {
      const finding = only(check(PinnedImage, [webContainer({ image: "mathesar/mathesar:${var.mathesar_version}" })]));
      expect(finding).toMatchObject({
        status: "not_applicable",
        message: expect.stringMatching(/var\.mathesar_version/),
      });
    });
  });

  describe("MATHESAR_POSTGRES_CONNECTION_SET", () => {
    test("literal values, resource attributes and secrets all count as set", () => {
      const web = webContainer(
        {},
        { POSTGRES_USER: undefined },
        { POSTGRES_USER: "${aws_secretsmanager_secret.database_app.arn}:username::" },
      );
      expect(statuses(check(PostgresConnectionSet, [bootstrapContainer(), web]))).toEqual(["compliant", "compliant"]);
    });

    test.each(["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"])("a missing %s is non-compliant", (name) => {
      const finding = only(check(PostgresConnectionSet, [webContainer({}, { [name]: undefined })]));
      expect(finding.status).toBe("non_compliant");
      expect(finding.message).toContain(`${name} is not set`);
    });

    test("an empty POSTGRES_HOST is non-compliant", () => {
      expect(only(check(PostgresConnectionSet, [webContainer({}, { POSTGRES_HOST: "" })])).status).toBe(
        "non_compliant",
      );
    });

    test("a value from a variable is not applicable", () => {
      expect(
        only(check(PostgresConnectionSet, [webContainer({}, { POSTGRES_DB: "${var.database_name}" })])).status,
      ).toBe("not_applicable");
    });

    test("a container that does not run Mathesar is not applicable", () => {
      expect(only(check(PostgresConnectionSet, [{ name: "proxy", image: "nginx:1.27" }])).status).toBe(
        "not_applicable",
      );
    });
  });

  describe("MATHESAR_POSTGRES_SSL_REQUIRED", () => {
    test("require against aws_db_instance is compliant", () => {
      expect(statuses(check(PostgresSslRequired, [bootstrapContainer(), webContainer()]))).toEqual([
        "compliant",
        "compliant",
      ]);
    });

    test.each([
      ["prefer", "prefer"],
      ["unset", undefined],
    ])("sslmode %s against aws_db_instance is non-compliant", (_name, sslMode) => {
      const finding = only(check(PostgresSslRequired, [webContainer({}, { POSTGRES_SSLMODE: sslMode })]));
      expect(finding.status).toBe("non_compliant");
      expect(finding.message).toContain('container "web"');
    });

    test("an Aurora cluster endpoint is a managed database too", () => {
      const web = webContainer({}, { POSTGRES_HOST: "${aws_rds_cluster.this.endpoint}", POSTGRES_SSLMODE: "disable" });
      expect(only(check(PostgresSslRequired, [web])).status).toBe("non_compliant");
    });

    test("a host outside the configuration is not applicable", () => {
      expect(
        only(
          check(PostgresSslRequired, [
            webContainer({}, { POSTGRES_HOST: "db.internal.example.org", POSTGRES_SSLMODE: "prefer" }),
          ]),
        ).status,
      ).toBe("not_applicable");
    });

    test("a host from a secret is not applicable", () => {
      const web = webContainer(
        {},
        { POSTGRES_HOST: undefined, POSTGRES_SSLMODE: undefined },
        { POSTGRES_HOST: "${var.host_secret_arn}" },
      );
      expect(only(check(PostgresSslRequired, [web])).status).toBe("not_applicable");
    });
  });

  describe("MATHESAR_NO_CLAIMABLE_SETUP", () => {
    test("a bootstrap container creating a named admin, with web waiting for it, is compliant", () => {
      const finding = only(check(NoClaimableSetup, [bootstrapContainer(), webContainer()]));
      expect(finding).toMatchObject({ address: TASK, status: "compliant" });
      expect(finding.message).toContain('"admin"');
    });

    test("no bootstrap container is non-compliant", () => {
      const finding = only(check(NoClaimableSetup, [webContainer({ dependsOn: undefined })]));
      expect(finding.status).toBe("non_compliant");
      expect(finding.message).toContain("/complete_installation/");
    });

    test("an empty admin username (admin turned off) is non-compliant", () => {
      expect(
        only(check(NoClaimableSetup, [bootstrapContainer({}, { DJANGO_SUPERUSER_USERNAME: "" }), webContainer()]))
          .status,
      ).toBe("non_compliant");
    });

    test("an admin password in environment instead of secrets is non-compliant", () => {
      const bootstrap = bootstrapContainer(
        {},
        { DJANGO_SUPERUSER_PASSWORD: "${var.admin_password}" },
        { DJANGO_SUPERUSER_PASSWORD: undefined },
      );
      const finding = only(check(NoClaimableSetup, [bootstrap, webContainer()]));
      expect(finding.status).toBe("non_compliant");
      expect(finding.message).toContain("not secrets");
    });

    test.each([
      ["does not wait for the bootstrap", { dependsOn: undefined }],
      [
        "waits only for it to complete, even when it fails",
        { dependsOn: [{ containerName: "bootstrap", condition: "COMPLETE" }] },
      ],
    ])("a web container that %s is non-compliant", (_name, overrides) => {
      const finding = only(check(NoClaimableSetup, [bootstrapContainer(), webContainer(overrides)]));
      expect(finding.status).toBe("non_compliant");
      expect(finding.message).toContain('container "web"');
    });

    test("a username from variables is not applicable and names them", () => {
      const bootstrap = bootstrapContainer(
        {},
        { DJANGO_SUPERUSER_USERNAME: '${var.admin_enabled ? var.admin_username : ""}' },
      );
      const finding = only(check(NoClaimableSetup, [bootstrap, webContainer()]));
      expect(finding.status).toBe("not_applicable");
      expect(finding.message).toMatch(/var\.admin_enabled, var\.admin_username/);
    });

    test("a task that does not run Mathesar is not applicable", () => {
      expect(only(check(NoClaimableSetup, [{ name: "proxy", image: "nginx:1.27" }])).status).toBe("not_applicable");
    });
  });
});
