/**
 * The CapRover one-click app: the format's rules (our checker), the form's validation against the
 * contract's rules, the start script run for real, the generated file in sync, bad input refused, and the
 * contract's guarantees.
 */
import { spawnSync } from "child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import {
  CAPROVER_APP_PATH,
  CAPROVER_SECRET_KEY_DIR,
  CAPROVER_SECRET_KEY_SCRIPT,
  CAPROVER_VARIABLES,
  capRoverOneClickApp,
  capRoverStartScript,
  renderCapRoverOneClickApp,
} from "../../modules/caprover";
import {
  ADMIN_ENV,
  ADMIN_USERNAME_RULE,
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  DEFAULT_MATHESAR_VERSION,
  DOMAIN_NAME_RULE,
  MATHESAR_MEDIA_PATH,
  MATHESAR_VERSION_RULE,
  MathesarInputError,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  secretKeyProblem,
} from "../../modules/mathesar";
import { describeConformance } from "../marketplace/artifact-conformance";
import { describeWithTool, hasTool } from "../support/tools";
import { compileValidRegex, oneClickProblems } from "./one-click-rules";

const REPO = join(__dirname, "..", "..");
const text = renderCapRoverOneClickApp();
const template = parse(text) as {
  services: Record<
    string,
    { image: string; environment: Record<string, string>; volumes: string[]; command: string[] }
  >;
  caproverOneClickApp: { variables: Array<{ id: string; defaultValue?: string; validRegex?: string }> };
};
const service = template.services.$$cap_appname;
const variable = (id: string) => template.caproverOneClickApp.variables.find((v) => v.id === id)!;
const accepts = (id: string, value: string) => compileValidRegex(variable(id).validRegex!)!.test(value);

describe("the one-click app format (our checker of CapRover's rules)", () => {
  test("the generated template follows every rule", () => {
    expect(oneClickProblems(template, text)).toEqual([]);
  });

  const mutations: Array<[string, (t: Record<string, any>) => void]> = [
    ["captainVersion 3", (t) => (t.captainVersion = 3)],
    ["a description over 200 characters", (t) => (t.caproverOneClickApp.description = "x".repeat(201))],
    ["no instructions.end", (t) => delete t.caproverOneClickApp.instructions.end],
    ["an ignored compose key", (t) => (t.services.$$cap_appname.healthcheck = { test: "true" })],
    ["a latest image", (t) => (t.services.$$cap_appname.image = "mathesar/mathesar:latest")],
    ["an untagged image", (t) => (t.services.$$cap_appname.image = "mathesar/mathesar")],
    ["a validRegex that does not compile", (t) => (t.caproverOneClickApp.variables[0].validRegex = "/(/")],
    ["a variable without $$cap_", (t) => (t.caproverOneClickApp.variables[0].id = "version")],
  ];
  test.each(mutations)("the checker catches %s", (_label, mutate) => {
    const copy = JSON.parse(JSON.stringify(template));
    mutate(copy);
    expect(oneClickProblems(copy, JSON.stringify(copy))).not.toEqual([]);
  });

  test("the checker catches a misspelt variable and an over-long random value", () => {
    expect(oneClickProblems(template, `${text}\n# $$cap_db_hots`)).toContain(
      "$$cap_db_hots is neither a variable nor a built-in",
    );
    expect(oneClickProblems(template, `${text}\n# $$cap_gen_random_hex(300)`).join()).toMatch(/caps random hex/);
  });
});

