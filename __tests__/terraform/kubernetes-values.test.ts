/**
 * terraform-kubernetes-mathesar builds the chart values as one Terraform expression (the wiring's values over
 * the module's variables, modules/kubernetes/chart-values.ts). Terraform evaluates
 * that expression here for real (variables only, no provider): it parses, picks the right database
 * branch, and its variable validations refuse what the construct refuses.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderKubernetesModule } from "../support/synth";
import { BAD_INPUT_CASES, moduleVariables, variableName } from "../kubernetes/bad-input-cases";
import { describeWithTool, hasTool } from "../support/tools";

let dir: string;
let variableNames: string[] = [];

function values(vars: Record<string, string>): { ok: boolean; output: string; values?: Record<string, any> } {
  const args = ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.bin"];
  for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
  const result = spawnSync("terraform", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  const output = `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ");
  if (result.status !== 0) return { ok: false, output };
  const shown = spawnSync("terraform", ["show", "-json", "plan.bin"], { cwd: dir, encoding: "utf8" });
  const plan = JSON.parse(shown.stdout);
  return { ok: true, output, values: JSON.parse(plan.planned_values.outputs.values.value) };
}

const existing = '{ host = "db.example.org", password_secret_name = "mathesar-database" }';

/** Plans with a .tfvars.json file (the only way to pass a real null to a root variable); returns the echoed variables too. */
function planWithFile(vars: Record<string, unknown>): {
  ok: boolean;
  output: string;
  values?: unknown;
  echo?: Record<string, unknown>;
} {
  fs.writeFileSync(path.join(dir, "case.tfvars.json"), JSON.stringify(vars));
  const result = spawnSync(
    "terraform",
    ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.bin", "-var-file=case.tfvars.json"],
    { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
  );
  const output = `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " ");
  if (result.status !== 0) return { ok: false, output };
  const plan = JSON.parse(spawnSync("terraform", ["show", "-json", "plan.bin"], { cwd: dir, encoding: "utf8" }).stdout);
  return {
    ok: true,
    output,
    values: JSON.parse(plan.planned_values.outputs.values.value),
    echo: JSON.parse(plan.planned_values.outputs.echo.value),
  };
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Kubernetes module values, evaluated by Terraform",
  () => {
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-k8s-values-"));
      const root = renderKubernetesModule().modules[""];
      fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: root.variable }));
      const plainVariables = Object.entries(root.variable as Record<string, { sensitive?: boolean }>)
        .filter(([, spec]) => !spec.sensitive)
        .map(([name]) => name);
      const echo = `\${jsonencode({ ${plainVariables.map((name) => `${name} = var.${name}`).join(", ")} })}`;
      fs.writeFileSync(
        path.join(dir, "values.tf.json"),
        JSON.stringify({
          // The release's values as the module writes them (they read variables only).
          output: { values: { value: root.resource.helm_release.this.values[0] }, echo: { value: echo } },
        }),
      );
      variableNames = Object.keys(root.variable);
      const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
        cwd: dir,
        encoding: "utf8",
      });
      if (init.status !== 0) throw new Error(init.stderr);
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("an existing database becomes the chart's database values, with TLS required", () => {
      const result = values({
        existing_database: existing,
        domain_name: "data.example.org",
        cluster_issuer: "letsencrypt",
      });
      expect(result.output).not.toMatch(/Error/);
      expect(result.values).toMatchObject({
        fullnameOverride: "mathesar",
        image: { repository: "mathesar/mathesar", tag: "0.11.0" },
        database: {
          host: "db.example.org",
          port: 5432,
          name: "mathesar",
          user: "mathesar",
          sslMode: "require",
          existingSecret: "mathesar-database",
          passwordKey: "password",
          adminExistingSecret: "",
        },
        postgresql: { enabled: false },
        ingress: { host: "data.example.org", certManager: { clusterIssuer: "letsencrypt" } },
        admin: { enabled: true, username: "admin" },
      });
    });

    test("verify-full with a CA ConfigMap reaches the chart's values", () => {
      const result = values({
        existing_database:
          '{ host = "db.example.org", sslmode = "verify-full", password_secret_name = "s", ca_config_map = "rds-ca", ca_key = "global-bundle.pem" }',
      });
      expect(result.ok).toBe(true);
      expect(result.values).toMatchObject({
        database: {
          sslMode: "verify-full",
          caCertificate: { configMap: "rds-ca", secret: "", key: "global-bundle.pem" },
        },
      });
    });

    test("a password variable instead of a Secret name points the chart at the Secret the module creates", () => {
      const result = values({
        existing_database: '{ host = "db.example.org" }',
        existing_database_password: "s3cret-from-a-vault",
        name: "acme",
      });
      expect(result.values?.database).toMatchObject({ existingSecret: "acme-database", passwordKey: "password" });
      expect(JSON.stringify(result.values)).not.toContain("s3cret-from-a-vault");
    });

    test("the evaluation database needs in_cluster_database and leaves the host empty", () => {
      const result = values({ in_cluster_database: "true" });
      expect(result.values).toMatchObject({
        postgresql: { enabled: true },
        database: { host: "" },
        ingress: { host: "" },
      });
    });

    // The shared bad-input table (the construct refuses the same inputs: __tests__/kubernetes/bad-input.test.ts).
    test.each(BAD_INPUT_CASES.filter((c) => !c.constructOnly).map((c) => [c.what, c] as const))(
      "refuses %s, in the construct's words",
      (_what, badInput) => {
        const result = planWithFile(moduleVariables(badInput.props));
        expect(result.ok).toBe(false);
        expect(result.output).toContain(badInput.message(variableName));
      },
    );

    describe("null for every root variable: the default or a clear error, never a silent weakening", () => {
      const base = { existing_database: { host: "db.example.org", password_secret_name: "mathesar-database" } };

      test("the variables this test walks", () => {
        expect(variableNames).toEqual(
          expect.arrayContaining([
            "name",
            "namespace",
            "deletion_protection",
            "existing_database",
            "in_cluster_database",
            "replicas",
          ]),
        );
      });

      test("deletion_protection = null keeps protection on", () => {
        const result = planWithFile({ ...base, deletion_protection: null });
        expect(result.ok ? result.echo?.deletion_protection : result.output).toBe(true);
      });

      test("each variable", () => {
        const reference = planWithFile(base);
        expect(reference.ok).toBe(true);
        for (const name of variableNames) {
          const result = planWithFile({ ...base, [name]: null });
          const outcome = result.ok
            ? {
                name,
                same:
                  JSON.stringify([result.values, result.echo]) === JSON.stringify([reference.values, reference.echo]),
              }
            : { name, same: result.output.includes(name) };
          expect(outcome).toEqual({ name, same: true });
        }
      });
    });
  },
);
