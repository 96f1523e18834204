import { Fn, TerraformVariable, TerraformStack, Testing } from "cdktf";
import {
  DOMAIN_NAME_RULE,
  MATHESAR_VERSION_RULE,
  MathesarInputError,
  NAME_RULE,
  POSTGRES_VERSION_RULE,
  SIZE_RULE,
  buildMathesarEnvironment,
  checkProp,
  describeViolation,
  hclString,
  mathesarImage,
  validationFor,
  webConcurrency,
  CA_CERTIFICATE_RULE,
  nameRule,
  DATABASE_CA_FILE,
  MATHESAR_WEB_START_SCRIPT,
  SSL_MODE_WITH_CA_RULE,
  atLeastVersionCondition,
  checkSsoVersion,
  isAtLeastVersion,
  splitVersionDigest,
  ssoVersionValidation,
  withDatabaseCaFile,
  writeDatabaseCaCommand,
} from "../../modules/mathesar";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { postgresBinDir } from "../support/postgres";

const connection = {
  host: "db.internal",
  port: 5432,
  name: "mathesar",
  user: "mathesar",
  password: "SECRET-PW",
  sslMode: "require",
};

describe("environment builder", () => {
  const env = buildMathesarEnvironment({
    database: connection,
    secretKey: "SECRET-KEY",
    allowedHosts: "data.example.org",
    webConcurrency: 3,
  });

  test("always sets all three required POSTGRES_* variables", () => {
    expect(env.plain).toMatchObject({
      POSTGRES_HOST: "db.internal",
      POSTGRES_DB: "mathesar",
      POSTGRES_USER: "mathesar",
      POSTGRES_PORT: "5432",
      POSTGRES_SSLMODE: "require",
    });
  });

  test("keeps the password and the secret key out of the plain environment", () => {
    expect(env.secrets).toEqual({ POSTGRES_PASSWORD: "SECRET-PW", SECRET_KEY: "SECRET-KEY" });
    expect(JSON.stringify(env.plain)).not.toMatch(/SECRET-PW|SECRET-KEY/);
  });

  test("turns on gunicorn's access log and a longer request timeout, and leaves DEBUG off", () => {
    expect(env.plain.GUNICORN_CMD_ARGS).toBe("--timeout 120 --access-logfile -");
    expect(env.plain.DEBUG).toBe("false");
  });

  test("adds SSO only when configured, as a secret", () => {
    expect(env.secrets).not.toHaveProperty("SSO_CONFIG_DICT");
    const sso = buildMathesarEnvironment({
      database: connection,
      secretKey: "k",
      allowedHosts: "h",
      webConcurrency: 1,
      ssoConfig: "SSO",
      requireSsoLogin: true,
    });
    expect(sso.secrets.SSO_CONFIG_DICT).toBe("SSO");
    expect(sso.plain.REQUIRE_SSO_LOGIN).toBe("true");
  });

  test.each(["host", "name", "user"] as const)(
    "refuses an empty %s: the image would start a throwaway database",
    (field) => {
      expect(() =>
        buildMathesarEnvironment({
          database: { ...connection, [field]: " " },
          secretKey: "k",
          allowedHosts: "h",
          webConcurrency: 1,
        }),
      ).toThrow(/must not be empty: Mathesar would fall back to a throwaway in-container database/);
    },
  );

  test("accepts tokens for values only Terraform knows", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const host = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    expect(
      buildMathesarEnvironment({
        database: { ...connection, host },
        secretKey: "k",
        allowedHosts: "h",
        webConcurrency: 1,
      }).plain.POSTGRES_HOST,
    ).toBe(host);
  });
});

describe("gunicorn workers", () => {
  test.each([
    [1, 512, 3],
    [1, 1024, 3],
    [2, 4096, 5],
    [4, 1024, 6],
    [0.25, 256, 1],
  ])("%d vCPU and %d MiB give %d workers (2 x vCPU + 1, capped by memory)", (vcpus, memory, workers) => {
    expect(webConcurrency(vcpus, memory)).toBe(workers);
  });
});

