/**
 * verify-ca / verify-full on AWS: the RDS CA bundle is not in the provider, so the user gives the PEM (the
 * regional bundle from AWS's trust store); it travels as a plain variable and the bootstrap and web containers
 * write it to a file before anything connects (PGSSLROOTCERT).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DATABASE_CA_ENV, DATABASE_CA_FILE } from "../../modules/mathesar";
import { MathesarOnAws, type MathesarOnAwsProps } from "../../modules/aws";
import { renderAwsModule } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";
import { variableClosure, variablesOnly } from "./terraform-variables";

type Definition = { name: string; command?: string[]; environment: Array<{ name: string; value: string }> };
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n";
const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";

function definitions(props: Partial<MathesarOnAwsProps>): Definition[] {
  const stack = new TerraformStack(Testing.app(), "t");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  const mathesar = new MathesarOnAws(stack, "M", {
    domainName: "mathesar.example.org",
    ...props,
  } as MathesarOnAwsProps);
  return mathesar.service.containerDefinitions as Definition[];
}
const envOf = (d: Definition) => Object.fromEntries(d.environment.map((e) => [e.name, e.value]));

describe("AWS: the database server's CA for verify-ca / verify-full", () => {
  test("managed RDS with verify-full and the regional bundle: both containers write it and name it", () => {
    for (const d of definitions({ database: { managed: { sslMode: "verify-full", caCertificate: PEM } } })) {
      expect(envOf(d)).toMatchObject({
        PGSSLMODE: "verify-full",
        POSTGRES_SSLMODE: "verify-full",
        PGSSLROOTCERT: DATABASE_CA_FILE,
        [DATABASE_CA_ENV]: PEM,
      });
      expect((d.command ?? []).join(" ")).toContain(`> ${DATABASE_CA_FILE}`);
    }
  });

  test("require (the default): no CA, commands unchanged", () => {
    for (const d of definitions({})) {
      expect(envOf(d)).not.toHaveProperty("PGSSLROOTCERT");
      expect(envOf(d)).not.toHaveProperty(DATABASE_CA_ENV);
      expect((d.command ?? []).join(" ")).not.toContain(DATABASE_CA_FILE);
    }
  });

  test("an existing server with verify-ca and its CA", () => {
    const defs = definitions({
      database: {
        existing: { host: "db.example.org", passwordSecretArn: SECRET, sslMode: "verify-ca", caCertificate: PEM },
      },
    });
    for (const d of defs) expect(envOf(d)).toMatchObject({ PGSSLMODE: "verify-ca", [DATABASE_CA_ENV]: PEM });
  });

  test.each([
    [
      { managed: { sslMode: "verify-full" } },
      /Invalid database\.managed\.sslMode "verify-full": verify-ca or verify-full needs database\.managed\.caCertificate/,
    ],
    [
      { managed: { sslMode: "prefer" } },
      /Invalid database\.managed\.sslMode "prefer": must be one of "require", "verify-ca", "verify-full"/,
    ],
    [
      { existing: { host: "db.example.org", passwordSecretArn: SECRET, sslMode: "verify-full" } },
      /Invalid database\.existing\.sslMode "verify-full": needs database\.existing\.caCertificate/,
    ],
    [
      { managed: { sslMode: "verify-full", caCertificate: "not a pem" } },
      /Invalid database\.managed\.caCertificate "not a pem": must be one or more PEM certificates/,
    ],
  ])("refuses %j", (database, error) => {
    expect(() => definitions({ database } as Partial<MathesarOnAwsProps>)).toThrow(error);
  });

  test("the composed commands write the PEM, then run what they ran before (a real shell)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-ca-"));
    const file = path.join(dir, "ca.pem");
    for (const d of definitions({ database: { managed: { sslMode: "verify-full", caCertificate: PEM } } })) {
      const [shell, flag, script] = d.command!;
      expect([shell, flag]).toEqual(["sh", "-c"]);
      const replaced = script
        .replace(DATABASE_CA_FILE, file)
        .replace(/python -c "[^"]*" && python manage\.py collectstatic --noinput --clear/, "echo bootstrap-ran")
        .replace(/exec bash \.\/bin\/mathesar run -ne/, "echo web-ran");
      const out = execFileSync("sh", ["-c", replaced], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, [DATABASE_CA_ENV]: PEM },
      });
      expect(out.trim()).toBe(d.name === "web" ? "web-ran" : "bootstrap-ran");
      expect(fs.readFileSync(file, "utf8")).toBe(`${PEM}\n`);
      fs.rmSync(file);
    }
    fs.rmSync(dir, { recursive: true });
  });
});

test('the root module passes the CA, or "none", to the service module', () => {
  const call = renderAwsModule().modules[""].module.service;
  // The managed or the existing database's CA, "none" when that one is null.
  expect(call.database_ca_certificate).toBe(
    '${coalesce((var.existing_database == null) ? var.database_ca_certificate : var.existing_database.ca_certificate, "none")}',
  );
  expect(call.database_sslmode).toContain("var.database_sslmode");
});

describeWithTool("terraform", hasTool("terraform", ["version"]), "AWS module: verify modes need a CA", () => {
  test("the root module's variables", () => {
    const folder = variablesOnly(
      variableClosure(renderAwsModule().modules[""].variable, [
        "database_sslmode",
        "database_ca_certificate",
        "existing_database",
      ]),
    );
    const withDomain = (vars: Record<string, string>) => vars;
    try {
      expect(
        folder.plan(withDomain({ database_sslmode: "verify-full", database_ca_certificate: PEM })).output,
      ).not.toMatch(/Error/);
      expect(folder.plan(withDomain({ database_sslmode: "verify-full" })).output).toContain(
        'Invalid database_sslmode "verify-full": verify-ca or verify-full needs database_ca_certificate',
      );
      expect(folder.plan(withDomain({ database_sslmode: "prefer" })).output).toContain(
        'Invalid database_sslmode "prefer"',
      );
      const noCa = folder.plan(
        withDomain({
          existing_database: `{ host = "db.example.org", password_secret_arn = "${SECRET}", sslmode = "verify-full" }`,
        }),
      );
      expect(noCa.output).toContain("Invalid existing_database: sslmode verify-ca or verify-full needs ca_certificate");
    } finally {
      fs.rmSync(folder.dir, { recursive: true, force: true });
    }
  });
});