describe("the form validates like the contract", () => {
  const cases: Array<[string, { test(v: never): boolean }, string[]]> = [
    [
      CAPROVER_VARIABLES.version,
      MATHESAR_VERSION_RULE,
      ["0.11.0", "latest", "", " 0.11.0", `0.11.0@sha256:${"a".repeat(64)}`, "0.11"],
    ],
    [
      CAPROVER_VARIABLES.dbName,
      POSTGRES_IDENTIFIER_RULE,
      ["mathesar_django", "", "Bad", "a-b", "x".repeat(64), "db;drop"],
    ],
    [CAPROVER_VARIABLES.dbUser, DATABASE_LOGIN_RULE, ["mathesar", "mathesar.abcdef", "", "root user", "x".repeat(64)]],
    [CAPROVER_VARIABLES.adminUsername, ADMIN_USERNAME_RULE, ["admin", "", "a b", "x".repeat(64), "ops@example.org"]],
  ];
  test.each(cases)("%s accepts exactly what the contract's rule accepts", (id, rule, values) => {
    for (const value of values)
      expect({ value, form: accepts(id, value) }).toEqual({ value, form: rule.test(value as never) });
  });

  test("the port field accepts 1 to 65535 and nothing else (PORT_RULE)", () => {
    for (let port = 0; port <= 65536; port += 1)
      if (accepts(CAPROVER_VARIABLES.dbPort, String(port)) !== PORT_RULE.test(port))
        throw new Error(`disagree on ${port}`);
    for (const bad of ["", "-1", "05432", "5432 ", "1e3", "70000"])
      expect(accepts(CAPROVER_VARIABLES.dbPort, bad)).toBe(false);
  });

  test("the host field agrees with DATABASE_HOST_RULE on network hosts and refuses sockets and empty values", () => {
    for (const host of ["db.example.org", "10.0.0.3", "srv-captain--postgres", "-bad", "a b", "x.", "db.example.org/x"])
      expect({ host, form: accepts(CAPROVER_VARIABLES.dbHost, host) }).toEqual({
        host,
        form: DATABASE_HOST_RULE.test(host),
      });
    expect(accepts(CAPROVER_VARIABLES.dbHost, "")).toBe(false);
    expect(accepts(CAPROVER_VARIABLES.dbHost, "/cloudsql/p:r:i")).toBe(false);
  });

  test("the custom domain is empty or a host name (DOMAIN_NAME_RULE)", () => {
    expect(accepts(CAPROVER_VARIABLES.customDomain, "")).toBe(true);
    for (const domain of ["data.example.org", "not a domain", "Data.Example.org", "localhost", "https://x.org"])
      expect({ domain, form: accepts(CAPROVER_VARIABLES.customDomain, domain) }).toEqual({
        domain,
        form: DOMAIN_NAME_RULE.test(domain),
      });
  });

  test("passwords: required, no characters that break YAML or a shell; the admin's at least 12", () => {
    expect(accepts(CAPROVER_VARIABLES.dbPassword, "")).toBe(false);
    expect(accepts(CAPROVER_VARIABLES.dbPassword, "s3cr3t!pass")).toBe(true);
    for (const bad of ["with space", "quote'd", 'dq"', "back\\slash"])
      expect(accepts(CAPROVER_VARIABLES.dbPassword, bad)).toBe(false);
    expect(accepts(CAPROVER_VARIABLES.adminPassword, "short")).toBe(false);
    expect(accepts(CAPROVER_VARIABLES.adminPassword, "a".repeat(12))).toBe(true);
    expect(variable(CAPROVER_VARIABLES.adminPassword).defaultValue).toBe("$$cap_gen_random_hex(24)");
    expect(variable(CAPROVER_VARIABLES.dbPassword).defaultValue).toBeUndefined();
  });
});

