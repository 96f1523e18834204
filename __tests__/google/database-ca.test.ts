/**
 * TLS verification of the database server on Google Cloud: `verify-ca` against Cloud SQL's own server CA (read
 * from the instance), or against the CA given for an existing database; `verify-full` refused on Cloud SQL
 * (its server certificates do not name the private IP), verify modes refused without a CA. Cloud Run gets the
 * PEM as a plain variable its start command writes to a file; the VM gets it base64-encoded in its env file
 * (an env file cannot carry a line break), decoded by the container's command — run here by real Python.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, existsSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DATABASE_CA_ENV, DATABASE_CA_FILE, adminBootstrapShellCommand } from "../../modules/mathesar";
import { VM_DATABASE_CA_BASE64_ENV, renderVmCloudInit, vmDatabaseCaCommand } from "../../modules/google/vm-cloud-init";
import { renderGoogleModule, synthGoogle, type TerraformJson } from "../support/synth";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2xvdWRTUUxDQQ==\n-----END CERTIFICATE-----\n";
const EXISTING = { host: "10.0.0.3", passwordSecretId: "lab-db-password" };
// one(...[*]) rather than [0]: null while the list is empty (a state written before apply), never a plan error.
const SERVER_CA = "${one(google_sql_database_instance.this.server_ca_cert[*].cert)}";

type Env = { name: string; value?: string };
const container = (config: TerraformJson) => config.resource.google_cloud_run_v2_service.this.template.containers[0];
const plainEnv = (config: TerraformJson): Record<string, string | undefined> =>
  Object.fromEntries((container(config).env as Env[]).map((e) => [e.name, e.value]));
const userData = (config: TerraformJson): string =>
  (Object.values(config.resource.google_compute_instance)[0] as { metadata: Record<string, string> }).metadata[
    "user-data"
  ];

describe("Cloud SQL created by the construct", () => {
  test("default: require, no CA, no file written", () => {
    const config = synthGoogle();
    const env = plainEnv(config);
    expect(env.PGSSLMODE).toBe("require");
    expect(env[DATABASE_CA_ENV]).toBeUndefined();
    expect(env.PGSSLROOTCERT).toBeUndefined();
  });

  test("sslMode verify-ca: the instance's server CA reaches Cloud Run as a plain variable, written before anything connects", () => {
    const config = synthGoogle({ database: { managed: { sslMode: "verify-ca" } } });
    const env = plainEnv(config);
    expect(env.PGSSLMODE).toBe("verify-ca");
    expect(env.PGSSLROOTCERT).toBe(DATABASE_CA_FILE);
    expect(env[DATABASE_CA_ENV]).toBe(SERVER_CA);
    const script: string = container(config).command[2];
    expect(script.indexOf(DATABASE_CA_FILE)).toBeGreaterThanOrEqual(0);
    expect(script.indexOf(adminBootstrapShellCommand())).toBeGreaterThan(0);
    expect(script.indexOf(DATABASE_CA_FILE)).toBeLessThan(script.indexOf(adminBootstrapShellCommand()));
  });

  test("verify-full is refused: Cloud SQL's server certificates do not name the private IP", () => {
    expect(() => synthGoogle({ database: { managed: { sslMode: "verify-full" as "verify-ca" } } })).toThrow(
      /database\.managed\.sslMode "verify-full".*private IP.*verify-ca/,
    );
  });

  test("the VM gets the CA base64-encoded in its env file, never a multi-line value", () => {
    const config = synthGoogle({ runtime: "vm", database: { managed: { sslMode: "verify-ca" } } });
    const text = userData(config);
    expect(text).toContain(`${VM_DATABASE_CA_BASE64_ENV}=\${base64encode(${SERVER_CA.slice(2, -1)})}`);
    expect(text).toContain(`PGSSLROOTCERT=${DATABASE_CA_FILE}`);
    expect(text).not.toContain(`${DATABASE_CA_ENV}=`);
    // The container's command decodes it before the bootstrap (systemd's quoting escapes the double quotes).
    const step = vmDatabaseCaCommand().replace(/"/g, '\\"');
    expect(text).toContain(step);
    expect(text.indexOf(step)).toBeLessThan(text.indexOf('-c "set -a') + 200);
  });

  test("without a CA the VM's command has no decoding step", () => {
    expect(userData(synthGoogle({ runtime: "vm" }))).not.toContain(VM_DATABASE_CA_BASE64_ENV);
  });

  test("the VM's renderer refuses the PEM itself as plain environment (it must come base64-encoded)", () => {
    expect(() =>
      renderVmCloudInit({
        edge: "load_balancer",
        project: "lab-project-123",
        image: "docker.io/mathesar/mathesar:0.11.0",
        environment: { [DATABASE_CA_ENV]: "x" },
        secretEnvironment: {},
      }),
    ).toThrow(/base64/);
  });
});

describe("an existing database", () => {
  test("verify-ca and verify-full without caCertificate are refused", () => {
    for (const sslMode of ["verify-ca", "verify-full"] as const) {
      expect(() => synthGoogle({ database: { existing: { ...EXISTING, sslMode } } })).toThrow(/caCertificate/);
    }
  });

  test("verify-full with its CA: PGSSLMODE, PGSSLROOTCERT and the PEM on Cloud Run", () => {
    const env = plainEnv(
      synthGoogle({ database: { existing: { ...EXISTING, sslMode: "verify-full", caCertificate: PEM } } }),
    );
    expect(env.PGSSLMODE).toBe("verify-full");
    expect(env.PGSSLROOTCERT).toBe(DATABASE_CA_FILE);
    expect(env[DATABASE_CA_ENV]).toBe(PEM);
  });

  test("on the VM the literal PEM is base64 in the env file", () => {
    const text = userData(
      synthGoogle({ runtime: "vm", database: { existing: { ...EXISTING, sslMode: "verify-ca", caCertificate: PEM } } }),
    );
    expect(text).toContain(`${VM_DATABASE_CA_BASE64_ENV}=${Buffer.from(PEM).toString("base64")}\n`);
  });

  test("a caCertificate that is no PEM is refused", () => {
    expect(() =>
      synthGoogle({ database: { existing: { ...EXISTING, sslMode: "verify-ca", caCertificate: "my-ca" } } }),
    ).toThrow(/database\.existing\.caCertificate/);
  });
});

describe("the VM's decoding step, run by real Python", () => {
  const run = (value: string | undefined) => {
    const dir = mkdtempSync(join(tmpdir(), "mathesar-ca-"));
    const file = join(dir, "ca.pem");
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    if (value !== undefined) env[VM_DATABASE_CA_BASE64_ENV] = value;
    const result = spawnSync("sh", ["-c", vmDatabaseCaCommand(file)], { env, encoding: "utf8" });
    const written = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    rmSync(dir, { recursive: true, force: true });
    return { status: result.status, stderr: result.stderr, written };
  };

  test("a base64 PEM is written byte for byte (plus a final line break)", () => {
    const result = run(Buffer.from(PEM.trimEnd()).toString("base64"));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.written).toBe(`${PEM.trimEnd()}\n`);
  });

  test.each([
    ["unset", undefined],
    ["empty", ""],
    ["no PEM (the module's none)", Buffer.from("none").toString("base64")],
  ])("%s: nothing written, success", (_what, value) => {
    const result = run(value);
    expect(result.status).toBe(0);
    expect(result.written).toBeUndefined();
  });

  test("the step has no $ or % (systemd would expand them)", () => {
    expect(vmDatabaseCaCommand()).not.toMatch(/[$%]/);
  });
});

describe("the module", () => {
  const rendered = renderGoogleModule();
  const root = rendered.modules[""];

  test("database_sslmode: require by default, verify-ca offered, verify-full refused saying why", () => {
    expect(root.variable.database_sslmode.default).toBe("require");
    const messages = (root.variable.database_sslmode.validation as Array<{ error_message: string }>)
      .map((v) => v.error_message)
      .join("\n");
    expect(messages).toMatch(/verify-full.*private IP/);
  });

  test("the managed CA comes from the instance's server_ca_cert; the runtime modules take it", () => {
    expect(rendered.modules["modules/database"].output.server_ca_certificate.value).toBe(SERVER_CA);
    // verify-ca on the managed database: the instance's CA; otherwise "none" (the start command writes nothing).
    const expected =
      '${(var.existing_database != null) ? coalesce(var.existing_database.ca_certificate, "none") : ' +
      '(var.database_sslmode == "verify-ca") ? one(module.database[*].server_ca_certificate) : "none"}';
    expect(root.module.cloud_run.database_ca_certificate).toBe(expected);
    expect(root.module.vm.database_ca_certificate).toBe(expected);
    for (const name of ["modules/cloud-run", "modules/vm"])
      expect(rendered.modules[name].variable.database_ca_certificate.default).toBe("none");
  });

  test("existing_database takes ca_certificate", () => {
    expect(root.variable.existing_database.type).toContain("ca_certificate = optional(string)");
  });
});
