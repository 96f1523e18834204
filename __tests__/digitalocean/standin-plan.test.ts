/**
 * The published DigitalOcean root module, validated and planned by Terraform itself against stand-in
 * providers (tools/tf-standin) that serve the schemas of the pinned bindings: the review's findings as a
 * plan shows them — the firewall's two rules, the VPC's delete timeout, the env-ignoring app chosen by a
 * variable (its `ignore_changes` paths checked against the app's schema by `validate`), the existing VPC's
 * region check run at plan, and the SECRET_KEY guard with an existing database.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planWithStandin, Standin } from "../support/standin";
import { digitalOceanModuleBundle } from "../../stacks/digitalocean/dist";
import { renderModuleFiles } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";

type Change = { address: string; type: string; change: { actions: string[]; after: Record<string, unknown> } };

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "terraform-digitalocean-mathesar planned by Terraform (stand-in providers)",
  () => {
    const standin = new Standin(["digitalocean", "random"]);
    let dir: string;

    beforeAll(async () => {
      await standin.start();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "do-standin-plan-"));
      for (const [file, content] of Object.entries(await renderModuleFiles(digitalOceanModuleBundle()))) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), content);
      }
    }, 240000);
    afterAll(async () => {
      await standin.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const plan = (vars: Record<string, string> = {}) => planWithStandin(dir, standin.reattach, vars);
    const changes = (vars: Record<string, string> = {}): Change[] => {
      const result = plan(vars);
      if (!result.ok) throw new Error(result.output);
      return (result.plan?.resource_changes ?? []) as Change[];
    };
    const find = (list: Change[], address: string) => list.find((c) => c.address === address);

    test("defaults: a firewall with an app rule and an ip_addr rule, a VPC that waits 20 minutes to be deleted", () => {
      const list = changes();
      const firewall = find(list, "module.database_firewall[0].digitalocean_database_firewall.this");
      const rules = firewall?.change.after.rule as Array<{ type: string }>;
      expect(rules.map((r) => r.type).sort()).toEqual(["app", "ip_addr"]);
      expect(find(list, "module.network[0].digitalocean_vpc.this")?.change.after.timeouts).toEqual({ delete: "20m" });
      expect(find(list, "module.app.digitalocean_app.this[0]")).toBeDefined();
      expect(find(list, "module.app.digitalocean_app.this_ignoring_env[0]")).toBeUndefined();
    });

    test("ignore_env_changes = true plans the app that ignores its env instead (validate accepted its ignore_changes paths)", () => {
      const list = changes({ ignore_env_changes: "true" });
      expect(find(list, "module.app.digitalocean_app.this_ignoring_env[0]")?.change.actions).toEqual(["create"]);
      expect(find(list, "module.app.digitalocean_app.this[0]")).toBeUndefined();
    });

    test("an existing VPC is read at plan and its region checked, with a message naming the variable", () => {
      // The stand-in answers a region that is not "nyc3", so the check must stop the plan.
      const result = plan({ existing_vpc_id: "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a" });
      expect(result.ok).toBe(false);
      const output = result.output.replace(/\s+/g, " ");
      expect(output).toContain("Resource postcondition failed");
      expect(output).toMatch(
        new RegExp(
          "Invalid existing_vpc_id: the existing VPC 0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a is in region \\S+; " +
            "it must be in nyc3, the region of the database and the app",
        ),
      );
    });

    test("with an existing database, the deletion guard is planned (over the SECRET_KEY) and no cluster or firewall", () => {
      const list = changes({
        existing_database: '{ host = "db.example.org" }',
        existing_database_password: "stand-in-password-0123456789",
      });
      expect(find(list, "terraform_data.deletion_guard")?.change.after).toMatchObject({ input: { protected: true } });
      expect(
        list.filter((c) => c.type === "digitalocean_database_cluster" || c.type === "digitalocean_database_firewall"),
      ).toEqual([]);
      expect(find(list, "module.secrets.random_password.secret_key")).toBeDefined();
    });
  },
);
