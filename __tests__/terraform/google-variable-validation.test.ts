/**
 * terraform-google-mathesar's `validation` blocks, evaluated by Terraform itself. The google provider cannot
 * be installed here, but variables, their validations and locals need no provider: the root module's
 * variable blocks (and the locals that do not read a submodule) are planned on their own, so the same bad
 * inputs the construct refuses must be refused by Terraform with the same explanation.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GOOGLE_SETTINGS } from "../../modules/google";
import { variableOf } from "../../modules/terraform/wiring";
import { GOOGLE_BAD_INPUTS } from "../google/bad-input-cases";
import { renderGoogleModule } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";

let dir: string;
const REQUIRED = { project: "lab-project-123", domain_name: "mathesar.example.org" };

function terraform(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync("terraform", [...args, "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: path.join(dir, ".terraformrc"),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  // Terraform wraps long messages over several lines; join them for matching.
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ") };
}

const varArgs = (vars: Record<string, string>) =>
  Object.entries({ ...REQUIRED, ...vars }).flatMap(([name, value]) => ["-var", `${name}=${value}`]);
const plan = (vars: Record<string, string>) =>
  terraform(["plan", "-input=false", "-refresh=false", "-lock=false", ...varArgs(vars)]);

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform validation of terraform-google-mathesar inputs",
  () => {
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-google-vars-"));
      fs.writeFileSync(path.join(dir, ".terraformrc"), "");
      const root = renderGoogleModule().modules[""];
      // Expressions of the root that read no submodule can be evaluated without providers; expose them as outputs.
      const expressions: Record<string, string> = {
        image: root.module.cloud_run.image,
        behind_load_balancer: (root.module.edge.count as string).replace(/ \? 1 : 0\}$/, "}"),
        logs: root.output.logs.value,
      };
      for (const [name, expression] of Object.entries(expressions))
        if (/module\./.test(expression)) throw new Error(`${name} reads a submodule: ${expression}`);
      fs.writeFileSync(
        path.join(dir, "main.tf.json"),
        JSON.stringify({
          variable: root.variable,
          output: Object.fromEntries(Object.entries(expressions).map(([name, value]) => [name, { value }])),
        }),
      );
      const init = terraform(["init", "-backend=false", "-input=false"]);
      if (!init.ok) throw new Error(init.output);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the defaults with a project and a domain pass", () => {
      const result = plan({});
      expect(result.output).not.toMatch(/Error/);
      expect(result.ok).toBe(true);
    });

    test("the researcher's complete configuration passes", () => {
      const result = plan({
        region: "europe-west4",
        size: "large",
        dns_zone: "lab-example-edu",
        iap_members: '["group:lab@example.edu", "user:prof@example.edu", "domain:example.edu"]',
        cloud_armor_enabled: "true",
        cloud_armor_allowed_ip_ranges: '["192.0.2.0/24"]',
        sso_config_secret_id: "mathesar-sso",
        require_sso_login: "true",
        min_instances: "2",
        max_instances: "6",
        labels: '{ team = "lab" }',
        existing_network:
          '{ network_id = "projects/lab-project-123/global/networks/lab", subnetwork_id = "projects/lab-project-123/regions/europe-west4/subnetworks/lab" }',
      });
      expect(result.output).not.toMatch(/Error/);
      expect(result.ok).toBe(true);
    });

    test("a VM with Caddy in a zone of the region passes", () => {
      const result = plan({
        runtime: "vm",
        vm_edge: "caddy",
        vm_zone: "us-central1-b",
        acme_email: "it@example.org",
        caddy_allowed_source_ranges: '["0.0.0.0/0"]',
      });
      expect(result.output).not.toMatch(/Error/);
    });

    test("verify-ca on Cloud SQL, and an existing database verified against its CA, pass", () => {
      const pem = "-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIU\\n-----END CERTIFICATE-----\\n";
      const cases: Array<Record<string, string>> = [
        { database_sslmode: "verify-ca" },
        {
          existing_database: `{ host = "10.0.0.3", password_secret_id = "db", sslmode = "verify-full", ca_certificate = "${pem}" }`,
        },
      ];
      for (const vars of cases) {
        const result = plan(vars);
        expect(result.output).not.toMatch(/Error/);
        expect(result.ok).toBe(true);
      }
    });

    const bad: Array<[string, Record<string, string>, string]> = [
      [
        "an IAP member without a type",
        { iap_members: '["ada@example.org"]' },
        "Invalid iap_members: every entry must be an IAM member such as user:ada@example.org",
      ],
      [
        "an IAP member of type allUsers",
        { iap_members: '["allUsers"]' },
        "Invalid iap_members: every entry must be an IAM member",
      ],
      [
        "a PSA range that is no CIDR",
        { private_service_access_cidr: "10.20.0.0" },
        "Invalid private_service_access_cidr",
      ],
      [
        "eleven allowed ranges",
        {
          cloud_armor_enabled: "true",
          cloud_armor_allowed_ip_ranges: `[${Array.from({ length: 11 }, (_, i) => `"10.${i}.0.0/16"`).join(", ")}]`,
        },
        "Invalid cloud_armor_allowed_ip_ranges: must list 1 to 10 entries",
      ],
      [
        "allowed ranges without Cloud Armor",
        { cloud_armor_allowed_ip_ranges: '["192.0.2.0/24"]' },
        "Invalid cloud_armor_allowed_ip_ranges without cloud_armor_enabled: nothing would enforce them.",
      ],
      ["a subnet too small for Direct VPC egress", { subnet_cidr: "10.10.0.0/27" }, "needs a /26 or larger"],
      ["an uppercase label", { labels: '{ Team = "lab" }' }, "Invalid labels: every key must be a label key"],
      [
        "SSO required without a configuration",
        { require_sso_login: "true" },
        "Invalid require_sso_login true without sso_config_secret_id",
      ],
      [
        "an existing database without host",
        { existing_database: '{ host = "", password_secret_id = "db" }' },
        "Invalid existing_database.host",
      ],
      [
        "an existing database with verify-full and no CA",
        { existing_database: '{ host = "10.0.0.3", password_secret_id = "db", sslmode = "verify-full" }' },
        "Invalid existing_database: sslmode verify-ca or verify-full needs ca_certificate",
      ],
      [
        "an existing database with verify-ca and no CA",
        { existing_database: '{ host = "10.0.0.3", password_secret_id = "db", sslmode = "verify-ca" }' },
        "Invalid existing_database: sslmode verify-ca or verify-full needs ca_certificate",
      ],
      [
        "an existing database with a CA that is no PEM",
        {
          existing_database:
            '{ host = "10.0.0.3", password_secret_id = "db", sslmode = "verify-ca", ca_certificate = "my-ca" }',
        },
        "Invalid existing_database.ca_certificate: must be one or more PEM certificates",
      ],
      [
        "an existing database with an unknown sslmode",
        { existing_database: '{ host = "10.0.0.3", password_secret_id = "db", sslmode = "allow" }' },
        "Invalid existing_database.sslmode: must be one of",
      ],
      [
        "verify-full on Cloud SQL",
        { database_sslmode: "verify-full" },
        "Cloud SQL's server certificates do not name the instance's private IP",
      ],
      [
        "an unknown database_sslmode",
        { database_sslmode: "disable" },
        'Invalid database_sslmode "disable": must be one of',
      ],
      [
        "database_sslmode beside existing_database",
        { database_sslmode: "verify-ca", existing_database: '{ host = "10.0.0.3", password_secret_id = "db" }' },
        "Invalid database_sslmode with existing_database",
      ],
      [
        "an existing database on a Cloud SQL socket path",
        { existing_database: '{ host = "/cloudsql/lab-project-123:us-central1:lab", password_secret_id = "db" }' },
        "Invalid existing_database.host: must be a host name or an IP address",
      ],
      [
        "an existing database on port 0",
        { existing_database: '{ host = "10.0.0.3", password_secret_id = "db", port = 0 }' },
        "Invalid existing_database.port: must be a whole number from 1 to 65535",
      ],
      [
        "an existing network given by name",
        { existing_network: '{ network_id = "lab", subnetwork_id = "lab" }' },
        "Invalid existing_network: network_id must be a network id",
      ],
      [
        "a caddy range that is no CIDR",
        { caddy_allowed_source_ranges: '["campus"]' },
        "Invalid caddy_allowed_source_ranges: every entry must be an IPv4 CIDR block",
      ],
    ];

    // The table the construct's test shares: the same bad input, the same words, the variables' names.
    test.each(GOOGLE_BAD_INPUTS.map((c) => [c.what, c] as const))("refuses %s (both flavours)", (_what, bad) => {
      const result = plan(bad.variables);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(bad.says((prop) => variableOf(GOOGLE_SETTINGS, prop)));
    });

    test.each(bad)("refuses %s", (_what, vars, message) => {
      const result = plan(vars);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(message);
    });

    describe("root expressions Terraform evaluates without providers", () => {
      const outputs = (vars: Record<string, string>): Record<string, { value: unknown }> => {
        const applied = terraform(["apply", "-auto-approve", "-input=false", "-lock=false", ...varArgs(vars)]);
        if (!applied.ok) throw new Error(applied.output);
        const shown = spawnSync("terraform", ["output", "-json"], {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, TF_CLI_CONFIG_FILE: path.join(dir, ".terraformrc") },
        });
        return JSON.parse(shown.stdout) as Record<string, { value: unknown }>;
      };

      test("a Docker Hub repository is qualified with docker.io, a registry host is kept", () => {
        expect(outputs({}).image.value).toBe("docker.io/mathesar/mathesar:0.11.0");
        expect(
          outputs({ image_repository: "us-docker.pkg.dev/lab/mirror/mathesar", mathesar_version: "0.10.1" }).image
            .value,
        ).toBe("us-docker.pkg.dev/lab/mirror/mathesar:0.10.1");
      });

      test("only the VM with Caddy bypasses the load balancer", () => {
        expect(outputs({}).behind_load_balancer.value).toBe(true);
        expect(outputs({ runtime: "vm" }).behind_load_balancer.value).toBe(true);
        expect(outputs({ runtime: "vm", vm_edge: "caddy" }).behind_load_balancer.value).toBe(false);
      });

      test("the logs query names the Cloud Run service, or the VM", () => {
        const query = (vars: Record<string, string>) =>
          decodeURIComponent(
            String(outputs(vars).logs.value)
              .replace(/^.*;query=|\?project=.*$/g, "")
              .replace(/\+/g, " "),
          );
        expect(query({ name: "lab" })).toBe('resource.type="cloud_run_revision" resource.labels.service_name="lab"');
        expect(query({ name: "lab", runtime: "vm" })).toBe(
          'resource.type="gce_instance" labels."compute.googleapis.com/resource_name"="lab-mathesar"',
        );
      });
    });
  },
);

/**
 * The Cloud Run module builds its container environment as one Terraform expression (a dynamic block over a
 * list, because the SSO secret is optional): Terraform evaluates that list here, so every variable Mathesar
 * reads gets the value it should — numbers included — and secrets stay references, never values.
 */
describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform evaluates the Cloud Run module's environment",
  () => {
    let envDir: string;
    const module = renderGoogleModule().modules["modules/cloud-run"];
    const forEach = module.resource.google_cloud_run_v2_service.this.template.containers[0].dynamic.env
      .for_each as string;
    const vars: Record<string, string> = {
      project: "lab-project-123",
      network_id: "projects/lab-project-123/global/networks/lab",
      subnetwork_id: "projects/lab-project-123/regions/us-central1/subnetworks/lab",
      image: "docker.io/mathesar/mathesar:0.11.0",
      domain_name: "mathesar.example.org",
      web_concurrency: "3",
      database_host: "10.20.0.3",
      database_password_secret_id: "mathesar-database-password",
      secret_key_secret_id: "mathesar-secret-key",
      admin_password_secret_id: "mathesar-admin-password",
      cpu: "1",
      memory_mib: "2048",
    };
    type Entry = { name: string; value: string; secret: string };
    const evaluate = (extra: Record<string, string>): Record<string, Entry> => {
      const args = Object.entries({ ...vars, ...extra }).flatMap(([k, v]) => ["-var", `${k}=${v}`]);
      const env = { ...process.env, TF_CLI_CONFIG_FILE: path.join(envDir, ".terraformrc"), CHECKPOINT_DISABLE: "1" };
      const applied = spawnSync(
        "terraform",
        ["apply", "-auto-approve", "-input=false", "-lock=false", "-no-color", ...args],
        { cwd: envDir, encoding: "utf8", env },
      );
      if (applied.status !== 0) throw new Error(`${applied.stdout}${applied.stderr}`);
      const shown = spawnSync("terraform", ["output", "-json", "env"], { cwd: envDir, encoding: "utf8", env });
      return Object.fromEntries((JSON.parse(shown.stdout) as Entry[]).map((e) => [e.name, e]));
    };

    beforeAll(() => {
      envDir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-google-env-"));
      fs.writeFileSync(path.join(envDir, ".terraformrc"), "");
      fs.writeFileSync(
        path.join(envDir, "main.tf.json"),
        JSON.stringify({ variable: module.variable, output: { env: { value: forEach } } }),
      );
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: envDir,
        encoding: "utf8",
        env: { ...process.env, TF_CLI_CONFIG_FILE: path.join(envDir, ".terraformrc") },
      });
      if (init.status !== 0) throw new Error(init.stderr);
    });
    afterAll(() => fs.rmSync(envDir, { recursive: true, force: true }));

    test("plain values are the values, numbers included", () => {
      const env = evaluate({});
      expect(env.POSTGRES_HOST.value).toBe("10.20.0.3");
      expect(env.POSTGRES_PORT.value).toBe("5432");
      expect(env.WEB_CONCURRENCY.value).toBe("3");
      expect(env.POSTGRES_SSLMODE.value).toBe("require");
      expect(env.ALLOWED_HOSTS.value).toBe("mathesar.example.org");
      expect(env.DJANGO_SUPERUSER_USERNAME.value).toBe("admin");
    });

    test("secrets are Secret Manager references with no value; SSO appears only when its secret is given", () => {
      const off = evaluate({});
      expect(
        [off.POSTGRES_PASSWORD, off.SECRET_KEY, off.DJANGO_SUPERUSER_PASSWORD].map((e) => [e.value, e.secret]),
      ).toEqual([
        ["", "mathesar-database-password"],
        ["", "mathesar-secret-key"],
        ["", "mathesar-admin-password"],
      ]);
      expect(off.SSO_CONFIG_DICT).toBeUndefined();
      const on = evaluate({ sso_config_secret_id: "mathesar-sso", require_sso_login: "true" });
      expect(on.SSO_CONFIG_DICT).toEqual({ name: "SSO_CONFIG_DICT", value: "", secret: "mathesar-sso" });
      expect(on.REQUIRE_SSO_LOGIN.value).toBe("true");
    });

    test("admin_enabled = false leaves the bootstrap without an admin to create", () => {
      expect(evaluate({ admin_enabled: "false" }).DJANGO_SUPERUSER_USERNAME.value).toBe("");
    });
  },
);

