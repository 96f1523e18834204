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

function plan(vars: Record<string, string>): { ok: boolean; output: string } {
  const args = ["plan", "-input=false", "-refresh=false", "-no-color", "-lock=false", "-var", "domain_name=mathesar.example.org"];
  for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
  const result = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" } });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ") };
}

const existingDb = (fields: string) => `{ host = "db.example.org"${fields} }`;
const secret = ', password_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"';

describeWithTool("terraform", hasTool("terraform", ["version"]), "Terraform validation of terraform-aws-mathesar inputs", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-aws-vars-"));
    fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: renderAwsModule().modules[""].variable }));
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, encoding: "utf8" });
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
    });
    expect(result.output).not.toMatch(/Error/);
  });

  const bad: Array<[string, Record<string, string>, string]> = [
    ["no domain", { domain_name: "" }, 'Invalid domain_name "": must be a lowercase DNS host name'],
    ["malformed VPC CIDR", { vpc_cidr: "10.0.0.0/33" }, 'Invalid vpc_cidr "10.0.0.0/33": must be an IPv4 CIDR block from /16 to /22'],
    ["subnets all in one zone", { availability_zones: '["us-east-1a", "us-east-1a"]' }, "Invalid availability_zones: must list 2 to 4 distinct availability zone names"],
    ["unknown size", { size: "xl" }, 'Invalid size "xl": must be one of "small", "medium", "large".'],
    ["SSO required without a configuration", { require_sso_login: "true" }, "Invalid require_sso_login true without an SSO configuration"],
    ["latest", { mathesar_version: "latest" }, 'Invalid mathesar_version "latest"'],
    ["zone id malformed", { route53_zone_id: "zone-1" }, 'Invalid route53_zone_id "zone-1": must be a Route 53 hosted zone id'],
    ["existing database without a secret", { existing_database: existingDb("") }, 'attribute "password_secret_arn" is required'],
    ["existing database with a plain password", { existing_database: existingDb(', password_secret_arn = "hunter2"') }, "Invalid existing_database.password_secret_arn"],
    ["existing database without host", { existing_database: `{ host = ""${secret} }` }, "Invalid existing_database.host"],
    ["VPC endpoints with Docker Hub", { egress: "vpc_endpoints" }, 'Invalid image_repository with egress "vpc_endpoints"'],
    ["backups under a week", { backup_retention_days: "3" }, "Invalid backup_retention_days 3: must be a whole number from 7 to 35"],
    ["malformed allowed CIDR", { allowed_cidrs: '["10.0.0.0"]' }, "Invalid allowed_cidrs: every entry must be an IPv4 CIDR block"],
    ["unsupported log retention", { log_retention_days: "42" }, "Invalid log_retention_days 42: must be one of CloudWatch's retention values"],
    ["no access-log retention", { access_log_retention_days: "0" }, "Invalid access_log_retention_days 0: must be a whole number from 1 to 3650 days."],
    ["too little storage", { database_allocated_storage: "5" }, "Invalid database_allocated_storage 5: must be a whole number from 20 to 65536 GiB."],
    ["a malformed existing VPC id", { existing_vpc: '{ vpc_id = "my-vpc", vpc_cidr = "10.0.0.0/16", public_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"], private_subnet_ids = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"] }' }, "Invalid existing_vpc: vpc_id must be"],
    ["an existing database on port 0", { existing_database: existingDb(`${secret}, port = 0`) }, "Invalid existing_database.port: must be a whole number from 1 to 65535"],
    ["a malformed database security group", { existing_database: existingDb(`${secret}, security_group_id = "db-sg"`) }, "Invalid existing_database.security_group_id: must be null or an id such as sg-"],
    ["existing VPC with one private subnet", { existing_vpc: '{ vpc_id = "vpc-0123456789abcdef0", vpc_cidr = "10.0.0.0/16", public_subnet_ids = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"], private_subnet_ids = ["subnet-0cccccccccccccccc"] }' }, "Invalid existing_vpc.private_subnet_ids"],
    ["internet-facing without public subnets", { existing_vpc: '{ vpc_id = "vpc-0123456789abcdef0", vpc_cidr = "10.0.0.0/16", private_subnet_ids = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"] }' }, "Invalid existing_vpc.public_subnet_ids"],
  ];

  test.each(bad)("refuses %s", (_what, vars, message) => {
    const result = plan(vars);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(message);
  });
});
