/**
 * The Cloudron package: the manifest through Cloudron's own validator (cloudron-manifestformat), the start
 * script run for real by bash in a sandbox (stand-ins for gosu, chown and Mathesar's python), shellcheck, our
 * checks of the Dockerfile's rules, bad input refused at synth time, and the contract's guarantees.
 */
import { spawnSync } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  CLOUDRON_BASE_IMAGE,
  CLOUDRON_OIDC_CALLBACK_PATH,
  CLOUDRON_PACKAGE_DIR,
  cloudronPackageFiles,
  renderStartScript,
} from "../../modules/cloudron";
import {
  ADMIN_ENV,
  DEFAULT_MATHESAR_VERSION,
  LIVENESS_PATH,
  MATHESAR_PORT,
  MathesarInputError,
  SECRET_ENV_NAMES,
  secretKeyProblem,
} from "../../modules/mathesar";
import { describeConformance } from "../marketplace/artifact-conformance";
import { describeWithTool, hasTool } from "../support/tools";
import { dockerfileProblems } from "./dockerfile-rules";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifestFormat = require("cloudron-manifestformat") as { parse(m: unknown): Error | null };

const REPO = join(__dirname, "..", "..");
const files = cloudronPackageFiles();
const manifest = JSON.parse(files[`${CLOUDRON_PACKAGE_DIR}/CloudronManifest.json`]) as Record<string, any>;
const dockerfile = files[`${CLOUDRON_PACKAGE_DIR}/Dockerfile`];
const startScript = files[`${CLOUDRON_PACKAGE_DIR}/start.sh`];

describe("CloudronManifest.json", () => {
  test("passes Cloudron's own validator", () => {
    expect(manifestFormat.parse(manifest)).toBeNull();
  });

  test.each([
    ["an unknown property", { healthcheck: "/" }],
    ["no httpPort", { httpPort: undefined }],
    ["an empty health check path", { healthCheckPath: "" }],
    ["an oidc addon without a callback", { addons: { oidc: {} } }],
    ["a version that is not semver", { version: "1.0" }],
  ])("the validator refuses %s (so the check can fail)", (_label, change) => {
    const broken = JSON.parse(JSON.stringify({ ...manifest, ...change }));
    expect(manifestFormat.parse(broken)).toBeInstanceOf(Error);
  });

  test("port, health check, addons and the Mathesar version", () => {
    expect(manifest.httpPort).toBe(MATHESAR_PORT);
    expect(manifest.healthCheckPath).toBe(LIVENESS_PATH);
    expect(manifest.addons).toEqual({
      localstorage: {},
      postgresql: {},
      oidc: { loginRedirectUri: CLOUDRON_OIDC_CALLBACK_PATH },
    });
    expect(CLOUDRON_OIDC_CALLBACK_PATH).toBe("/auth/oidc/cloudron/login/callback/");
    expect(manifest.upstreamVersion).toBe(DEFAULT_MATHESAR_VERSION);
    expect(manifest.memoryLimit).toBe(1024 * 1024 * 1024);
  });

  test("without SSO there is no oidc addon and the start script never sets SSO_CONFIG_DICT", () => {
    const plain = cloudronPackageFiles({ sso: false });
    const m = JSON.parse(plain[`${CLOUDRON_PACKAGE_DIR}/CloudronManifest.json`]);
    expect(Object.keys(m.addons)).toEqual(["localstorage", "postgresql"]);
    expect(manifestFormat.parse(m)).toBeNull();
    expect(plain[`${CLOUDRON_PACKAGE_DIR}/start.sh`]).not.toMatch(/SSO_CONFIG_DICT/);
  });
});

