/**
 * Parity of the AWS target's two flavours: for a matrix of inputs, the deployable stack (the `MathesarOnAws`
 * construct) and the published root module (dist/terraform-aws-mathesar, called with the same settings) are
 * planned by Terraform with the real hashicorp/aws provider copy and the AWS mock, and their planned
 * resources compared: the same types, the same count of each, and the same known planned arguments,
 * addresses normalized (module paths stripped). Documented exceptions, each asserted exactly:
 * - `tags_all` is not compared: the deployable stack's provider adds default tags, a module's caller owns its provider.
 * - With an existing database the root module's deletion guard keeps a null slot for the RDS resource id in
 *   `triggers_replace` (`[null, <SECRET_KEY arn>]`) where the construct has none (`[<arn>]`). Both are as
 *   published before the shared wiring; aligning either flavour would change `triggers_replace` and so replace
 *   the guard, whose destroy refuses while deletion protection is on — every upgrade would stop there.
 */
import * as fs from "fs";
import * as path from "path";
import { DIST } from "../support/dist-modules";
import { synthAws, type TerraformJson } from "../support/synth";
import { AwsMock, type PlanJson, TerraformWorkspace, awsProviderMirror } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";
import type { MathesarOnAwsProps } from "../../modules/aws";

const mirror = awsProviderMirror();
const mock = new AwsMock();
const workspaces: TerraformWorkspace[] = [];

const EXISTING_VPC = {
  props: {
    vpcId: "vpc-0123456789abcdef0",
    vpcCidr: "10.0.0.0/16",
    publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
    privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
  },
  variable: {
    vpc_id: "vpc-0123456789abcdef0",
    vpc_cidr: "10.0.0.0/16",
    public_subnet_ids: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
    private_subnet_ids: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
  },
};
const DB_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-db-AbCdEf";
const SSO_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-sso-AbCdEf";

/** A scenario: construct props and the root module's variables that say the same. */
interface Scenario {
  readonly props: Partial<MathesarOnAwsProps>;
  readonly variables: Record<string, unknown>;
}

/** The matrix: defaults, an existing VPC, an existing database, each size, SSO on. */
export const AWS_PARITY_MATRIX: Record<string, Scenario> = {
  defaults: { props: {}, variables: {} },
  "existing network": {
    props: { network: { existing: EXISTING_VPC.props } },
    variables: { existing_vpc: EXISTING_VPC.variable },
  },
  "existing database": {
    props: {
      database: {
        existing: {
          host: "prod-db.abcdefghijkl.us-east-1.rds.amazonaws.com",
          passwordSecretArn: DB_SECRET,
          passwordSecretKey: "password",
          securityGroupId: "sg-0123456789abcdef0",
        },
      },
    },
    variables: {
      existing_database: {
        host: "prod-db.abcdefghijkl.us-east-1.rds.amazonaws.com",
        password_secret_arn: DB_SECRET,
        password_secret_key: "password",
        security_group_id: "sg-0123456789abcdef0",
      },
    },
  },
  "size medium": { props: { size: "medium" }, variables: { size: "medium" } },
  "size large": { props: { size: "large" }, variables: { size: "large" } },
  "SSO on": {
    props: { sso: { configSecretArn: SSO_SECRET, requireSsoLogin: true } },
    variables: { sso_config_secret_arn: SSO_SECRET, require_sso_login: true },
  },
};

const DOMAIN = "mathesar.example.org";

/** The differences each scenario is allowed, in the words `differences()` reports them (see the header). */
const EXCEPTIONS: Record<string, string[]> = {
  "existing database": [
    'terraform_data.deletion_guard.triggers_replace: {"ids":[null]} (deployable stack) vs {"ids":[null,null]} (module)',
  ],
};
/** Arguments that differ by design: the deployable stack's provider sets default tags. */
const IGNORED = new Set(["tags_all"]);

/** A planned resource, keyed by its address without module paths. */
export type Planned = Record<string, { type: string; after: Record<string, unknown>; unknown: string[] }>;

