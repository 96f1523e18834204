/**
 * The AWS configurations, checked by Terraform itself against the real hashicorp/aws provider (5.100.0, from
 * this machine's mirror): `init` + `validate` + an offline `plan` for the deployable stack over a matrix of
 * inputs and for every example of dist/terraform-aws-mathesar, with assertions over `terraform show -json`.
 * A mock on 127.0.0.1 answers the two read calls a plan makes. Timings are printed for the closing note.
 */
import * as fs from "fs";
import * as path from "path";
import { DIST } from "../support/dist-modules";
import { renderAwsModule, synthAws, synthAwsWith, type TerraformJson } from "../support/synth";
import {
  AwsMock,
  MOCK_RANDOM_PASSWORD,
  PlanJson,
  TerraformWorkspace,
  awsProviderMirror,
  countByType,
  planned,
  resourcesDependingOn,
} from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarOnAws, type MathesarOnAwsProps } from "../../modules/aws";

const mirror = awsProviderMirror();
const mock = new AwsMock();
const timings: string[] = [];
const workspaces: TerraformWorkspace[] = [];

function planConfig(label: string, config: TerraformJson): { plan: PlanJson; raw: string } {
  const ws = new TerraformWorkspace(mirror!, label);
  workspaces.push(ws);
  // Plans need no state: drop the deployable stack's local backend (its path points outside the workspace).
  const { backend: _backend, ...terraform } = config.terraform ?? {};
  ws.write("main.tf.json", JSON.stringify({ ...config, terraform }));
  ws.write("mock_override.tf.json", mock.providerOverride());
  const result = ws.planJson();
  timings.push(
    `${label}: ${Object.entries(result.timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(", ")}`,
  );
  return result;
}

const deploy = (label: string, props: Partial<MathesarOnAwsProps> = {}) => planConfig(label, synthAws(props));

function secretsStayOutOfThePlan(raw: string): void {
  // The mock hands out one recognisable password for every generated secret.
  expect(mock.requests).toContain("secretsmanager.GetRandomPassword");
  expect(raw).not.toContain(MOCK_RANDOM_PASSWORD);
}