describe("the Dockerfile (our rules)", () => {
  test("follows them: pinned base by digest, pinned Mathesar, no secrets, start script as CMD", () => {
    expect(dockerfileProblems(dockerfile)).toEqual([]);
    expect(dockerfile).toContain(`FROM ${CLOUDRON_BASE_IMAGE}\n`);
    expect(dockerfile).toContain(`FROM mathesar/mathesar:${DEFAULT_MATHESAR_VERSION} AS mathesar`);
  });

  test.each([
    ["an unpinned base", (d: string) => d.replace(CLOUDRON_BASE_IMAGE, "cloudron/base:5.0.0")],
    [
      "a latest stage",
      (d: string) => d.replace(`mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`, "mathesar/mathesar:latest"),
    ],
    [
      "an untagged stage",
      (d: string) => d.replace(`mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`, "mathesar/mathesar"),
    ],
    [
      "a secret in ENV",
      (d: string) => d.replace("ENV PYTHONDONTWRITEBYTECODE=1", "ENV SECRET_KEY=abc123 PYTHONDONTWRITEBYTECODE=1"),
    ],
    ["a secret in ARG", (d: string) => `${d}ARG POSTGRES_PASSWORD=hunter2\n`],
    ["another final base", (d: string) => `${d}FROM ubuntu:24.04\n`],
    ["a USER root at the end", (d: string) => `${d}USER root\n`],
  ])("catches %s", (_label, mutate) => {
    expect(dockerfileProblems(mutate(dockerfile))).not.toEqual([]);
  });
});

/** Runs the start script with bash in a sandbox; returns what the stand-ins recorded. */
function runStart(env: Record<string, string>, sso = true) {
  const root = mkdtempSync(join(tmpdir(), "cloudron-start-"));
  const paths = { code: join(root, "code"), data: join(root, "data"), run: join(root, "run") };
  const stubs = join(root, "stubs");
  const log = join(root, "log");
  for (const dir of [paths.code, stubs]) mkdirSync(dir, { recursive: true });
  const recorder = [
    "#!/bin/bash",
    `{ printf 'CALL %s'; printf ' %q' "$@"; echo; env | grep -E ` +
      `'^(POSTGRES_|PGSSL|SECRET_KEY|SSO_CONFIG_DICT|DJANGO_SUPERUSER_|ALLOWED_HOSTS|MEDIA_ROOT)' | sort; } ` +
      `>> "${log}"`,
  ];
  for (const name of ["gosu", "python", "chown"]) {
    writeFileSync(join(stubs, name), recorder.join("\n").replace("CALL %s", `CALL ${name}`) + "\n");
    chmodSync(join(stubs, name), 0o755);
  }
  const script = join(root, "start.sh");
  writeFileSync(script, renderStartScript({ paths, sso }));
  const run = () =>
    spawnSync("bash", [script], { encoding: "utf8", env: { PATH: `${stubs}:${process.env.PATH}`, ...env } });
  return { root, paths, log, run, read: () => readFileSync(log, "utf8") };
}

const ADDON_ENV = {
  CLOUDRON_APP_DOMAIN: "mathesar.cloudron.example.org",
  CLOUDRON_POSTGRESQL_HOST: "postgresql",
  CLOUDRON_POSTGRESQL_PORT: "5432",
  CLOUDRON_POSTGRESQL_DATABASE: "db7c1f",
  CLOUDRON_POSTGRESQL_USERNAME: "user7c1f",
  CLOUDRON_POSTGRESQL_PASSWORD: "addon-generated-password",
};