describe("input rules", () => {
  test.each([
    [
      NAME_RULE,
      ["mathesar", "ab", "mathesar-acme-2024"],
      ["a", "-mathesar", "mathesar-", "Mathesar", "a".repeat(21), "m_x"],
    ],
    [
      DOMAIN_NAME_RULE,
      ["data.example.org", "a.b.c.example.co.uk", "xn--bcher-kva.example"],
      ["localhost", "not a domain", "-a.example.org", "a..b", "EXAMPLE.ORG", `${"a".repeat(250)}.org`],
    ],
    [MATHESAR_VERSION_RULE, ["0.11.0", "0.10.1", "1.0.0-rc.1"], ["latest", "", "0.11", "v0.11.0", "0.11.0 "]],
    [SIZE_RULE, ["small", "medium", "large"], ["xl", "Small", ""]],
  ] as const)("%#: accepts the good values and refuses the bad ones", (rule, good, bad) => {
    for (const value of good) expect({ value, ok: rule.test(value as never) }).toEqual({ value, ok: true });
    for (const value of bad) expect({ value, ok: rule.test(value as never) }).toEqual({ value, ok: false });
  });

  test("nameRule takes each target's longest prefix", () => {
    const rule = nameRule(32, "App Platform app names: 32 characters");
    expect(rule.test("a".repeat(32))).toBe(true);
    expect(rule.test("a".repeat(33))).toBe(false);
    expect(rule.test("ab")).toBe(true);
    expect(rule.allowed).toBe(
      "2 to 32 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen (App Platform app names: 32 characters)",
    );
    expect(() => nameRule(1)).toThrow(/at least 2/);
  });

  test("PostgreSQL versions are whole numbers from 14 to 18", () => {
    expect([13, 14, 16.5, 18, 19].map((v) => POSTGRES_VERSION_RULE.test(v))).toEqual([false, true, false, true, false]);
  });

  test("checkProp names the prop, the value and what is allowed", () => {
    expect(() => checkProp("size", "xl", SIZE_RULE)).toThrow(
      new MathesarInputError('Invalid size "xl": must be one of "small", "medium", "large".'),
    );
    expect(describeViolation("name", 3, { allowed: "x" })).toBe("Invalid name 3: must be x.");
  });

  test("checkProp leaves tokens to Terraform and undefined to the defaults", () => {
    expect(() => checkProp("size", Fn.lower("XL"), SIZE_RULE)).not.toThrow();
    expect(() => checkProp("size", undefined, SIZE_RULE)).not.toThrow();
  });

  test("Terraform validation blocks carry the same rule and message", () => {
    expect(validationFor("size", SIZE_RULE)).toEqual({
      condition: '${contains(["small", "medium", "large"], var.size)}',
      errorMessage: 'Invalid size ${jsonencode(var.size)}: must be one of "small", "medium", "large".',
    });
    expect(validationFor("domain_name", DOMAIN_NAME_RULE, { nullable: true }).condition).toMatch(
      /^\$\{var\.domain_name == null \? true : \(can\(regex\(/,
    );
    expect(validationFor("secret", SIZE_RULE, { sensitive: true }).errorMessage).toBe(
      'Invalid secret: must be one of "small", "medium", "large".',
    );
  });

  test("hclString escapes backslashes, quotes and template sequences", () => {
    expect(hclString('a\\.b"c${d}%{e}')).toBe('"a\\\\.b\\"c$${d}%%{e}"');
  });
});

describe("TLS to the database: libpq's own variables (POSTGRES_SSLMODE is ignored by Mathesar 0.8.0-0.11.0)", () => {
  const build = (database: Partial<typeof connection> & { caCertificatePath?: string }) =>
    buildMathesarEnvironment({
      database: { ...connection, ...database },
      secretKey: "k",
      allowedHosts: "h",
      webConcurrency: 1,
    }).plain;

  test("a TCP host gets PGSSLMODE with the same mode as POSTGRES_SSLMODE", () => {
    expect(build({})).toMatchObject({ PGSSLMODE: "require", POSTGRES_SSLMODE: "require" });
    expect(build({ host: "10.0.0.5", sslMode: "prefer" })).toMatchObject({
      PGSSLMODE: "prefer",
      POSTGRES_SSLMODE: "prefer",
    });
    expect(build({})).not.toHaveProperty("PGSSLROOTCERT");
  });

  test("a Unix-socket host gets no PGSSLMODE (libpq never uses TLS over a socket)", () => {
    const env = build({ host: "/cloudsql/project:region:instance" });
    expect(env).not.toHaveProperty("PGSSLMODE");
    expect(env).not.toHaveProperty("PGSSLROOTCERT");
    expect(env.POSTGRES_HOST).toBe("/cloudsql/project:region:instance");
  });

  test("a host only Terraform knows gets PGSSLMODE (harmless over a socket, see the libpq test below)", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const host = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    expect(build({ host }).PGSSLMODE).toBe("require");
  });

  test("verify-full and verify-ca carry the CA file in PGSSLROOTCERT, in POSTGRES_SSLMODE too (no downgrade once upstream reads it)", () => {
    for (const mode of ["verify-full", "verify-ca"]) {
      expect(build({ sslMode: mode, caCertificatePath: DATABASE_CA_FILE })).toMatchObject({
        PGSSLMODE: mode,
        POSTGRES_SSLMODE: mode,
        PGSSLROOTCERT: DATABASE_CA_FILE,
      });
    }
  });

  test("verify-full without a CA file is refused", () => {
    expect(() => build({ sslMode: "verify-full" })).toThrow(
      /sslmode "verify-full" needs the database server's CA certificate/,
    );
  });

  test("the sslmode rule for targets with a CA accepts the verifying modes, the PEM rule accepts a bundle only", () => {
    expect(
      ["disable", "prefer", "require", "verify-ca", "verify-full"].every((m) => SSL_MODE_WITH_CA_RULE.test(m)),
    ).toBe(true);
    expect(SSL_MODE_WITH_CA_RULE.test("allow")).toBe(false);
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB+zCCAaGgAwIBAgIU\n-----END CERTIFICATE-----\n";
    expect([pem, pem + pem, `  ${pem}`].map((p) => CA_CERTIFICATE_RULE.test(p))).toEqual([true, true, true]);
    expect(
      ["", "not a cert", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"].map((p) =>
        CA_CERTIFICATE_RULE.test(p),
      ),
    ).toEqual([false, false, false]);
  });

  test("withDatabaseCaFile runs any command after writing the file (a real shell)", () => {
    const out = execFileSync(
      "sh",
      ["-c", withDatabaseCaFile(`python3 -c "print('it ran')"`).replace(DATABASE_CA_FILE, "/dev/null")],
      { encoding: "utf8", env: { PATH: process.env.PATH, MATHESAR_DATABASE_CA_PEM: "-----BEGIN CERTIFICATE-----" } },
    );
    expect(out.trim()).toBe("it ran");
  });

  test("the start snippet writes the CA PEM to the file, and does nothing without it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ca-"));
    const file = path.join(dir, "ca.pem");
    const script = writeDatabaseCaCommand().replace(DATABASE_CA_FILE, file);
    expect(writeDatabaseCaCommand()).not.toMatch(/\$\{|'/); // Terraform and App Platform would expand ${...}; it goes inside sh -c '...'
    // The modules' "none" (no CA) writes nothing: an unreadable file would break even sslmode=require.
    execFileSync("sh", ["-c", script], { env: { PATH: process.env.PATH, MATHESAR_DATABASE_CA_PEM: "none" } });
    expect(fs.existsSync(file)).toBe(false);
    const pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----";
    execFileSync("sh", ["-c", script], { env: { PATH: process.env.PATH, MATHESAR_DATABASE_CA_PEM: pem } });
    expect(fs.readFileSync(file, "utf8")).toBe(`${pem}\n`);
    fs.rmSync(file);
    execFileSync("sh", ["-c", script], { env: { PATH: process.env.PATH } });
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});

const bin = postgresBinDir();
const requireTools = process.env.MATHESAR_REQUIRE_TOOLS === "1";
if (!bin && !requireTools) {
  console.warn("SKIPPED the libpq PGSSLMODE tests: no PostgreSQL server (apt-get install postgresql).");
}
(bin || requireTools ? describe : describe.skip)(
  "libpq honours PGSSLMODE (a real PostgreSQL server without TLS)",
  () => {
    // One server listening on 127.0.0.1 and on a socket, without TLS: what a downgrade looks like to the client.
    let base = "";
    let port = 0;
    const asRoot = process.getuid?.() === 0;
    const run = (cmd: string, args: string[]) =>
      asRoot ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args]) : execFileSync(cmd, args);
    beforeAll(() => {
      base = fs.mkdtempSync(path.join(os.tmpdir(), "pgssl-"));
      fs.chmodSync(base, 0o777);
      port = 6000 + Math.floor(Math.random() * 900);
      run(path.join(bin!, "initdb"), ["-D", `${base}/data`, "-U", "postgres", "-A", "trust", "--no-sync"]);
      run(path.join(bin!, "pg_ctl"), [
        "-D",
        `${base}/data`,
        "-w",
        "-l",
        `${base}/log`,
        "start",
        "-o",
        `-c listen_addresses='127.0.0.1' -c unix_socket_directories='${base}' -p ${port} -c ssl=off`,
      ]);
    });
    afterAll(() => {
      if (base)
        spawnSync(
          asRoot ? "runuser" : path.join(bin!, "pg_ctl"),
          asRoot
            ? ["-u", "postgres", "--", path.join(bin!, "pg_ctl"), "-D", `${base}/data`, "-m", "immediate", "stop"]
            : ["-D", `${base}/data`, "-m", "immediate", "stop"],
        );
      if (base) fs.rmSync(base, { recursive: true, force: true });
    });
    const psql = (host: string, env: Record<string, string>) =>
      spawnSync("psql", ["-X", "-tA", "-h", host, "-p", String(port), "-U", "postgres", "-c", "select 1"], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...env },
      });
    const plain = (host: string, sslMode = "require") =>
      buildMathesarEnvironment({
        database: { ...connection, host, sslMode },
        secretKey: "k",
        allowedHosts: "h",
        webConcurrency: 1,
      }).plain;

    test("without PGSSLMODE, POSTGRES_SSLMODE alone does nothing: libpq's default (prefer) connects in clear text", () => {
      const { POSTGRES_SSLMODE } = plain("127.0.0.1");
      expect(psql("127.0.0.1", { POSTGRES_SSLMODE }).status).toBe(0);
    });

    test("with the environment we build, a server without TLS is refused", () => {
      const env = plain("127.0.0.1");
      const result = psql("127.0.0.1", { PGSSLMODE: env.PGSSLMODE });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/server does not support SSL, but SSL was required/);
    });

    test("over a Unix socket libpq ignores even verify-full with a missing CA file", () => {
      expect(psql(base, { PGSSLMODE: "verify-full", PGSSLROOTCERT: "/nonexistent/ca.pem" }).status).toBe(0);
      expect(plain(base)).not.toHaveProperty("PGSSLMODE");
    });

    test("verify-full with no CA file fails closed over TCP", () => {
      const result = psql("127.0.0.1", { PGSSLMODE: "verify-full", PGSSLROOTCERT: "/nonexistent/ca.pem" });
      expect(result.status).not.toBe(0);
    });
  },
);