describe("the service", () => {
  test("pins the default version through the form and keeps uploads and the key on persistent volumes", () => {
    expect(service.image).toBe("mathesar/mathesar:$$cap_mathesar_version");
    expect(variable(CAPROVER_VARIABLES.version).defaultValue).toBe(DEFAULT_MATHESAR_VERSION);
    expect(service.volumes).toEqual([
      `$$cap_appname-media:${MATHESAR_MEDIA_PATH}`,
      `$$cap_appname-secrets:${CAPROVER_SECRET_KEY_DIR}`,
    ]);
  });

  test("trusts CapRover's TLS: allowed hosts are the app's subdomain and the custom domain", () => {
    expect(service.environment.ALLOWED_HOSTS).toBe("$$cap_appname.$$cap_root_domain,$$cap_custom_domain");
  });

  test("SECRET_KEY is never in the environment; the start script generates it", () => {
    expect(Object.keys(service.environment)).not.toContain("SECRET_KEY");
    expect(service.command.slice(0, 2)).toEqual(["bash", "-c"]);
    expect(service.command[2]).toBe(capRoverStartScript());
  });

  test("the start script: key, then bootstrap, then gunicorn without migrations", () => {
    const script = capRoverStartScript();
    const key = script.indexOf("export SECRET_KEY");
    const bootstrap = script.indexOf("base64.b64decode");
    const web = script.indexOf("./bin/mathesar run -ne");
    expect(key).toBeGreaterThan(-1);
    expect(bootstrap).toBeGreaterThan(key);
    expect(web).toBeGreaterThan(bootstrap);
    // A failed bootstrap stops the chain: gunicorn never starts without an admin.
    expect(/\)\)" && python manage.py collectstatic/.test(script.slice(bootstrap, web))).toBe(true);
  });
});