describeWithTool(
  `terraform with the hashicorp/aws ${"5.100.0"} provider mirror`,
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "AWS configurations planned by Terraform",
  () => {
    beforeAll(() => mock.start());
    afterAll(async () => {
      await mock.stop();
      for (const ws of workspaces) ws.dispose();

      console.log(`Terraform timings (init, validate, plan per scenario):\n  ${timings.join("\n  ")}`);
    });

    describe("deployable stack, defaults", () => {
      let plan: PlanJson;
      let raw: string;
      beforeAll(() => ({ plan, raw } = deploy("default")));

      test("plans the whole deployment: network, database, service, edge", () => {
        expect(countByType(plan)).toMatchObject({
          aws_vpc: 1,
          aws_subnet: 6,
          aws_nat_gateway: 1,
          aws_flow_log: 1,
          aws_db_instance: 1,
          aws_ecs_service: 1,
          aws_ecs_task_definition: 1,
          aws_lb: 1,
          aws_lb_listener: 2,
          aws_acm_certificate: 1,
          aws_secretsmanager_secret: 3,
          terraform_data: 1,
        });
        expect(countByType(plan).aws_route53_record).toBeUndefined();
      });

      test("keeps every generated secret out of the plan (ephemeral + write-only)", () => {
        secretsStayOutOfThePlan(raw);
        for (const version of planned(plan, "aws_secretsmanager_secret_version")) {
          expect(version.secret_string ?? null).toBeNull();
          expect(version.secret_string_wo_version).toBe(1);
        }
        expect(planned(plan, "aws_db_instance")[0].password ?? null).toBeNull();
        expect(planned(plan, "aws_db_instance")[0].manage_master_user_password).toBe(true);
      });

      test("the database is private, encrypted, backed up, protected and TLS-only", () => {
        const [db] = planned(plan, "aws_db_instance");
        expect(db).toMatchObject({
          publicly_accessible: false,
          storage_encrypted: true,
          deletion_protection: true,
          skip_final_snapshot: false,
          backup_retention_period: 7,
          performance_insights_enabled: true,
          multi_az: false,
          auto_minor_version_upgrade: true,
        });
        const [parameters] = planned(plan, "aws_db_parameter_group");
        expect(parameters.parameter).toEqual(
          expect.arrayContaining([expect.objectContaining({ name: "rds.force_ssl", value: "1" })]),
        );
      });

      test("the service runs without public IPs, with a circuit breaker, behind the load balancer", () => {
        const [service] = planned(plan, "aws_ecs_service");
        expect(service.network_configuration).toEqual([expect.objectContaining({ assign_public_ip: false })]);
        expect(service.deployment_circuit_breaker).toEqual([{ enable: true, rollback: true }]);
        // The container definitions embed secret ARNs, known only after apply; their content is unit-tested.
        const [task] = planned(plan, "aws_ecs_task_definition");
        expect(task).toMatchObject({
          network_mode: "awsvpc",
          requires_compatibilities: ["FARGATE"],
          cpu: "512",
          memory: "1024",
        });
        expect(task.volume).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ name: "static" }),
            expect.objectContaining({ name: "media" }),
          ]),
        );
        expect(planned(plan, "aws_ecs_cluster")[0].setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
      });

      test("the edge redirects HTTP, uses the TLS policy and drops invalid headers", () => {
        const listeners = planned(plan, "aws_lb_listener");
        const http = listeners.find((l) => l.port === 80)!;
        const https = listeners.find((l) => l.port === 443)!;
        expect(http.default_action).toEqual([expect.objectContaining({ type: "redirect" })]);
        expect(https.ssl_policy).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
        expect(planned(plan, "aws_lb")[0]).toMatchObject({
          drop_invalid_header_fields: true,
          desync_mitigation_mode: "defensive",
          enable_deletion_protection: true,
          internal: false,
        });
      });
    });

    const matrix: Array<[string, Partial<MathesarOnAwsProps>, (plan: PlanJson) => void]> = [
      ["internal load balancer", { internal: true }, (plan) => expect(planned(plan, "aws_lb")[0].internal).toBe(true)],
      [
        "a Route 53 zone",
        { route53ZoneId: "Z0123456789ABCDEFGHIJ" },
        (plan) => {
          expect(countByType(plan).aws_route53_record).toBe(2);
          expect(planned(plan, "aws_route53_record").map((r) => r.type)).toContain("A");
        },
      ],
      [
        "high availability",
        { database: { managed: { highAvailability: true } } },
        (plan) => expect(planned(plan, "aws_db_instance")[0].multi_az).toBe(true),
      ],
      [
        "NAT gateway per zone",
        { network: { egress: "nat_gateway_per_az" } },
        (plan) => expect(countByType(plan).aws_nat_gateway).toBe(2),
      ],
      [
        "VPC endpoints and an ECR image",
        {
          network: { egress: "vpc_endpoints" },
          imageRepository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar",
        },
        (plan) => {
          expect(countByType(plan).aws_nat_gateway).toBeUndefined();
          expect(countByType(plan).aws_vpc_endpoint).toBe(5);
        },
      ],
    ];

    test.each(matrix)("deployable stack with %s", (label, props, check) => {
      const { plan, raw } = deploy(label.replace(/\W+/g, "-"), props);
      check(plan);
      secretsStayOutOfThePlan(raw);
    });

    test("the construct checks ARNs against the provider's region at plan when synth cannot know it (issue 8)", () => {
      const stack = new TerraformStack(Testing.app(), "token-region");
      new AwsProvider(stack, "aws", { region: new TerraformVariable(stack, "region", { type: "string" }).stringValue });
      new MathesarOnAws(stack, "Mathesar", {
        domainName: "mathesar.example.org",
        certificateArn: "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      });
      const config = JSON.parse(Testing.synth(stack)) as TerraformJson;
      const ws = new TerraformWorkspace(mirror!, "token-region");
      workspaces.push(ws);
      ws.write("main.tf.json", JSON.stringify(config));
      ws.write("mock_override.tf.json", mock.providerOverride());
      expect(ws.run(["init", "-backend=false", "-input=false"]).ok).toBe(true);
      const result = ws.run(["plan", "-refresh=false", "-input=false", "-lock=false", "-var", "region=us-east-1"]);
      expect(result.ok).toBe(false);
      expect(result.output.replace(/[│\s]+/g, " ")).toContain(
        'Invalid certificateArn "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789": ' +
          "in region us-west-2, but the deployment is in us-east-1",
      );
    });

    test("deployable stack with an existing VPC and an existing database creates neither", () => {
      const { config } = synthAwsWith(() => ({
        network: {
          existing: {
            vpcId: "vpc-0123456789abcdef0",
            vpcCidr: "10.0.0.0/16",
            publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
            privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
          },
        },
        database: {
          existing: {
            host: "prod-db.abcdefghijkl.us-east-1.rds.amazonaws.com",
            passwordSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf",
            passwordSecretKey: "password",
            securityGroupId: "sg-0123456789abcdef0",
          },
        },
      }));
      const { plan } = planConfig("existing-everything", config);
      const counts = countByType(plan);
      for (const type of ["aws_vpc", "aws_subnet", "aws_db_instance", "aws_nat_gateway"])
        expect(counts[type]).toBeUndefined();
      expect(counts.aws_vpc_security_group_ingress_rule).toBe(1);
      expect(counts.aws_ecs_service).toBe(1);
    });

    describe("dist/terraform-aws-mathesar", () => {
      // The published folder itself, as a user gets it (its scripts in files/ and templates/ included).
      const examples = fs
        .readdirSync(path.join(DIST, "terraform-aws-mathesar", "examples"))
        .map((e) => `examples/${e}`);
      let ws: TerraformWorkspace;
      beforeAll(() => {
        ws = new TerraformWorkspace(mirror!, "module");
        workspaces.push(ws);
        fs.cpSync(path.join(DIST, "terraform-aws-mathesar"), path.join(ws.dir, "module"), { recursive: true });
      });

      test("every example the bundle ships is in dist/ and planned below", () => {
        expect(examples.sort()).toEqual(Object.keys(renderAwsModule().examples).sort());
        expect(examples.length).toBeGreaterThanOrEqual(3);
      });

      test.each(examples)("%s validates and plans offline", (example) => {
        const dir = `module/${example}`;
        ws.write(`${dir}/mock_override.tf.json`, mock.providerOverride());
        const { plan, raw, timings: t } = ws.planJson(dir);
        timings.push(
          `${example}: ${Object.entries(t)
            .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
            .join(", ")}`,
        );
        expect(countByType(plan).aws_ecs_service).toBe(1);
        secretsStayOutOfThePlan(raw);
        if (example.endsWith("existing-vpc-existing-rds")) {
          expect(countByType(plan).aws_db_instance).toBeUndefined();
          expect(countByType(plan).aws_vpc).toBeUndefined();
          // The deletion guard stays: SECRET_KEY must survive a destroy of the deployment.
          expect(planned(plan, "terraform_data")).toEqual([expect.objectContaining({ input: { protected: true } })]);
        } else {
          expect(countByType(plan).aws_db_instance).toBe(1);
          // The final snapshot is named when the instance is created (unknown until then).
          expect(
            plan.resource_changes.find((r) => r.type === "aws_db_instance")!.change.after_unknown
              ?.final_snapshot_identifier,
          ).toBe(true);
        }
        expect(planned(plan, "aws_lb")[0].idle_timeout).toBeGreaterThan(120);
        if (example.endsWith("internal")) {
          // Nothing faces the internet: no internet gateway, no public subnets (issue 8).
          expect(countByType(plan).aws_internet_gateway).toBeUndefined();
          expect(countByType(plan).aws_subnet).toBe(4);
        }
        if (example.endsWith("complete")) {
          const key = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
          expect(planned(plan, "aws_db_instance")[0]).toMatchObject({
            kms_key_id: key,
            performance_insights_kms_key_id: key,
            master_user_secret_kms_key_id: key,
          });
          for (const secret of planned(plan, "aws_secretsmanager_secret")) expect(secret.kms_key_id).toBe(key);
          for (const group of planned(plan, "aws_cloudwatch_log_group")) expect(group.kms_key_id).toBe(key);
          expect(countByType(plan).aws_internet_gateway).toBe(1);
        }
      });

      test("null deletion protection keeps RDS, the load balancer and the guard protected (issue 8)", () => {
        ws.write(
          "nulls/main.tf",
          `provider "aws" { region = "us-east-1" }\nmodule "mathesar" {\n  source = "../module"\n  domain_name ` +
            `= "data.example.org"\n  deletion_protection = null\n  load_balancer_deletion_protection = null\n}\n`,
        );
        ws.write("nulls/mock_override.tf.json", mock.providerOverride());
        const { plan } = ws.planJson("nulls");
        expect(planned(plan, "aws_db_instance")[0].deletion_protection).toBe(true);
        expect(planned(plan, "aws_lb")[0].enable_deletion_protection).toBe(true);
        expect(planned(plan, "terraform_data")[0].input).toEqual({ protected: true });
        // And the access-log bucket keeps its logs unless access_logs_force_destroy says otherwise.
        expect(planned(plan, "aws_s3_bucket")[0].force_destroy).toBe(false);
      });

      test("ARNs and zones from another region are refused at plan, each naming its variable (issue 8)", () => {
        const elsewhere = (service: string, resource: string) =>
          `arn:aws:${service}:us-west-2:123456789012:${resource}`;
        ws.write(
          "regions/main.tf",
          `provider "aws" { region = "us-east-1" }
module "mathesar" {
  source                = "../module"
  domain_name           = "data.example.org"
  certificate_arn       = "${elsewhere("acm", "certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789")}"
  waf_web_acl_arn       = "${elsewhere("wafv2", "regional/webacl/mathesar/0a1b2c3d-4e5f-6789-abcd-ef0123456789")}"
  kms_key_arn           = "${elsewhere("kms", "key/0a1b2c3d-4e5f-6789-abcd-ef0123456789")}"
  sso_config_secret_arn = "${elsewhere("secretsmanager", "secret:sso-AbCdEf")}"
  availability_zones    = ["us-west-2a", "us-west-2b"]
  egress                = "vpc_endpoints"
  image_repository      = "123456789012.dkr.ecr.us-west-2.amazonaws.com/mathesar"
  existing_database = {
    host                = "db.example.org"
    password_secret_arn = "${elsewhere("secretsmanager", "secret:db-AbCdEf")}"
  }
}
`,
        );
        ws.write("regions/mock_override.tf.json", mock.providerOverride());
        expect(ws.run(["init", "-backend=false", "-input=false"], "regions").ok).toBe(true);
        const result = ws.run(["plan", "-refresh=false", "-input=false", "-lock=false"], "regions");
        expect(result.ok).toBe(false);
        const output = result.output.replace(/[│\s]+/g, " ");
        for (const variable of [
          "certificate_arn",
          "waf_web_acl_arn",
          "kms_key_arn",
          "sso_config_secret_arn",
          "existing_database.password_secret_arn",
        ]) {
          expect(output).toMatch(
            new RegExp(
              `Invalid ${variable.replace(".", "\\.")} "arn:aws:[a-z0-9]+:us-west-2:[^"]+": in region us-west-2, but the deployment is in us-east-1`,
            ),
          );
        }
        expect(output).toContain(
          'Invalid availability_zones ["us-west-2a","us-west-2b"]: in region us-west-2, but the deployment is in us-east-1',
        );
        expect(output).toContain(
          'Invalid image_repository "123456789012.dkr.ecr.us-west-2.amazonaws.com/mathesar": in region us-west-2, but the deployment is in us-east-1',
        );
      });

      test("changing only mathesar_version changes only the task definition and the service, never the database", () => {
        ws.write(
          "version/main.tf",
          `variable "mathesar_version" { type = string }\nprovider "aws" { region = "us-east-1" }\nmodule ` +
            `"mathesar" {\n  source           = "../module"\n  domain_name      = "data.example.org"\n  ` +
            `mathesar_version = var.mathesar_version\n}\n`,
        );
        ws.write("version/mock_override.tf.json", mock.providerOverride());
        const before = ws.planJson("version", { mathesar_version: "0.11.0" }).plan;
        const after = ws.planJson("version", { mathesar_version: "0.10.1" }).plan;
        // Terraform's own reference graph: what can a new version touch?
        expect(resourcesDependingOn(before, "mathesar_version")).toEqual([
          "module.mathesar.module.service.aws_ecs_service.this",
          "module.mathesar.module.service.aws_ecs_task_definition.this",
        ]);
        // And the two plans create the same resources with the same known values outside those two.
        const values = (plan: PlanJson) =>
          Object.fromEntries(
            plan.resource_changes
              .filter((r) => !/aws_ecs_(task_definition|service)/.test(r.address))
              .map((r) => [r.address, JSON.stringify(r.change.after)]),
          );
        expect(values(after)).toEqual(values(before));
      });
    });
  },
);
