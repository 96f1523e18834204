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
import { DO_BAD_INPUTS, variableName } from "../digitalocean/bad-input-cases";

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

    // The table both flavours share (the construct side: __tests__/digitalocean/bad-input.test.ts).
    const bad = DO_BAD_INPUTS.filter((c) => c.variables !== undefined).map(
      (c) => [c.what, c.variables!, c.message(variableName)] as const,
    );

    test("the shared table gives Terraform a case for most bad inputs", () => {
      expect(bad.length).toBeGreaterThanOrEqual(25);
    });

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
