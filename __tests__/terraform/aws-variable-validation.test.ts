/**
 * terraform-aws-mathesar's `validation` blocks, evaluated by Terraform itself over the root module's
 * variables alone (no provider needed): the bad inputs the TypeScript construct refuses are refused by
 * `terraform plan` too.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderAwsModule } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";

let dir: string;
const rootVariables = renderAwsModule().modules[""].variable as Record<
  string,
  { default?: unknown; nullable?: boolean; sensitive?: boolean }
>;
const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };

/** A plan with `-var` values; `nulls` are passed as real nulls (a `-var x=null` on a string is the text "null"). */
function plan(vars: Record<string, string>, out?: string, nulls: string[] = []): { ok: boolean; output: string } {
  fs.writeFileSync(
    path.join(dir, "nulls.tfvars.json"),
    JSON.stringify(Object.fromEntries(nulls.map((name) => [name, null]))),
  );
  const args = [
    "plan",
    "-input=false",
    "-refresh=false",
    "-no-color",
    "-lock=false",
    ...(out ? [`-out=${out}`] : []),
    "-var",
    "domain_name=mathesar.example.org",
    "-var-file=nulls.tfvars.json",
  ];
  for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
  const result = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ") };
}

/** The value each variable ends up with, read from outputs that echo every variable. */
function effectiveValues(nulls: string[]): Record<string, unknown> {
  const result = plan({}, "values.plan", nulls);
  if (!result.ok) throw new Error(result.output);
  const shown = spawnSync("terraform", ["show", "-json", "values.plan"], { cwd: dir, encoding: "utf8", env });
  const outputs = (JSON.parse(shown.stdout) as { planned_values: { outputs: Record<string, { value: unknown }> } })
    .planned_values.outputs;
  return Object.fromEntries(Object.entries(outputs).map(([name, { value }]) => [name, value]));
}

/** An HCL object from default fields, `override` ("key = value") replacing or adding one. */
const hclObject = (defaults: Record<string, string>, override = "") => {
  const fields = { ...defaults };
  if (override) {
    const [key, value] = override.split(" = ");
    fields[key] = value;
  }
  return `{ ${Object.entries(fields)
    .map(([k, v]) => `${k} = ${v}`)
    .join(", ")} }`;
};
const vpc = (override = "") =>
  hclObject(
    {
      vpc_id: '"vpc-0123456789abcdef0"',
      vpc_cidr: '"10.0.0.0/16"',
      public_subnet_ids: '["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"]',
      private_subnet_ids: '["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]',
    },
    override,
  );
const oidc = (override: string) =>
  hclObject(
    {
      issuer: '"https://idp.example.org"',
      authorization_endpoint: '"https://idp.example.org/authorize"',
      token_endpoint: '"https://idp.example.org/token"',
      user_info_endpoint: '"https://idp.example.org/userinfo"',
      client_id: '"mathesar"',
      client_secret: '"client-secret"',
    },
    override,
  );