/** The plan's created resources by normalized address (`module.x.` and `module.x[0].` stripped). */
export function normalize(plan: PlanJson): Planned {
  const result: Planned = {};
  for (const change of plan.resource_changes) {
    if (!change.change.actions.includes("create")) continue;
    const key = change.address.replace(/^(module\.[^.]+(\[\d+\])?\.)+/, "");
    if (result[key]) throw new Error(`Two resources normalize to ${key}`);
    const after = Object.fromEntries(Object.entries(change.change.after ?? {}).filter(([k]) => !IGNORED.has(k)));
    const unknown = Object.keys(change.change.after_unknown ?? {}).filter(
      (k) => !IGNORED.has(k) && (change.change.after_unknown as Record<string, unknown>)[k] === true,
    );
    result[key] = { type: change.type, after, unknown: unknown.sort() };
  }
  return result;
}

/** Every difference between two normalized plans, in words (empty when they agree). */
export function differences(construct: Planned, module: Planned): string[] {
  const found: string[] = [];
  for (const key of new Set([...Object.keys(construct), ...Object.keys(module)])) {
    const a = construct[key];
    const b = module[key];
    if (!a || !b) {
      found.push(`${key}: only in the ${a ? "deployable stack" : "module"}`);
      continue;
    }
    for (const arg of new Set([...Object.keys(a.after), ...Object.keys(b.after)])) {
      const x = JSON.stringify(a.after[arg]);
      const y = JSON.stringify(b.after[arg]);
      if (x !== y) found.push(`${key}.${arg}: ${x} (deployable stack) vs ${y} (module)`);
    }
    if (a.unknown.join() !== b.unknown.join())
      found.push(`${key}: known after apply ${a.unknown.join(",")} vs ${b.unknown.join(",")}`);
  }
  return found.sort();
}

/** Counts by type, for the summary. */
function countByType(planned: Planned): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of Object.values(planned)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describeWithTool(
  "terraform with the hashicorp/aws 5.100.0 provider mirror",
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "AWS parity: the deployable stack and the published module plan the same resources",
  () => {
    let ws: TerraformWorkspace;
    const plans: Record<string, { construct: Planned; module: Planned }> = {};

    const planDeployable = (dir: string, config: TerraformJson): Planned => {
      const { backend: _backend, ...terraform } = config.terraform ?? {};
      ws.write(`${dir}/main.tf.json`, JSON.stringify({ ...config, terraform }));
      ws.write(`${dir}/mock_override.tf.json`, mock.providerOverride());
      return normalize(ws.planJson(dir).plan);
    };
    const planModule = (dir: string, variables: Record<string, unknown>): Planned => {
      ws.write(
        `${dir}/main.tf.json`,
        JSON.stringify({
          provider: { aws: { region: "us-east-1" } },
          module: { mathesar: { source: "../module", domain_name: DOMAIN, ...variables } },
        }),
      );
      ws.write(`${dir}/mock_override.tf.json`, mock.providerOverride());
      return normalize(ws.planJson(dir).plan);
    };

    beforeAll(async () => {
      await mock.start();
      ws = new TerraformWorkspace(mirror!, "parity-aws");
      workspaces.push(ws);
      // The published folder itself, as a user gets it (its scripts in files/ and templates/ included).
      fs.cpSync(path.join(DIST, "terraform-aws-mathesar"), path.join(ws.dir, "module"), { recursive: true });
    });
    afterAll(async () => {
      await mock.stop();
      for (const w of workspaces) w.dispose();
    });

    test.each(Object.keys(AWS_PARITY_MATRIX))("%s: same resources, counts and planned arguments", (label) => {
      const { props, variables } = AWS_PARITY_MATRIX[label];
      const dir = label.replace(/\W+/g, "-");
      const construct = planDeployable(`${dir}-stack`, synthAws({ domainName: DOMAIN, ...props }));
      const module = planModule(`${dir}-module`, variables);
      plans[label] = { construct, module };
      expect(countByType(construct)).toEqual(countByType(module));
      expect(differences(construct, module)).toEqual(EXCEPTIONS[label] ?? []);
      expect(Object.keys(construct).length).toBeGreaterThan(20);
    });

    test("a deliberate difference in one flavour fails the comparison", () => {
      const config = synthAws({ domainName: DOMAIN });
      // One argument of one flavour changed: backups kept 14 days in the deployable stack only.
      (config.resource.aws_db_instance.this as Record<string, unknown>).backup_retention_period = 14;
      const doctored = planDeployable("doctored-stack", config);
      const module = plans.defaults?.module ?? planModule("doctored-module", {});
      expect(differences(doctored, module)).toEqual([
        "aws_db_instance.this.backup_retention_period: 14 (deployable stack) vs 7 (module)",
      ]);
    });
  },
);
