/**
 * verify-ca / verify-full on DigitalOcean: the managed cluster's CA comes from the `digitalocean_database_ca`
 * data source (an existing server's from the user, PEM); it travels as a plain variable (a CA certificate is
 * public) and the web service and the pre-deploy job write it to a file before anything connects.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DATABASE_CA_ENV, DATABASE_CA_FILE, NO_DATABASE_CA, writeDatabaseCaCommand } from "../../modules/mathesar";
import { MathesarOnDigitalOcean, type MathesarOnDigitalOceanProps } from "../../modules/digitalocean";
import { renderDigitalOceanModule, synthDigitalOcean, type TerraformJson } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";
import { variableClosure, variablesOnly } from "./terraform-variables";

type Env = { key: string; value: string; type: string };
const components = (config: TerraformJson) => {
  const spec = (Object.values(config.resource.digitalocean_app)[0] as TerraformJson).spec;
  return [...spec.service, ...spec.job] as Array<{ name: string; run_command: string; env: Env[] }>;
};
const envOf = (c: { env: Env[] }) => Object.fromEntries(c.env.map((e) => [e.key, e]));
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n";

describe("DigitalOcean: the database server's CA for verify-ca / verify-full", () => {
  test("managed verify-full: the cluster's CA from digitalocean_database_ca, written to a file by both components", () => {
    const config = synthDigitalOcean({ database: { managed: { sslMode: "verify-full" } } });
    const [caData] = Object.entries(config.data?.digitalocean_database_ca ?? {});
    expect(caData).toBeDefined();
    expect((caData[1] as TerraformJson).cluster_id).toMatch(/\$\{digitalocean_database_cluster\.\w+\.id\}/);
    for (const c of components(config)) {
      const env = envOf(c);
      expect(env.PGSSLMODE.value).toBe("verify-full");
      expect(env.POSTGRES_SSLMODE.value).toBe("verify-full");
      expect(env.PGSSLROOTCERT.value).toBe(DATABASE_CA_FILE);
      expect(env[DATABASE_CA_ENV]).toMatchObject({
        type: "GENERAL",
        value: `\${data.digitalocean_database_ca.${caData[0]}.certificate}`,
      });
      expect(c.run_command).toContain(`> ${DATABASE_CA_FILE}`);
    }
  });

  test("require (the default): no CA data source; the CA variable says none, so nothing is written", () => {
    // As in the module (a Terraform variable cannot be absent): both flavours plan the same env.
    const config = synthDigitalOcean({});
    expect(config.data?.digitalocean_database_ca).toBeUndefined();
    for (const c of components(config)) {
      expect(envOf(c)[DATABASE_CA_ENV].value).toBe(NO_DATABASE_CA);
      // The start command writes the file only for a PEM: libpq under require then finds none and skips it.
      expect(c.run_command).toContain(writeDatabaseCaCommand());
      expect(writeDatabaseCaCommand()).toContain('*"-----BEGIN CERTIFICATE-----"*)');
    }
  });

  test("an existing server's CA is the user's PEM", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const password = new TerraformVariable(stack, "pw", { sensitive: true }).stringValue;
    const props: MathesarOnDigitalOceanProps = {
      database: { existing: { host: "db.example.org", password, sslMode: "verify-ca", caCertificate: PEM } },
    };
    new MathesarOnDigitalOcean(stack, "M", props);
    const config = JSON.parse(Testing.synth(stack)) as TerraformJson;
    for (const c of components(config)) expect(envOf(c)[DATABASE_CA_ENV].value).toBe(PEM);
  });

  test.each([
    [{ managed: { sslMode: "verify-ca" } }, undefined],
    [
      { managed: { sslMode: "prefer" } },
      /Invalid database\.managed\.sslMode "prefer": must be one of "require", "verify-ca", "verify-full"/,
    ],
    [
      { existing: { host: "db.example.org", sslMode: "verify-full" } },
      /Invalid database\.existing\.sslMode "verify-full": needs database\.existing\.caCertificate/,
    ],
    [
      { existing: { host: "db.example.org", sslMode: "verify-full", caCertificate: "not a pem" } },
      /Invalid database\.existing\.caCertificate "not a pem": must be one or more PEM certificates/,
    ],
  ])("%j", (database, error) => {
    const stack = new TerraformStack(Testing.app(), "t");
    const password = new TerraformVariable(stack, "pw", { sensitive: true }).stringValue;
    const withPassword =
      "existing" in database ? { existing: { ...(database as { existing: object }).existing, password } } : database;
    const build = () =>
      new MathesarOnDigitalOcean(stack, "M", { database: withPassword } as MathesarOnDigitalOceanProps);
    if (error) expect(build).toThrow(error);
    else expect(build).not.toThrow();
  });

  test("the composed commands write the PEM, then run what they ran before (a real shell)", () => {
    const config = synthDigitalOcean({ database: { managed: { sslMode: "verify-full" } } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "do-ca-"));
    const file = path.join(dir, "ca.pem");
    for (const c of components(config)) {
      // The App Platform command, with the CA file moved into the test folder and the program replaced by `echo`.
      const command = c.run_command
        .replace(DATABASE_CA_FILE, file)
        .replace(/python -c "[^"]*"/, "echo bootstrap-ran")
        .replace(
          /python manage\.py collectstatic --noinput --clear && exec bash \.\/bin\/mathesar run -ne/,
          "echo web-ran",
        );
      const out = execFileSync("sh", ["-c", command], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, [DATABASE_CA_ENV]: PEM },
      });
      expect(out.trim()).toBe(c.name === "web" ? "web-ran" : "bootstrap-ran");
      expect(fs.readFileSync(file, "utf8")).toBe(PEM.endsWith("\n") ? `${PEM}\n` : `${PEM}\n`);
      fs.rmSync(file);
    }
    fs.rmSync(dir, { recursive: true });
  });
});

test('the module passes the cluster\'s CA only for the verify modes, "none" otherwise, and its app writes it at start', () => {
  const rendered = renderDigitalOceanModule().modules;
  const call = rendered[""].module.app;
  expect(call.database_ca_certificate).toContain(
    '(var.database_sslmode == "require") ? "none" : one(data.digitalocean_database_ca.this[*].certificate)',
  );
  expect(rendered[""].data.digitalocean_database_ca.this.count).toMatch(/var\.database_sslmode != "require"/);
  const app = components(rendered["modules/app"]);
  for (const c of app) {
    expect(envOf(c)[DATABASE_CA_ENV].value).toBe("${var.database_ca_certificate}");
    expect(c.run_command).toContain(`> ${DATABASE_CA_FILE}`);
  }
});

describeWithTool("terraform", hasTool("terraform", ["version"]), "DigitalOcean module: verify modes need a CA", () => {
  test("the root module's variables", () => {
    const folder = variablesOnly(
      variableClosure(renderDigitalOceanModule().modules[""].variable, ["database_sslmode", "existing_database"]),
    );
    try {
      expect(folder.plan({ database_sslmode: "verify-full" }).output).not.toMatch(/Error/);
      expect(folder.plan({ database_sslmode: "prefer" }).output).toContain('Invalid database_sslmode "prefer"');
      const noCa = folder.plan({ existing_database: '{ host = "db.example.org", sslmode = "verify-full" }' });
      expect(noCa.output).toContain("Invalid existing_database: sslmode verify-ca or verify-full needs ca_certificate");
      const withCa = folder.plan({
        existing_database: `{ host = "db.example.org", sslmode = "verify-full", ca_certificate = ${JSON.stringify(PEM)} }`,
      });
      expect(withCa.output).not.toMatch(/Invalid existing_database/);
    } finally {
      fs.rmSync(folder.dir, { recursive: true, force: true });
    }
  });
});