const existingDb = (fields: string) => `{ host = "db.example.org"${fields} }`;
const secret = ', password_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"';

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform validation of terraform-aws-mathesar inputs",
  () => {
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-aws-vars-"));
      fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: rootVariables }));
      // Every variable echoed as an output, so a test can read the value Terraform settled on.
      const output = Object.fromEntries(
        Object.entries(rootVariables).map(([name, spec]) => [
          name,
          { value: `\${var.${name}}`, sensitive: spec.sensitive },
        ]),
      );
      fs.writeFileSync(path.join(dir, "echo.tf.json"), JSON.stringify({ output }));
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: dir,
        encoding: "utf8",
        env,
      });
      if (init.status !== 0) throw new Error(init.stderr);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the defaults with a domain pass", () => {
      const result = plan({});
      expect(result.output).not.toMatch(/Error/);
      expect(result.ok).toBe(true);
    });

    test("a complete valid configuration passes", () => {
      const result = plan({
        size: "large",
        availability_zones: '["us-east-1a", "us-east-1b", "us-east-1c"]',
        egress: "vpc_endpoints",
        image_repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar",
        route53_zone_id: "Z0123456789ABCDEFGHIJ",
        allowed_cidrs: '["10.0.0.0/8"]',
        existing_database: existingDb(secret),
        alb_oidc: oidc(""),
        certificate_arn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        waf_web_acl_arn:
          "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/mathesar/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      });
      expect(result.output).not.toMatch(/Error/);
      const internalExisting = plan({
        internal: "true",
        existing_vpc: vpc("public_subnet_ids = null"),
        allowed_cidrs: '["10.0.0.0/8"]',
      });
      expect(internalExisting.output).not.toMatch(/Error/);
      expect(plan({ database_instance_class: "db.t4g.small", backup_retention_days: "14" }).output).not.toMatch(
        /Error/,
      );
      expect(result.output).not.toMatch(/Error/);
    });

    describe("null inputs", () => {
      // Null means "unset" only where the module documents what unset does; everywhere else it is the default.
      const NULL_MEANS_UNSET = [
        "alb_oidc",
        "allowed_cidrs",
        "availability_zones",
        "certificate_arn",
        "database_allocated_storage",
        "database_ca_certificate",
        "database_high_availability",
        "database_instance_class",
        "existing_database",
        "existing_vpc",
        "kms_key_arn",
        "route53_zone_id",
        "sso_config_secret_arn",
        "waf_web_acl_arn",
      ];

      test("only the variables whose null is documented as 'unset' accept null, and their default is null", () => {
        const nullable = Object.entries(rootVariables)
          .filter(([, spec]) => spec.nullable !== false)
          .map(([name]) => name);
        expect(nullable.sort()).toEqual(NULL_MEANS_UNSET);
        for (const name of nullable) expect(rootVariables[name].default ?? null).toBeNull();
      });

      test("null for every other variable with a default gives that default (deletion protection stays on)", () => {
        const withDefault = Object.entries(rootVariables).filter(
          ([name, spec]) => !NULL_MEANS_UNSET.includes(name) && spec.default !== undefined,
        );
        expect(withDefault.length).toBeGreaterThan(15);
        const values = effectiveValues(withDefault.map(([name]) => name));
        for (const [name, spec] of withDefault) expect([name, values[name]]).toEqual([name, spec.default]);
        expect(values.deletion_protection).toBe(true);
        expect(values.load_balancer_deletion_protection).toBe(true);
      });

      test("in every submodule, a variable with a non-null default refuses null (the default applies)", () => {
        for (const [module, { variable }] of Object.entries(renderAwsModule().modules)) {
          for (const [name, spec] of Object.entries(variable as typeof rootVariables)) {
            if (spec.default !== undefined && spec.default !== null)
              expect([module, name, spec.nullable]).toEqual([module, name, false]);
          }
        }
        const database = renderAwsModule().modules["modules/database"].variable as typeof rootVariables;
        expect(database.deletion_protection).toMatchObject({ default: true, nullable: false });
      });

      test("null for a variable without a default (domain_name) is refused", () => {
        const result = plan({}, undefined, ["domain_name"]);
        expect(result.ok).toBe(false);
        expect(result.output).toMatch(/Required variable not set.*domain_name|domain_name.*required/);
      });
    });

    const bad: Array<[string, Record<string, string>, string]> = [
      ["no domain", { domain_name: "" }, 'Invalid domain_name "": must be a lowercase DNS host name'],
      [
        "malformed VPC CIDR",
        { vpc_cidr: "10.0.0.0/33" },
        'Invalid vpc_cidr "10.0.0.0/33": must be an IPv4 network from /16 to /22',
      ],
      [
        "subnets all in one zone",
        { availability_zones: '["us-east-1a", "us-east-1a"]' },
        "must be a list of 2 to 4 availability zone names, none repeated",
      ],
      ["unknown size", { size: "xl" }, 'Invalid size "xl": must be one of "small", "medium", "large".'],
      [
        "SSO required without a configuration",
        { require_sso_login: "true" },
        "Invalid require_sso_login true without sso_config_secret_arn",
      ],
      ["latest", { mathesar_version: "latest" }, 'Invalid mathesar_version "latest"'],
      [
        "zone id malformed",
        { route53_zone_id: "zone-1" },
        'Invalid route53_zone_id "zone-1": must be a Route 53 hosted zone id',
      ],
      [
        "existing database without a secret",
        { existing_database: existingDb("") },
        'attribute "password_secret_arn" is required',
      ],
      [
        "existing database with a plain password",
        { existing_database: existingDb(', password_secret_arn = "hunter2"') },
        "Invalid existing_database.password_secret_arn",
      ],
      [
        "existing database without host",
        { existing_database: `{ host = ""${secret} }` },
        "Invalid existing_database.host",
      ],
      [
        "VPC endpoints with Docker Hub",
        { egress: "vpc_endpoints" },
        'Invalid image_repository with egress "vpc_endpoints"',
      ],
      [
        "backups under a week",
        { backup_retention_days: "3" },
        "Invalid backup_retention_days 3: must be a whole number from 7 to 35",
      ],
      [
        "malformed allowed CIDR",
        { allowed_cidrs: '["10.0.0.0"]' },
        "must be a non-empty list of networks, none repeated, each an IPv4 network in CIDR notation",
      ],
      [
        "unsupported log retention",
        { log_retention_days: "42" },
        "Invalid log_retention_days 42: must be one of CloudWatch's retention values",
      ],
      [
        "no access-log retention",
        { access_log_retention_days: "0" },
        "Invalid access_log_retention_days 0: must be a whole number from 1 to 3650 days.",
      ],
      [
        "too little storage",
        { database_allocated_storage: "5" },
        "Invalid database_allocated_storage 5: must be a whole number from 20 to 65536 GiB.",
      ],
      [
        "a malformed existing VPC id",
        {
          existing_vpc:
            '{ vpc_id = "my-vpc", vpc_cidr = "10.0.0.0/16", public_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", ' +
            '"subnet-0bbbbbbbbbbbbbbbb"], private_subnet_ids = ["subnet-0cccccccccccccccc", ' +
            '"subnet-0dddddddddddddddd"] }',
        },
        "Invalid existing_vpc: vpc_id must be",
      ],
      [
        "an existing database on port 0",
        { existing_database: existingDb(`${secret}, port = 0`) },
        "Invalid existing_database.port: must be a whole number from 1 to 65535",
      ],
      [
        "a malformed database security group",
        { existing_database: existingDb(`${secret}, security_group_id = "db-sg"`) },
        "Invalid existing_database.security_group_id: must be null or an id such as sg-",
      ],
      [
        "existing VPC with one private subnet",
        {
          existing_vpc:
            '{ vpc_id = "vpc-0123456789abcdef0", vpc_cidr = "10.0.0.0/16", public_subnet_ids = ' +
            '["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"], private_subnet_ids = ' +
            '["subnet-0cccccccccccccccc"] }',
        },
        "Invalid existing_vpc.private_subnet_ids",
      ],
      // Found by the review (issue 8): each passed `plan` before.
      [
        "duplicate subnet ids",
        { existing_vpc: vpc('private_subnet_ids = ["subnet-0cccccccccccccccc", "subnet-0cccccccccccccccc"]') },
        "Invalid existing_vpc: the subnet lists must not repeat an id",
      ],
      [
        "public subnets equal to private subnets",
        { existing_vpc: vpc('public_subnet_ids = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"]') },
        "Invalid existing_vpc.public_subnet_ids: must not be private or database subnets",
      ],
      [
        "new-VPC settings beside an existing VPC",
        { existing_vpc: vpc(), egress: "nat_gateway_per_az" },
        "Invalid existing_vpc with vpc_cidr, availability_zones, egress, flow_log_retention_days",
      ],
      [
        "public subnets beside an internal load balancer",
        { existing_vpc: vpc(), internal: "true" },
        "Invalid existing_vpc.public_subnet_ids with internal true",
      ],
      [
        "RDS settings beside an existing database",
        { existing_database: existingDb(secret), database_instance_class: "db.t4g.large" },
        "Invalid existing_database with database_version, database_instance_class",
      ],
      [
        "backup retention beside an existing database",
        { existing_database: existingDb(secret), backup_retention_days: "14" },
        "Invalid existing_database with database_version, database_instance_class",
      ],
      [
        "an S3 ARN as certificate_arn",
        { certificate_arn: "arn:aws:s3:::my-bucket" },
        'Invalid certificate_arn "arn:aws:s3:::my-bucket": must be an ACM certificate ARN such as arn:aws:acm:',
      ],
      [
        "a CLOUDFRONT-scope WAF ACL",
        {
          waf_web_acl_arn:
            "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        },
        "must be a REGIONAL WAFv2 web ACL ARN",
      ],
      [
        "db.t2.micro with PostgreSQL 17",
        { database_instance_class: "db.t2.micro" },
        'Invalid database_instance_class "db.t2.micro": must be an RDS instance class of a current generation',
      ],
      [
        "no allowed networks",
        { allowed_cidrs: "[]" },
        "Invalid allowed_cidrs []: must be a non-empty list of networks",
      ],
      [
        "an internal load balancer open to 0.0.0.0/0",
        { internal: "true", allowed_cidrs: '["0.0.0.0/0"]' },
        "with internal true: an internal load balancer open to 0.0.0.0/0",
      ],
      [
        "duplicate allowed networks",
        { allowed_cidrs: '["10.0.0.0/8", "10.0.0.0/8"]' },
        "must be a non-empty list of networks, none repeated",
      ],
      [
        "an OIDC endpoint over http",
        { alb_oidc: oidc('token_endpoint = "http://idp.example.org/token"') },
        "Invalid alb_oidc: issuer, authorization_endpoint, token_endpoint and user_info_endpoint must be https:// URLs",
      ],
      [
        "an empty OIDC client id",
        { alb_oidc: oidc('client_id = ""') },
        "Invalid alb_oidc: client_id and client_secret must be set",
      ],
      [
        "two hyphens in a row in the name",
        { name: "math--esar" },
        'Invalid name "math--esar": must be 2 to 27 lowercase letters, digits or hyphens, starting with a ' +
          "letter and not ending with a hyphen (IAM role name prefixes: 38 characters with -execution-), " +
          "without two hyphens in a row",
      ],
      [
        "a VPC CIDR with host bits",
        { vpc_cidr: "10.0.0.1/16" },
        'Invalid vpc_cidr "10.0.0.1/16": must be an IPv4 network from /16 to /22',
      ],
      [
        "an allowed CIDR with host bits",
        { allowed_cidrs: '["192.168.1.1/24"]' },
        "must be a non-empty list of networks, none repeated, each an IPv4 network in CIDR notation",
      ],
      [
        "an existing VPC CIDR with host bits",
        { existing_vpc: vpc('vpc_cidr = "10.0.0.1/16"') },
        "Invalid existing_vpc.vpc_cidr: must be an IPv4 network in CIDR notation",
      ],
      [
        "a KMS alias instead of a key",
        { kms_key_arn: "arn:aws:kms:us-east-1:123456789012:alias/mathesar" },
        'Invalid kms_key_arn "arn:aws:kms:us-east-1:123456789012:alias/mathesar": must be a KMS key ARN',
      ],
      [
        "internet-facing without public subnets",
        {
          existing_vpc:
            '{ vpc_id = "vpc-0123456789abcdef0", vpc_cidr = "10.0.0.0/16", private_subnet_ids = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"] }',
        },
        "Invalid existing_vpc.public_subnet_ids",
      ],
    ];

    test.each(bad)("refuses %s", (_what, vars, message) => {
      const result = plan(vars);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(message);
    });
  },
);