/**
 * `null` for every variable of terraform-google-mathesar: Terraform takes a null for a non-nullable variable as
 * "use the default", so no null can switch a protection off; only the variables whose null is documented as
 * "unset" accept it, and a required one refuses it, naming itself.
 */
describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "null for each variable of terraform-google-mathesar",
  () => {
    type Spec = { default?: unknown; nullable?: boolean; sensitive?: boolean; description: string };
    const rendered = renderGoogleModule();
    const rootVariables = rendered.modules[""].variable as Record<string, Spec>;
    // Null means "unset" only where the description says what unset does.
    const NULL_MEANS_UNSET = [
      "acme_email",
      "caddy_allowed_source_ranges",
      "cloud_armor_allowed_ip_ranges",
      "database_disk_size_gb",
      "database_high_availability",
      "database_tier",
      "dns_zone",
      "existing_database",
      "existing_network",
      "iap_oauth_client_id",
      "iap_oauth_client_secret",
      "max_instances",
      "min_instances",
      "private_service_access_cidr",
      "security_policy",
      "sso_config_secret_id",
      "vm_machine_type",
      "vm_zone",
    ];
    let nullDir: string;
    const env = () => ({
      ...process.env,
      TF_CLI_CONFIG_FILE: path.join(nullDir, ".terraformrc"),
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
    });
    /** A plan with the required values and `nulls` passed as real nulls (`-var x=null` on a string is the text "null"). */
    const planWithNulls = (nulls: string[], out?: string) => {
      fs.writeFileSync(
        path.join(nullDir, "nulls.tfvars.json"),
        JSON.stringify({ ...REQUIRED, ...Object.fromEntries(nulls.map((name) => [name, null])) }),
      );
      const result = spawnSync(
        "terraform",
        [
          "plan",
          "-input=false",
          "-refresh=false",
          "-lock=false",
          "-no-color",
          "-var-file=nulls.tfvars.json",
          ...(out ? [`-out=${out}`] : []),
        ],
        {
          cwd: nullDir,
          encoding: "utf8",
          env: env(),
        },
      );
      return {
        ok: result.status === 0,
        output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " "),
      };
    };

    beforeAll(() => {
      nullDir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-google-nulls-"));
      fs.writeFileSync(path.join(nullDir, ".terraformrc"), "");
      // Every variable echoed as an output, so a test reads the value Terraform settled on.
      const output = Object.fromEntries(
        Object.entries(rootVariables).map(([name, spec]) => [
          name,
          { value: `\${var.${name}}`, sensitive: spec.sensitive },
        ]),
      );
      fs.writeFileSync(path.join(nullDir, "main.tf.json"), JSON.stringify({ variable: rootVariables, output }));
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: nullDir,
        encoding: "utf8",
        env: env(),
      });
      if (init.status !== 0) throw new Error(init.stderr);
    });
    afterAll(() => fs.rmSync(nullDir, { recursive: true, force: true }));

    test("only the variables whose null is documented as unset accept null; their default is null and their description says what null does", () => {
      const nullable = Object.entries(rootVariables)
        .filter(([, spec]) => spec.nullable !== false)
        .map(([name]) => name);
      expect(nullable.sort()).toEqual(NULL_MEANS_UNSET);
      for (const name of nullable) {
        expect([name, rootVariables[name].default ?? null]).toEqual([name, null]);
        expect([name, /null|empty|unset|either/i.test(rootVariables[name].description)]).toEqual([name, true]);
      }
    });

    test("null for every other variable with a default gives that default (deletion protection stays on)", () => {
      // GIVEN null for each variable at once
      const withDefault = Object.entries(rootVariables).filter(
        ([name, spec]) => !NULL_MEANS_UNSET.includes(name) && spec.default !== undefined,
      );
      expect(withDefault.length).toBeGreaterThan(20);
      const planned = planWithNulls([...withDefault.map(([name]) => name), ...NULL_MEANS_UNSET], "nulls.plan");
      expect(planned.output).not.toMatch(/Error/);
      // THEN each has its default
      const shown = spawnSync("terraform", ["show", "-json", "nulls.plan"], {
        cwd: nullDir,
        encoding: "utf8",
        env: env(),
      });
      const outputs = (JSON.parse(shown.stdout) as { planned_values: { outputs: Record<string, { value: unknown }> } })
        .planned_values.outputs;
      for (const [name, spec] of withDefault) expect([name, outputs[name].value]).toEqual([name, spec.default]);
      expect(outputs.deletion_protection.value).toBe(true);
      expect(outputs.database_password_version.value).toBe(1);
    });

    test.each(["project", "domain_name"])("null for the required %s is refused, naming it", (name) => {
      const result = planWithNulls([name]);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(new RegExp(`var\\.${name}|"${name}"`));
    });

    test("in every submodule, a variable with a non-null default refuses null, and one fed a value that can be null accepts it", () => {
      for (const [folder, { variable }] of Object.entries(rendered.modules)) {
        for (const [name, spec] of Object.entries(variable as Record<string, Spec>)) {
          if (spec.default !== undefined && spec.default !== null)
            expect([folder, name, spec.nullable]).toEqual([folder, name, false]);
        }
      }
      // A module argument that is a nullable root variable, or one(...) of a counted module, may be null.
      const folderOf = (call: string) => `modules/${call.replace(/_/g, "-")}`;
      for (const [call, args] of Object.entries(
        rendered.modules[""].module as Record<string, Record<string, unknown>>,
      )) {
        for (const [arg, value] of Object.entries(args)) {
          const variable = /^\$\{var\.([a-z_]+)\}$/.exec(String(value));
          const mayBeNull = variable
            ? rootVariables[variable[1]]?.nullable !== false
            : /^\$\{one\(/.test(String(value)) || /\? null :|: null\}/.test(String(value));
          if (mayBeNull)
            expect([call, arg, rendered.modules[folderOf(call)].variable[arg].nullable]).toEqual([call, arg, true]);
        }
      }
    });
  },
);