describe("the key script, run by a real shell", () => {
  test("creates a strong key once (mode 600), then reuses it; never overwrites", () => {
    const dir = mkdtempSync(join(tmpdir(), "caprover-key-"));
    try {
      const script = CAPROVER_SECRET_KEY_SCRIPT.split(CAPROVER_SECRET_KEY_DIR)
        .join(dir)
        .replace(/python -c/g, "python3 -c");
      const run = () => spawnSync("bash", ["-c", `${script}; printf %s "$SECRET_KEY"`], { encoding: "utf8" });
      const first = run();
      expect(first.status).toBe(0);
      expect(secretKeyProblem(first.stdout)).toBeUndefined();
      expect(statSync(join(dir, "secret_key.txt")).mode & 0o777).toBe(0o600);
      expect(run().stdout).toBe(first.stdout);
      writeFileSync(join(dir, "secret_key.txt"), "");
      expect(run().stdout).not.toBe(first.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the whole start script, run by a real shell with stand-ins for Mathesar", () => {
  /** Runs the script in a sandbox: `python` records its arguments (and fails the bootstrap when asked). */
  function start(bootstrapFails: boolean) {
    const dir = mkdtempSync(join(tmpdir(), "caprover-start-"));
    const log = join(dir, "log");
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "keys"));
    writeFileSync(join(dir, "bin", "mathesar"), `echo "web $*" >> "${log}"\n`);
    writeFileSync(
      join(dir, "python"),
      `#!/bin/bash\nif [ "$1" = -c ] && [[ "$2" == *b64decode* ]]; then echo "bootstrap ` +
        `SECRET_KEY=\${#SECRET_KEY}" >> "${log}"; exit ${bootstrapFails ? 1 : 0}; fi\n` +
        `if [ "$1" = -c ]; then exec python3 "$@"; fi\necho "python $*" >> "${log}"\n`,
    );
    chmodSync(join(dir, "python"), 0o755);
    const script = capRoverStartScript().split(CAPROVER_SECRET_KEY_DIR).join(join(dir, "keys"));
    const result = spawnSync("bash", ["-c", script], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: `${dir}:${process.env.PATH}` },
    });
    try {
      return { status: result.status, lines: readFileSync(log, "utf8").trim().split("\n") };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("key, bootstrap with the key exported, collectstatic, then gunicorn without migrations", () => {
    const { status, lines } = start(false);
    expect(status).toBe(0);
    expect(lines).toEqual([
      "bootstrap SECRET_KEY=67",
      "python manage.py collectstatic --noinput --clear",
      "web run -ne",
    ]);
  });

  test("a failed bootstrap stops the start: no web server without an admin", () => {
    const { status, lines } = start(true);
    expect(status).not.toBe(0);
    expect(lines).toEqual(["bootstrap SECRET_KEY=67"]);
  });
});

describeWithTool("shellcheck", hasTool("shellcheck"), "the start script passes shellcheck", () => {
  test("shellcheck -s bash", () => {
    const dir = mkdtempSync(join(tmpdir(), "caprover-sc-"));
    try {
      const file = join(dir, "start.sh");
      writeFileSync(file, `#!/bin/bash\n${capRoverStartScript()}\n`);
      const result = spawnSync("shellcheck", ["-s", "bash", file], { encoding: "utf8" });
      expect(result.stdout + result.stderr).toBe("");
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bad input is refused at synth time", () => {
  test.each([
    [{ mathesarVersion: "latest" }, /Invalid mathesarVersion "latest": must be a pinned Mathesar release/],
    [{ mathesarVersion: "" }, /Invalid mathesarVersion "": must be a pinned Mathesar release/],
    [{ mathesarVersion: null }, /Invalid mathesarVersion null/],
    [{ databasePort: 0 }, /Invalid databasePort 0: must be a whole number from 1 to 65535/],
    [{ databasePort: 65536 }, /Invalid databasePort 65536/],
    [{ databasePort: 5432.5 }, /Invalid databasePort 5432.5/],
    [{ domainName: "not a domain" }, /Invalid domainName "not a domain": must be a lowercase DNS host name/],
    [{ domainName: "" }, /Invalid domainName ""/],
    [{ databaseName: "Robert'); DROP" }, /Invalid databaseName/],
    [{ databaseUser: "" }, /Invalid databaseUser ""/],
    [{ imageRepository: "Mathesar/Mathesar:latest" }, /Invalid imageRepository/],
    [{ webConcurrency: 0 }, /Invalid webConcurrency 0/],
    // null and the wrong type for every prop: refused, never taken as "use the default".
    [{ databasePort: null }, /Invalid databasePort null/],
    [{ databasePort: "5432" }, /Invalid databasePort "5432"/],
    [{ domainName: null }, /Invalid domainName null/],
    [{ databaseName: null }, /Invalid databaseName null/],
    [{ databaseUser: null }, /Invalid databaseUser null/],
    [{ imageRepository: null }, /Invalid imageRepository null/],
    [{ imageRepository: "" }, /Invalid imageRepository ""/],
    [{ webConcurrency: null }, /Invalid webConcurrency null/],
    [{ webConcurrency: 70000 }, /Invalid webConcurrency 70000/],
  ])("%j", (props, message) => {
    expect(() => capRoverOneClickApp(props as never)).toThrow(MathesarInputError);
    expect(() => capRoverOneClickApp(props as never)).toThrow(message);
  });

  test("good props reach the form", () => {
    const app = capRoverOneClickApp({ databasePort: 25060, domainName: "data.example.org", mathesarVersion: "0.10.1" });
    const vars = (app.caproverOneClickApp as { variables: Array<{ id: string; defaultValue?: string }> }).variables;
    const get = (id: string) => vars.find((v) => v.id === id)?.defaultValue;
    expect([
      get(CAPROVER_VARIABLES.dbPort),
      get(CAPROVER_VARIABLES.customDomain),
      get(CAPROVER_VARIABLES.version),
    ]).toEqual(["25060", "data.example.org", "0.10.1"]);
  });
});

test("the committed deploy/caprover/mathesar.yml is what the generator writes", () => {
  expect(readFileSync(join(REPO, CAPROVER_APP_PATH), "utf8")).toBe(text);
});

describeConformance({
  name: "CapRover one-click app",
  version: variable(CAPROVER_VARIABLES.version).defaultValue!,
  image: service.image.replace(CAPROVER_VARIABLES.version, variable(CAPROVER_VARIABLES.version).defaultValue!),
  env: service.environment,
  isReference: (value) => /^\$\$cap_[a-z_]+$/.test(value),
  generatedSecrets: /export SECRET_KEY/.test(service.command[2]) ? ["SECRET_KEY"] : [],
  adminBeforeWeb:
    service.command[2].indexOf("b64decode") < service.command[2].indexOf("run -ne") &&
    service.environment[ADMIN_ENV.username] !== undefined,
  externalDatabase: true,
});
