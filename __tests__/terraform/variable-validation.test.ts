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
  const result = spawnSync("terraform", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" },
  });
  // Terraform wraps long messages over several lines; join them for matching.
  const output = `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ");
  return { ok: result.status === 0, output };
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform validation of terraform-digitalocean-mathesar inputs",
  () => {
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-vars-"));
      const root = renderDigitalOceanModule().modules[""];
      fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: root.variable }));
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: dir,
        encoding: "utf8",
      });
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
      [
        "domain",
        { domain_name: "not a domain" },
        'Invalid domain_name "not a domain": must be a lowercase DNS host name',
      ],
      ["size", { size: "huge" }, 'Invalid size "huge": must be one of "small", "medium", "large".'],
      ["region", { region: "mars1" }, 'Invalid region "mars1": must be a DigitalOcean region'],
      [
        "latest",
        { mathesar_version: "latest" },
        'Invalid mathesar_version "latest": must be a pinned Mathesar release',
      ],
      ["empty version", { mathesar_version: "" }, 'Invalid mathesar_version "": must be a pinned Mathesar release'],
      [
        "PostgreSQL 13",
        { database_version: "13" },
        "Invalid database_version 13: must be a whole number from 14 to 17",
      ],
      [
        "long name",
        { name: "a-very-long-mathesar-name-for-acme" },
        'Invalid name "a-very-long-mathesar-name-for-acme": must be 2 to 32',
      ],
      [
        "HA on small",
        { database_high_availability: "true" },
        'Invalid database_high_availability true with size "small"',
      ],
      ["zone without domain", { domain_zone: "example.org" }, "Invalid domain_zone: needs domain_name"],
      [
        "domain outside zone",
        { domain_name: "data.example.com", domain_zone: "example.org" },
        "Invalid domain_zone: needs domain_name",
      ],
      [
        "non-Docker-Hub image",
        { image_repository: "ghcr.io/acme/mathesar" },
        'Invalid image_repository "ghcr.io/acme/mathesar"',
      ],
      [
        "existing database without host",
        { existing_database: '{ host = "" }', existing_database_password: "x" },
        "Invalid existing_database.host",
      ],
      [
        "existing database without password",
        { existing_database: '{ host = "db.example.org" }' },
        "Invalid existing_database_password: must be set when existing_database is set.",
      ],
      [
        "verify-full",
        { existing_database: '{ host = "db.example.org", sslmode = "verify-full" }', existing_database_password: "x" },
        "Invalid existing_database.sslmode",
      ],
      [
        "public VPC range",
        { vpc_ip_range: "8.8.0.0/16" },
        'Invalid vpc_ip_range "8.8.0.0/16": must be a private IPv4 CIDR',
      ],
      [
        "vpc range with existing vpc",
        { vpc_ip_range: "10.0.0.0/16", existing_vpc_id: "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a" },
        "Invalid vpc_ip_range: it only applies to a new VPC",
      ],
      ["bad SSO JSON", { sso_config: "not json" }, "Invalid sso_config: must be a JSON object"],
      [
        "SSO required without a configuration",
        { require_sso_login: "true" },
        "Invalid require_sso_login true without an SSO configuration",
      ],
      ["short SECRET_KEY", { secret_key: "too-short" }, "Invalid secret_key: must be at least 50 characters"],
      [
        "sfo2 (App Platform's sfo runs in sfo3)",
        { region: "sfo2" },
        'Invalid region "sfo2": must be a DigitalOcean region',
      ],
      ["nyc1", { region: "nyc1" }, 'Invalid region "nyc1"'],
      [
        "a VPC range smaller than /24",
        { vpc_ip_range: "10.20.0.0/25" },
        'Invalid vpc_ip_range "10.20.0.0/25": must be a private IPv4 CIDR block from /16 to /24',
      ],
      [
        "a tag with a space",
        { tags: '{ client = "Acme Corp" }' },
        'Invalid tags: every "key:value" must consist of letters, digits, colons, hyphens and underscores',
      ],
      [
        "HA on a 1 GB node",
        { size: "medium", database_high_availability: "true", database_node_size: "db-s-1vcpu-1gb" },
        'Invalid database_node_size "db-s-1vcpu-1gb" with database_high_availability: standby nodes need a plan with 2 GB of RAM or more',
      ],
    ];

    test.each(bad)("refuses %s", (_what, vars, message) => {
      const result = plan(vars);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(message);
    });

    test("accepts HA on a 2 GB node with size small, and tags DigitalOcean allows", () => {
      const result = plan({
        database_high_availability: "true",
        database_node_size: "db-s-1vcpu-2gb",
        tags: '{ client = "acme_corp-1" }',
      });
      expect(result.output).not.toMatch(/Error/);
      expect(result.ok).toBe(true);
    });

    test("null for every root variable gives its default (never a weakened setting such as protection off)", () => {
      const root = renderDigitalOceanModule().modules[""];
      const names = Object.keys(root.variable);
      // Every variable null at once, from a file: on the command line "null" would be the string "null".
      const varFile = path.join(dir, "all-null.tfvars");
      fs.writeFileSync(varFile, names.map((name) => `${name} = null`).join("\n"));
      const outputs = path.join(dir, "outputs.tf.json");
      fs.writeFileSync(
        outputs,
        JSON.stringify({
          output: Object.fromEntries(
            names.map((name) => [
              name,
              { value: `\${var.${name}}`, sensitive: root.variable[name].sensitive ?? false },
            ]),
          ),
        }),
      );
      try {
        const planFile = path.join(dir, "null.plan");
        const planned = spawnSync(
          "terraform",
          [
            "plan",
            "-input=false",
            "-refresh=false",
            "-no-color",
            "-lock=false",
            `-var-file=${varFile}`,
            `-out=${planFile}`,
          ],
          { cwd: dir, encoding: "utf8" },
        );
        expect(`${planned.stdout}${planned.stderr}`).not.toMatch(/Error/);
        const shown = spawnSync("terraform", ["show", "-json", planFile], { cwd: dir, encoding: "utf8" });
        const values = JSON.parse(shown.stdout).planned_values.outputs as Record<string, { value?: unknown }>;
        for (const name of names) {
          expect({ name, value: values[name]?.value ?? null }).toEqual({
            name,
            value: root.variable[name].default ?? null,
          });
        }
        expect(values.deletion_protection.value).toBe(true);
      } finally {
        fs.rmSync(outputs, { force: true });
      }
    });
  },
);

/**
 * The submodules, as the root module feeds them (or as someone calls them directly): null for a variable
 * with a default gives the default; null for a required one is refused by name. Never a silent null.
 */
describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "null for every variable of the DigitalOcean submodules",
  () => {
    const submodules = Object.entries(renderDigitalOceanModule().modules).filter(
      ([folder, config]) => folder.startsWith("modules/") && config.variable,
    );
    /** Valid values for the required variables, so that only the nulls under test can fail. */
    const STAND_INS: Record<string, unknown> = {
      instance_size: "apps-s-1vcpu-1gb",
      node_size: "db-s-1vcpu-1gb",
      database_host: "db.example.org",
      vpc_ip_range: "10.20.0.0/20",
    };

    test.each(submodules.map(([folder]) => folder))("%s", (folder) => {
      const config = submodules.find(([f]) => f === folder)![1];
      const variables = config.variable as Record<
        string,
        { default?: unknown; nullable?: boolean; sensitive?: boolean }
      >;
      const work = fs.mkdtempSync(path.join(os.tmpdir(), "do-submodule-null-"));
      try {
        const withDefault = Object.keys(variables).filter((name) => variables[name].default !== undefined);
        const required = Object.keys(variables).filter((name) => variables[name].default === undefined);
        // Required ones get a stand-in value first, so that only the nulls of the defaulted ones are tried.
        const standIn = (name: string) => JSON.stringify(STAND_INS[name] ?? "x");
        fs.writeFileSync(path.join(work, "variables.tf.json"), JSON.stringify({ variable: variables }));
        if (withDefault.length > 0) {
          fs.writeFileSync(
            path.join(work, "outputs.tf.json"),
            JSON.stringify({
              output: Object.fromEntries(
                withDefault.map((name) => [
                  name,
                  { value: `\${var.${name}}`, sensitive: variables[name].sensitive ?? false },
                ]),
              ),
            }),
          );
        }
        const tf = (args: string[]) =>
          spawnSync("terraform", args, {
            cwd: work,
            encoding: "utf8",
            env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
          });
        tf(["init", "-backend=false", "-input=false", "-no-color"]);

        fs.writeFileSync(
          path.join(work, "a.tfvars"),
          [...withDefault.map((n) => `${n} = null`), ...required.map((n) => `${n} = ${standIn(n)}`)].join("\n"),
        );
        const planned = tf(["plan", "-input=false", "-no-color", "-var-file=a.tfvars", "-out=a.plan"]);
        expect(`${planned.stdout}${planned.stderr}`).not.toMatch(/Error/);
        const values = JSON.parse(tf(["show", "-json", "a.plan"]).stdout).planned_values?.outputs ?? {};
        for (const name of withDefault) {
          expect({ name, value: values[name]?.value ?? null }).toEqual({
            name,
            value: variables[name].default ?? null,
          });
        }

        if (required.length > 0) {
          fs.writeFileSync(path.join(work, "b.tfvars"), required.map((n) => `${n} = null`).join("\n"));
          const refused = tf(["plan", "-input=false", "-no-color", "-var-file=b.tfvars"]);
          const output = `${refused.stdout}${refused.stderr}`.replace(/\s+/g, " ");
          expect(refused.status).not.toBe(0);
          for (const name of required) expect(output).toContain(`var.${name} defined at`);
          expect(output).toContain("required variable may not be set to null");
        }
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    });
  },
);
