/**
 * The Compose bundle against the same contract checks as __tests__/conformance/ (whose harness reads
 * synthesized Terraform; a Compose bundle has none, so the checks are applied here). Values are what Compose
 * would pass after interpolating .env (from .env.example and generate-secrets.sh's kind of secrets).
 */
import {
  ADMIN_ENV,
  DEFAULT_MATHESAR_VERSION,
  LIVENESS_PATH,
  READINESS_PATH,
  SECRET_ENV_NAMES,
} from "../../modules/mathesar";
import { type ComposeBundleOptions, composeBundleFiles } from "../../modules/compose";
import { interpolate, parseCompose, parseEnvFile, serviceEnvironment } from "./support";

/** A bundle's Mathesar containers after interpolation, with the secrets generate-secrets.sh would write. */
function deploy(options: ComposeBundleOptions = {}) {
  const files = composeBundleFiles(options);
  const env = {
    ...parseEnvFile(files[".env.example"]),
    SECRET_KEY: "k".repeat(64),
    ADMIN_PASSWORD: "p".repeat(32),
    POSTGRES_PASSWORD: "d".repeat(32),
  };
  const services = parseCompose(files["docker-compose.yml"]).services;
  const container = (name: string, role: "service" | "bootstrap") => ({
    name,
    role,
    image: interpolate(services[name].image, env),
    env: serviceEnvironment(services[name], env),
    raw: services[name].environment as Record<string, string>,
    command: (services[name].command as string[]).join(" "),
    healthcheck: services[name].healthcheck?.test as string[] | undefined,
  });
  return [container("mathesar", "service"), container("bootstrap", "bootstrap")];
}

describe("the Compose bundle conforms to the Mathesar contract", () => {
  const containers = deploy();

  test("runs one service and one bootstrap", () => {
    expect(containers.map((c) => c.role)).toEqual(["service", "bootstrap"]);
  });

  test("pins the default Mathesar version, and mathesarVersion changes it (a digest too)", () => {
    for (const c of containers) expect(c.image).toBe(`docker.io/mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`);
    for (const c of deploy({ mathesarVersion: "0.10.1" })) expect(c.image).toMatch(/:0\.10\.1$/);
    const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
    for (const c of deploy({ mathesarVersion: `0.11.0@${digest}` }))
      expect(c.image).toBe(`docker.io/mathesar/mathesar:0.11.0@${digest}`);
  });

  test.each([
    ["evaluation database", {}],
    ["external database", { database: { host: "db.example.org" } }],
  ])("sets POSTGRES_DB, POSTGRES_USER and POSTGRES_HOST, non-empty, in every container (%s)", (_name, options) => {
    for (const c of deploy(options as ComposeBundleOptions))
      for (const key of ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"])
        expect({ name: c.name, key, value: c.env[key] }).toEqual({
          name: c.name,
          key,
          value: expect.stringMatching(/\S/),
        });
  });

  test("uses sslmode=require against an external database, enforced through libpq's PGSSLMODE", () => {
    for (const c of deploy({ database: { host: "db.example.org" } }))
      expect([c.env.POSTGRES_SSLMODE, c.env.PGSSLMODE]).toEqual(["require", "require"]);
  });

  test("no web process migrates: the service starts with run -ne, never the image's -s", () => {
    const service = containers.find((c) => c.role === "service")!;
    expect(service.command).toMatch(/\.\/bin\/mathesar run -ne\b/);
    expect(service.command).not.toMatch(/run -\w*s/);
  });

  test.each([false, true])("refuses SSO with Mathesar 0.10.1 (requireSsoLogin in .env: %s)", () => {
    expect(() => composeBundleFiles({ mathesarVersion: "0.10.1", sso: true })).toThrow(
      /Invalid sso with mathesar_version "0\.10\.1": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0\.11\.0/,
    );
    expect(() => composeBundleFiles({ mathesarVersion: `0.11.0@sha256:${"a".repeat(64)}`, sso: true })).not.toThrow();
  });

  test("never puts a secret into docker-compose.yml: every secret is a required .env variable", () => {
    for (const c of deploy({ sso: true })) {
      for (const name of SECRET_ENV_NAMES) {
        if (c.raw[name] === undefined) continue;
        expect({ name, value: c.raw[name] }).toEqual({
          name,
          value: expect.stringMatching(/^\$\{[A-Z_]+:[?-][^}]*\}$/),
        });
      }
      expect(Object.keys(c.raw)).toEqual(expect.arrayContaining(["POSTGRES_PASSWORD", "SECRET_KEY"]));
    }
  });

  test("health-checks the service on a path Mathesar answers without login", () => {
    const probe = containers.find((c) => c.role === "service")!.healthcheck!.join(" ");
    expect([LIVENESS_PATH, READINESS_PATH].some((p) => probe.includes(`:8000${p}'`))).toBe(true);
  });

  test("creates the first admin at deploy time, with the password from a secret", () => {
    const bootstrap = containers.find((c) => c.role === "bootstrap")!;
    expect(bootstrap.env[ADMIN_ENV.username]).toBe("admin");
    expect(bootstrap.raw[ADMIN_ENV.password]).toMatch(/^\$\{ADMIN_PASSWORD:\?/);
    expect(bootstrap.env[ADMIN_ENV.password]).toBe("p".repeat(32));
  });

  test("a missing secret stops Compose with the way to fix it", () => {
    const files = composeBundleFiles();
    const service = parseCompose(files["docker-compose.yml"]).services.mathesar;
    expect(() => serviceEnvironment(service, parseEnvFile(files[".env.example"]))).toThrow(
      /is missing a value: [A-Z_]+ is empty: run bash generate-secrets\.sh/,
    );
  });

  // The contract's inputs, as options of the generator: name (the Compose project is "mathesar"; run a second
  // copy from another folder with -p), size (WEB_CONCURRENCY in .env), admin_enabled (always on: the bundle
  // never leaves the first-admin page open) and deletion_protection (volumes survive `docker compose down`;
  // only `down -v` deletes them) do not apply.
  test.each([
    [{ domainName: "not a domain" }, /Invalid domainName "not a domain": must be a lowercase DNS host name/],
    [{ mathesarVersion: "latest" }, /Invalid mathesarVersion "latest": must be a pinned Mathesar release/],
    [
      { mathesarVersion: `latest@sha256:${"a".repeat(64)}` },
      /Invalid mathesarVersion "latest@sha256:a+": must be a pinned Mathesar release/,
    ],
    [
      { mathesarVersion: `0.11.0@sha256:${"A".repeat(64)}` },
      /Invalid mathesarVersion "0\.11\.0@sha256:A+": must be a pinned Mathesar release/,
    ],
    [
      { mathesarVersion: "0.11.0@sha256:abc" },
      /Invalid mathesarVersion "0\.11\.0@sha256:abc": must be a pinned Mathesar release/,
    ],
  ])("refuses %j with the shared message", (options, message) => {
    expect(() => composeBundleFiles(options)).toThrow(message);
  });
});
