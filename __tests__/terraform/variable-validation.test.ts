/**
 * The published module's `validation` blocks, evaluated by Terraform itself: the same bad inputs the
 * TypeScript constructs refuse must be refused by `terraform plan`, with the same explanation. Only the
 * root module's variable blocks are planned (no provider is needed for that).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderDigitalOceanModule } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";

let dir: string;

function plan(vars: Record<string, string>): { ok: boolean; output: string } {
  const args = ["plan", "-input=false", "-refresh=false", "-no-color", "-lock=false"];
  for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
  const result = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" } });
  // Terraform wraps long messages over several lines; join them for matching.
  const output = `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ");
  return { ok: result.status === 0, output };
}

describeWithTool("terraform", hasTool("terraform", ["version"]), "Terraform validation of terraform-digitalocean-mathesar inputs", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-vars-"));
    const root = renderDigitalOceanModule().modules[""];
    fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: root.variable }));
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, encoding: "utf8" });
    if (init.status !== 0) throw new Error(init.stderr);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the defaults pass", () => {
    const result = plan({});
    expect(result.output).not.toMatch(/Error/);
    expect(result.ok).toBe(true);
  });

  test("a complete, valid configuration passes", () => {
    const result = plan({
      name: "acme",
      region: "fra1",
      size: "medium",
      domain_name: "data.example.org",
      domain_zone: "example.org",
      database_high_availability: "true",
      database_version: "16",
      admin_email: "it@example.org",
      vpc_ip_range: "10.20.0.0/20",
    });
    expect(result.output).not.toMatch(/Error/);
  });

  const bad: Array<[string, Record<string, string>, string]> = [
    ["domain", { domain_name: "not a domain" }, 'Invalid domain_name "not a domain": must be a lowercase DNS host name'],
    ["size", { size: "huge" }, 'Invalid size "huge": must be one of "small", "medium", "large".'],
    ["region", { region: "mars1" }, 'Invalid region "mars1": must be a DigitalOcean region'],
    ["latest", { mathesar_version: "latest" }, 'Invalid mathesar_version "latest": must be a pinned Mathesar release'],
    ["empty version", { mathesar_version: "" }, 'Invalid mathesar_version "": must be a pinned Mathesar release'],
    ["PostgreSQL 13", { database_version: "13" }, "Invalid database_version 13: must be a whole number from 14 to 17"],
    ["long name", { name: "a-very-long-mathesar-name" }, 'Invalid name "a-very-long-mathesar-name": must be 2 to 20'],
    ["HA on small", { database_high_availability: "true" }, 'Invalid database_high_availability true with size "small"'],
    ["zone without domain", { domain_zone: "example.org" }, "Invalid domain_zone: needs domain_name"],
    ["domain outside zone", { domain_name: "data.example.com", domain_zone: "example.org" }, "Invalid domain_zone: needs domain_name"],
    ["non-Docker-Hub image", { image_repository: "ghcr.io/acme/mathesar" }, 'Invalid image_repository "ghcr.io/acme/mathesar"'],
    ["existing database without host", { existing_database: '{ host = "" }', existing_database_password: "x" }, "Invalid existing_database.host"],
    ["existing database without password", { existing_database: '{ host = "db.example.org" }' }, "Invalid existing_database_password: must be set when existing_database is set."],
    ["verify-full", { existing_database: '{ host = "db.example.org", sslmode = "verify-full" }', existing_database_password: "x" }, "Invalid existing_database.sslmode"],
    ["public VPC range", { vpc_ip_range: "8.8.0.0/16" }, 'Invalid vpc_ip_range "8.8.0.0/16": must be a private IPv4 CIDR'],
    ["vpc range with existing vpc", { vpc_ip_range: "10.0.0.0/16", existing_vpc_id: "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a" }, "Invalid vpc_ip_range: it only applies to a new VPC"],
    ["bad SSO JSON", { sso_config: "not json" }, "Invalid sso_config: must be a JSON object"],
    ["SSO required without a configuration", { require_sso_login: "true" }, "Invalid require_sso_login true without an SSO configuration"],
    ["short SECRET_KEY", { secret_key: "too-short" }, "Invalid secret_key: must be at least 50 characters"],
  ];

  test.each(bad)("refuses %s", (_what, vars, message) => {
    const result = plan(vars);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(message);
  });
});