describe("start.sh, run by bash in a sandbox", () => {
  test("maps the addon to POSTGRES_*, generates secrets once (mode 600), runs bootstrap, then serves", () => {
    const sandbox = runStart(ADDON_ENV);
    try {
      const first = sandbox.run();
      expect(first.stderr).toBe("");
      expect(first.status).toBe(0);
      const log = sandbox.read();
      const calls = log.split("\n").filter((l) => l.startsWith("CALL "));
      expect(calls.map((c) => c.split(" ").slice(0, 5).join(" "))).toEqual([
        expect.stringMatching(/^CALL chown -R cloudron:cloudron /),
        "CALL gosu cloudron:cloudron python -c",
        "CALL gosu cloudron:cloudron python manage.py",
        "CALL gosu cloudron:cloudron bash ./bin/mathesar",
      ]);
      expect(calls[3]).toMatch(/bin\/mathesar run -ne$/);
      for (const line of [
        "POSTGRES_HOST=postgresql",
        "POSTGRES_PORT=5432",
        "POSTGRES_DB=db7c1f",
        "POSTGRES_USER=user7c1f",
        "POSTGRES_PASSWORD=addon-generated-password",
        "PGSSLMODE=prefer",
        "ALLOWED_HOSTS=mathesar.cloudron.example.org",
        `MEDIA_ROOT=${sandbox.paths.data}/media`,
      ])
        expect(log).toContain(`${line}\n`);
      const key = readFileSync(join(sandbox.paths.data, "secret_key"), "utf8");
      const password = readFileSync(join(sandbox.paths.data, "admin-password"), "utf8");
      expect(secretKeyProblem(key)).toBeUndefined();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(log).toContain(`SECRET_KEY=${key}\n`);
      for (const file of ["secret_key", "admin-password"])
        expect(statSync(join(sandbox.paths.data, file)).mode & 0o777).toBe(0o600);
      // The admin's password reaches the bootstrap only, never gunicorn.
      const blocks = log.split(/^CALL /m).slice(1);
      expect(blocks[1]).toContain(`${ADMIN_ENV.password}=${password}\n`);
      expect(blocks[1]).toContain(`${ADMIN_ENV.username}=admin\n`);
      expect(blocks[3]).not.toContain(ADMIN_ENV.password);
      // A restart keeps both secrets.
      expect(sandbox.run().status).toBe(0);
      expect(readFileSync(join(sandbox.paths.data, "secret_key"), "utf8")).toBe(key);
      expect(readFileSync(join(sandbox.paths.data, "admin-password"), "utf8")).toBe(password);
      // Once the admin deletes the password file, no restart makes a new one; the bootstrap only migrates.
      rmSync(join(sandbox.paths.data, "admin-password"));
      writeFileSync(sandbox.log, "");
      expect(sandbox.run().status).toBe(0);
      expect(existsSync(join(sandbox.paths.data, "admin-password"))).toBe(false);
      const restart = sandbox
        .read()
        .split(/^CALL /m)
        .slice(1);
      expect(restart[1]).toMatch(/^gosu cloudron:cloudron python -c/);
      expect(restart[1]).not.toContain("DJANGO_SUPERUSER_");
    } finally {
      rmSync(sandbox.root, { recursive: true, force: true });
    }
  });

  test.each(Object.keys(ADDON_ENV))("refuses to start without %s (nothing runs)", (missing) => {
    const env: Record<string, string> = { ...ADDON_ENV };
    delete env[missing];
    const sandbox = runStart(env);
    try {
      const result = sandbox.run();
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`${missing} is not set`);
      expect(() => sandbox.read()).not.toThrow();
      expect(sandbox.read()).not.toMatch(/CALL gosu/);
    } finally {
      rmSync(sandbox.root, { recursive: true, force: true });
    }
  });

  test("wires Cloudron's OIDC addon into SSO_CONFIG_DICT in Mathesar's schema version 2", () => {
    const sandbox = runStart({
      ...ADDON_ENV,
      CLOUDRON_OIDC_ISSUER: "https://my.cloudron.example.org/openid",
      CLOUDRON_OIDC_CLIENT_ID: "cid-123",
      CLOUDRON_OIDC_CLIENT_SECRET: "se\"cr'et",
    });
    try {
      expect(sandbox.run().status).toBe(0);
      const line = sandbox
        .read()
        .split("\n")
        .find((l) => l.startsWith("SSO_CONFIG_DICT="))!;
      expect(JSON.parse(line.slice("SSO_CONFIG_DICT=".length))).toEqual({
        version: 2,
        providers: {
          cloudron: {
            type: "oidc",
            provider_name: "cloudron",
            server_url: "https://my.cloudron.example.org/openid",
            client_id: "cid-123",
            secret: "se\"cr'et",
          },
        },
      });
    } finally {
      rmSync(sandbox.root, { recursive: true, force: true });
    }
  });

  test("without the OIDC variables (installed without SSO) SSO stays off", () => {
    const sandbox = runStart(ADDON_ENV);
    try {
      expect(sandbox.run().status).toBe(0);
      expect(sandbox.read()).not.toMatch(/SSO_CONFIG_DICT/);
    } finally {
      rmSync(sandbox.root, { recursive: true, force: true });
    }
  });
});