describe("SSO needs Mathesar 0.11.0 or later", () => {
  test.each([
    ["0.11.0", "0.11.0", true],
    ["0.10.9", "0.11.0", false],
    ["0.10.1", "0.11.0", false],
    ["1.0.0", "0.11.0", true],
    ["0.12.0", "0.11.0", true],
    ["0.11.1", "0.11.0", true],
    ["0.11.0-rc.1", "0.11.0", false],
    [`0.11.0@sha256:${"a".repeat(64)}`, "0.11.0", true],
    [`0.10.1@sha256:${"a".repeat(64)}`, "0.11.0", false],
    ["0.9.10", "0.11.0", false],
  ])("%s >= %s is %s", (version, minimum, expected) => {
    expect(isAtLeastVersion(version, minimum)).toBe(expected);
  });

  test("construction refuses sso or requireSsoLogin for 0.10.x, with the same words everywhere", () => {
    expect(() => checkSsoVersion("0.10.1", { sso: { configJson: "x" } })).toThrow(
      'Invalid sso with mathesar_version "0.10.1": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0.11.0',
    );
    expect(() => checkSsoVersion("0.10.1", { requireSsoLogin: true })).toThrow(
      /Invalid sso\.requireSsoLogin with mathesar_version "0\.10\.1"/,
    );
    expect(() => checkSsoVersion("0.10.1", {})).not.toThrow();
    expect(() => checkSsoVersion("0.11.0", { sso: {}, requireSsoLogin: true })).not.toThrow();
    expect(() => checkSsoVersion(`1.0.0@sha256:${"b".repeat(64)}`, { sso: {} })).not.toThrow();
  });

  test("the Terraform condition compares like TypeScript (terraform console)", () => {
    const versions = [
      "0.11.0",
      "0.10.9",
      "1.0.0",
      "0.11.0-rc.1",
      `0.11.0@sha256:${"a".repeat(64)}`,
      "0.12.0",
      "0.9.10",
      "garbage",
    ];
    const expressions = versions.map((v) => atLeastVersionCondition(JSON.stringify(v), "0.11.0"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfver-"));
    const out = spawnSync("terraform", ["console"], {
      cwd: dir,
      input: `[${expressions.join(", ")}]\n`,
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
    });
    fs.rmSync(dir, { recursive: true });
    if (out.error && !requireTools) return; // Terraform not installed: the module tests say so.
    expect(out.stderr).toBe("");
    const seen = out.stdout
      .replace(/[\s[\],]+/g, " ")
      .trim()
      .split(" ");
    expect(seen).toEqual(["true", "false", "true", "false", "true", "true", "false", "true"]);
  });

  test("the validation block names the variable and the version", () => {
    const block = ssoVersionValidation("require_sso_login", "var.require_sso_login");
    expect(block.condition).toMatch(/^\$\{!\(var\.require_sso_login\) \|\| try\(/);
    expect(block.errorMessage).toBe(
      "Invalid require_sso_login with mathesar_version ${jsonencode(var.mathesar_version)}: Mathesar reads " +
        "SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0.11.0 (0.10.x reads OIDC_CONFIG_DICT only, so SSO " +
        "would silently stay off). Pin 0.11.0 or later, or leave require_sso_login unset.",
    );
  });
});

describe("image pinned by digest", () => {
  const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
  test.each([`0.11.0@${digest}`, `1.0.0-rc.1@${digest}`])("%s is a valid version", (version) => {
    expect(MATHESAR_VERSION_RULE.test(version)).toBe(true);
  });
  test.each([
    `latest@${digest}`,
    `0.11.0@sha256:${"A".repeat(64)}`,
    `0.11.0@sha256:${"a".repeat(63)}`,
    `0.11.0@sha256:${"a".repeat(65)}`,
    `0.11.0@sha512:${"a".repeat(64)}`,
    `0.11.0@`,
    `@${digest}`,
    `0.11.0@${digest}@${digest}`,
  ])("%s is refused", (version) => {
    expect(MATHESAR_VERSION_RULE.test(version)).toBe(false);
  });
  test("the reference is repository:tag@digest and splits back into tag and digest", () => {
    expect(mathesarImage(`0.11.0@${digest}`)).toBe(`mathesar/mathesar:0.11.0@${digest}`);
    expect(splitVersionDigest(`0.11.0@${digest}`)).toEqual({ tag: "0.11.0", digest });
    expect(splitVersionDigest("0.11.0")).toEqual({ tag: "0.11.0" });
  });
});

test("web processes collect static files and serve without migrating (-ne), never -nse", () => {
  expect(MATHESAR_WEB_START_SCRIPT).toBe(
    "python manage.py collectstatic --noinput --clear && exec bash ./bin/mathesar run -ne",
  );
});

test("mathesarImage joins repository and tag", () => {
  expect(mathesarImage("0.11.0")).toBe("mathesar/mathesar:0.11.0");
  expect(mathesarImage("0.11.0", "mirror.example.org/mathesar")).toBe("mirror.example.org/mathesar:0.11.0");
});
