/**
 * Findings of the independent review of the DigitalOcean target (read against provider 2.71.0, godo and
 * DigitalOcean's app spec), each pinned by a test that failed before its fix. What only a real cloud could
 * show (which source addresses App Platform uses towards the database) is covered by choosing the rule
 * set that holds either way; docs/digitalocean.md gives the post-apply check.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import {
  DO_DELETION_PROTECTION_MESSAGE,
  DO_REGIONS,
  DO_SIZES,
  MathesarOnDigitalOcean,
  MathesarOnDigitalOceanProps,
  doAppInstanceResources,
  doDeployButtonMonthlyUsd,
} from "../../modules/digitalocean";
import { webConcurrency } from "../../modules/mathesar";
import { DatabaseFirewallNoPublicSource } from "../../modules/policies";
import { digitalOceanModuleBundle } from "../../stacks/digitalocean/dist";
import {
  renderDigitalOceanModule,
  renderModuleFiles,
  sensitiveVariable,
  synthDigitalOcean,
  synthDigitalOceanWith,
} from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";

type Env = { key: string; value: string };
const envValue = (env: Env[], key: string) => env.find((e) => e.key === key)?.value;
const root = () => renderDigitalOceanModule().modules[""];
const build = (props: MathesarOnDigitalOceanProps) => {
  const stack = new TerraformStack(Testing.app(), "bad");
  new DigitaloceanProvider(stack, "digitalocean");
  new MathesarOnDigitalOcean(stack, "Mathesar", props);
};
const EXISTING_VPC = "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a";

describe("database firewall: admits the app however App Platform reaches the cluster", () => {
  test("the rules hold the new VPC's own range as well as the app", () => {
    const rules = synthDigitalOcean().resource.digitalocean_database_firewall.this.rule;
    expect(rules).toEqual(
      expect.arrayContaining([
        { type: "app", value: "${digitalocean_app.this.id}" },
        { type: "ip_addr", value: "${digitalocean_vpc.this.ip_range}" },
      ]),
    );
    expect(rules).toHaveLength(2);
  });

  test("the security rule still sees no public source (a VPC's range is private by construction)", () => {
    for (const config of [synthDigitalOcean(), synthDigitalOcean({ existingVpcId: EXISTING_VPC })]) {
      const findings = DatabaseFirewallNoPublicSource.check(config);
      expect(findings.map((f) => f.status)).toEqual(["compliant"]);
    }
    const open = synthDigitalOcean();
    open.resource.digitalocean_database_firewall.this.rule.push({ type: "ip_addr", value: "0.0.0.0/0" });
    expect(DatabaseFirewallNoPublicSource.check(open).map((f) => f.status)).toEqual(["non_compliant"]);
  });

  test("with an existing VPC, its range is read from DigitalOcean", () => {
    const config = synthDigitalOcean({ existingVpcId: EXISTING_VPC });
    expect(config.data.digitalocean_vpc.existing.id).toBe(EXISTING_VPC);
    expect(config.resource.digitalocean_database_firewall.this.rule).toContainEqual({
      type: "ip_addr",
      value: "${data.digitalocean_vpc.existing.ip_range}",
    });
  });

  test("the module's firewall gets the VPC range, new or existing", () => {
    const config = root();
    expect(config.module.database_firewall.vpc_ip_range).toBe(
      "${(var.existing_vpc_id == null) ? one(module.network[*].ip_range) : one(data.digitalocean_vpc.existing[*].ip_range)}",
    );
    const firewall = renderDigitalOceanModule().modules["modules/database-firewall"];
    expect(firewall.resource.digitalocean_database_firewall.this.rule).toContainEqual({
      type: "ip_addr",
      value: "${var.vpc_ip_range}",
    });
  });
});

describe("existing VPC: must be in the deployment's region", () => {
  test("the construct checks the VPC's region after reading it", () => {
    const vpc = synthDigitalOcean({ existingVpcId: EXISTING_VPC, region: "fra1" }).data.digitalocean_vpc.existing;
    expect(vpc.lifecycle.postcondition[0].condition).toBe('${(self.region == "fra1")}');
    expect(vpc.lifecycle.postcondition[0].error_message).toMatch(
      /existing VPC .* is in region .*; it must be in fra1, the region of the database and the app/,
    );
  });

  test("the module reads it only when one is given and checks it against var.region", () => {
    const vpc = root().data.digitalocean_vpc.existing;
    expect(vpc.count).toBe("${(var.existing_vpc_id != null) ? 1 : 0}");
    expect(vpc.id).toBe("${var.existing_vpc_id}");
    expect(vpc.lifecycle.postcondition[0].condition).toBe("${(self.region == var.region)}");
  });
});

describe("regions: only datacenters where App Platform's region runs", () => {
  test("sfo2 and nyc1 are gone (App Platform's sfo runs in sfo3; nyc's datacenter is not chosen by us)", () => {
    expect(Object.keys(DO_REGIONS)).not.toContain("sfo2");
    expect(Object.keys(DO_REGIONS)).not.toContain("nyc1");
    expect(() => build({ region: "sfo2" })).toThrow(/Invalid region "sfo2"/);
    expect(DO_REGIONS.sfo3).toBe("sfo");
  });
});

describe("destroy: VPC members are gone before the VPC is deleted", () => {
  test("the VPC waits up to 20 minutes for its members to leave", () => {
    expect(synthDigitalOcean().resource.digitalocean_vpc.this.timeouts).toEqual({ delete: "20m" });
    expect(renderDigitalOceanModule().modules["modules/network"].resource.digitalocean_vpc.this.timeouts).toEqual({
      delete: "20m",
    });
  });

  test("the role is removed before the database, the database before the cluster", () => {
    const config = synthDigitalOcean();
    expect(config.resource.digitalocean_database_user.mathesar.depends_on).toEqual([
      "digitalocean_database_db.mathesar",
    ]);
  });
});

describe("inputs DigitalOcean would refuse only at apply", () => {
  test("a VPC range smaller than /24", () => {
    expect(() => build({ vpcIpRange: "10.20.0.0/25" })).toThrow(
      /Invalid vpcIpRange "10.20.0.0\/25": must be a private IPv4 CIDR block from \/16 to \/24/,
    );
    expect(() => build({ vpcIpRange: "10.20.0.0/24" })).not.toThrow();
  });

  test("a tag DigitalOcean's tag pattern refuses (a space)", () => {
    expect(() => build({ tags: { client: "Acme Corp" } })).toThrow(
      /Invalid tags "client:Acme Corp": .*letters, digits, colons, hyphens and underscores/,
    );
    expect(() => build({ tags: { client: "acme_corp-1" } })).not.toThrow();
  });

  test("high availability with a 1 GB node size (DigitalOcean: standby nodes need 2 GB of RAM)", () => {
    expect(() =>
      build({ size: "medium", database: { managed: { highAvailability: true, nodeSize: "db-s-1vcpu-1gb" } } }),
    ).toThrow(
      /Invalid database.managed.nodeSize "db-s-1vcpu-1gb" with database.managed.highAvailability: standby nodes need a plan with 2 GB of RAM or more/,
    );
    expect(() =>
      build({ database: { managed: { highAvailability: true, nodeSize: "db-s-1vcpu-2gb" } } }),
    ).not.toThrow();
  });
});

describe("WEB_CONCURRENCY follows the instance that runs it", () => {
  test("instance sizes are read from their slug", () => {
    expect(doAppInstanceResources("apps-s-2vcpu-4gb")).toEqual({ vcpus: 2, memoryMiB: 4096 });
    expect(doAppInstanceResources("apps-d-1vcpu-0.5gb")).toEqual({ vcpus: 1, memoryMiB: 512 });
    expect(doAppInstanceResources("apps-s-1vcpu-1gb-fixed")).toEqual({ vcpus: 1, memoryMiB: 1024 });
  });

  test("a larger appInstanceSize on size small gets the workers of that instance", () => {
    const env = synthDigitalOcean({ appInstanceSize: "apps-s-2vcpu-4gb" }).resource.digitalocean_app.this.spec
      .service[0].env;
    expect(envValue(env, "WEB_CONCURRENCY")).toBe(String(webConcurrency(2, 4096)));
  });

  test("the module passes only the instance size; the app module derives the workers from it", () => {
    expect(root().module.app.web_concurrency).toBeUndefined();
    expect(root().module.app.instance_size).toContain("var.app_instance_size");
    const env = renderDigitalOceanModule().modules["modules/app"].resource.digitalocean_app.this.spec.service[0].env;
    expect(envValue(env, "WEB_CONCURRENCY")).toContain("var.instance_size");
  });
});

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "WEB_CONCURRENCY as Terraform computes it in the app module",
  () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "do-web-concurrency-"));
      const env = renderDigitalOceanModule().modules["modules/app"].resource.digitalocean_app.this.spec.service[0].env;
      const expression = envValue(env, "WEB_CONCURRENCY")!.replace(/^\$\{/, "").replace(/\}$/, "");
      fs.writeFileSync(
        path.join(dir, "main.tf.json"),
        JSON.stringify({ variable: { instance_size: { type: "string" } }, locals: { workers: `\${${expression}}` } }),
      );
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test.each([
      "apps-s-1vcpu-0.5gb",
      "apps-s-1vcpu-1gb",
      "apps-s-1vcpu-1gb-fixed",
      "apps-s-2vcpu-4gb",
      "apps-d-4vcpu-16gb",
    ])("%s", (slug) => {
      const result = spawnSync("terraform", ["console", "-no-color", "-var", `instance_size=${slug}`], {
        cwd: dir,
        input: "local.workers\n",
        encoding: "utf8",
        env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
      });
      const { vcpus, memoryMiB } = doAppInstanceResources(slug);
      expect(`${result.stdout}${result.stderr}`.trim()).toBe(String(webConcurrency(vcpus, memoryMiB)));
    });
  },
);

describe("the SECRET_KEY is guarded with an existing database too", () => {
  const existing = (deletionProtection?: boolean) =>
    synthDigitalOceanWith((stack) => ({
      database: { existing: { host: "db.example.org", password: sensitiveVariable(stack, "pw"), deletionProtection } },
    }));

  test("a guard protects the generated key and the app that holds it, replaced with the key", () => {
    const guard = existing().resource.terraform_data.deletion_guard;
    expect(guard.depends_on).toEqual(expect.arrayContaining(["random_password.secret_key", "digitalocean_app.this"]));
    // The cluster's slot is null without a cluster, as in the module (adding one later replaces the guard).
    expect(guard.triggers_replace.ids).toEqual([null, "${sha256(random_password.secret_key.result)}"]);
    expect(guard.input.protected).toBe(true);
  });

  test("deletionProtection false switches it off", () => {
    expect(existing(false).resource.terraform_data.deletion_guard.input.protected).toBe(false);
  });

  test("the module keeps its guard without a managed database, keyed on the effective SECRET_KEY", () => {
    const guard = root().resource.terraform_data.deletion_guard;
    expect(guard.count).toBeUndefined();
    expect(guard.triggers_replace.ids).toContain("${sha256(coalesce(var.secret_key, module.secrets.secret_key))}");
  });
});

describe("SECRET values show a change on every plan: an explicit opt-in ignores env changes", () => {
  test("off by default: Terraform manages every variable", () => {
    expect(synthDigitalOcean().resource.digitalocean_app.this.lifecycle?.ignore_changes).toBeUndefined();
  });

  test("on: the service's and the job's env are ignored", () => {
    const app = synthDigitalOcean({ ignoreEnvChanges: true }).resource.digitalocean_app.this;
    expect(app.lifecycle.ignore_changes).toEqual(["spec[0].service[0].env", "spec[0].job[0].env"]);
  });

  test("the module offers it as a variable that chooses between the two app resources", () => {
    const app = renderDigitalOceanModule().modules["modules/app"];
    expect(app.resource.digitalocean_app.this.count).toBe("${var.ignore_env_changes ? 0 : 1}");
    expect(app.resource.digitalocean_app.this_ignoring_env.count).toBe("${var.ignore_env_changes ? 1 : 0}");
    expect(app.resource.digitalocean_app.this_ignoring_env.lifecycle.ignore_changes).toEqual([
      "spec[0].service[0].env",
      "spec[0].job[0].env",
    ]);
    expect(root().module.app.ignore_env_changes).toBe("${var.ignore_env_changes}");
    expect(root().variable.ignore_env_changes).toMatchObject({ type: "bool", default: false, nullable: false });
  });
});

describe("docs", () => {
  const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "digitalocean.md"), "utf8");

  test("state the button path's monthly cost, computed from the catalog", () => {
    expect(doDeployButtonMonthlyUsd()).toBe(DO_SIZES.small.appMonthlyUsd + 7);
    expect(doc).toContain(`about **$${doDeployButtonMonthlyUsd()} per month**`);
  });

  test("the README states the same cost, and its DigitalOcean snippets name the provider's real source", async () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    expect(readme).toContain(`about $${doDeployButtonMonthlyUsd()} per month`);
    const moduleReadme = (await renderModuleFiles(digitalOceanModuleBundle()))["README.md"];
    for (const text of [readme, moduleReadme]) {
      const snippets = [...text.matchAll(/```hcl\n([\s\S]*?)```/g)]
        .map((m) => m[1])
        .filter((hcl) => /provider "digitalocean"/.test(hcl));
      expect(snippets.length).toBeGreaterThan(0);
      for (const hcl of snippets)
        expect(hcl).toMatch(/digitalocean\s*=\s*\{\s*source\s*=\s*"digitalocean\/digitalocean"/);
    }
  });

  test("quote the deletion guard's message as it is", () => {
    expect(doc).toContain(DO_DELETION_PROTECTION_MESSAGE);
  });

  test("give a post-apply check of the database firewall and say that a destroy rerun finishes the job", () => {
    expect(doc).toMatch(/doctl databases firewalls list/);
    expect(doc).toMatch(/Can not delete VPC with members/);
  });
});