describe("start.sh lint", () => {
  test("bash -n", () => {
    expect(spawnSync("bash", ["-n", "-c", startScript]).status).toBe(0);
  });
});

describeWithTool("shellcheck", hasTool("shellcheck"), "start.sh passes shellcheck", () => {
  test("shellcheck", () => {
    const result = spawnSync("shellcheck", [join(REPO, CLOUDRON_PACKAGE_DIR, "start.sh")], { encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("bad input is refused at synth time", () => {
  test.each([
    [{ mathesarVersion: "latest" }, /Invalid mathesarVersion "latest": must be a pinned Mathesar release/],
    [{ mathesarVersion: "" }, /Invalid mathesarVersion ""/],
    [{ mathesarVersion: null }, /Invalid mathesarVersion null/],
    [{ mathesarVersion: "0.10.1" }, /Invalid sso with mathesar_version "0\.10\.1": Mathesar reads SSO_CONFIG_DICT/],
    [{ packageVersion: "1.0" }, /Invalid packageVersion "1\.0": must be a semantic version/],
    [{ packageVersion: "" }, /Invalid packageVersion ""/],
    [{ memoryLimitMiB: 256 }, /Invalid memoryLimitMiB 256: must be a whole number from 512 to 16384 MiB/],
    [{ memoryLimitMiB: 1e9 }, /Invalid memoryLimitMiB/],
    [{ webConcurrency: -1 }, /Invalid webConcurrency -1/],
    [{ sso: "yes" }, /Invalid sso "yes": must be true or false/],
    [{ sso: null }, /Invalid sso null/],
    [{ packageVersion: null }, /Invalid packageVersion null/],
    [{ packageVersion: "latest" }, /Invalid packageVersion "latest"/],
    [{ memoryLimitMiB: null }, /Invalid memoryLimitMiB null/],
    [{ webConcurrency: null }, /Invalid webConcurrency null/],
    [{ webConcurrency: 70000 }, /Invalid webConcurrency 70000/],
  ])("%j", (props, message) => {
    expect(() => cloudronPackageFiles(props as never)).toThrow(MathesarInputError);
    expect(() => cloudronPackageFiles(props as never)).toThrow(message);
  });

  test("Mathesar 0.10.1 is accepted without SSO", () => {
    expect(() => cloudronPackageFiles({ mathesarVersion: "0.10.1", sso: false })).not.toThrow();
  });
});

test("the committed deploy/cloudron/ files are what the generator writes", () => {
  for (const [file, content] of Object.entries(files)) expect(readFileSync(join(REPO, file), "utf8")).toBe(content);
});

/** The environment the start script exports, as name → value (values are shell expansions). */
const exported: Record<string, string> = {};
for (const match of startScript.matchAll(/^(?:export )?([A-Z_]+)="(.*)"$/gm)) exported[match[1]] = match[2];
exported[ADMIN_ENV.username] = /DJANGO_SUPERUSER_USERNAME=(\S+)/.exec(startScript)?.[1] ?? "";

describeConformance({
  name: "Cloudron package",
  version: manifest.upstreamVersion,
  image: /^FROM (\S+) AS mathesar$/m.exec(dockerfile)![1],
  env: exported,
  isReference: (value) => /^(\$\{[A-Z_]+(:\?[^}]*)?\}|\$\(cat "[^"]+"\))$/.test(value),
  generatedSecrets: [],
  adminBeforeWeb: startScript.indexOf("b64decode") < startScript.indexOf("bin/mathesar run -ne"),
  // The addon's PostgreSQL runs on the Cloudron host, reached over Cloudron's internal network.
  externalDatabase: false,
});

test("no secret name is exported with a literal value", () => {
  for (const name of SECRET_ENV_NAMES) if (exported[name] !== undefined) expect(exported[name]).toMatch(/^\$/);
});
