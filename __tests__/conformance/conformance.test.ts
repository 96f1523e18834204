/**
 * One suite, every target: the same contract inputs and outputs, the same runtime guarantees, the same
 * errors for the same bad input (docs/architecture.md, "Verification ladder, as built": conformance).
 */
import {
  ADMIN_ENV,
  CONTRACT_OUTPUTS,
  DEFAULT_MATHESAR_VERSION,
  LIVENESS_PATH,
  READINESS_PATH,
  SECRET_ENV_NAMES,
} from "../../modules/mathesar";
import type { MathesarBaseProps } from "../../modules/mathesar";
import { CONFORMANCE_TARGETS } from "./targets";

/** Variables every published root module takes, by contract. */
const CONTRACT_VARIABLES = [
  "name",
  "domain_name",
  "mathesar_version",
  "image_repository",
  "size",
  "admin_enabled",
  "admin_username",
  "admin_email",
  "require_sso_login",
  "deletion_protection",
  "existing_database",
];

describe.each(CONFORMANCE_TARGETS)("$name conforms to the Mathesar contract", (target) => {
  const { containers, outputNames } = target.deploy({});
  const services = containers.filter((c) => c.role === "service");
  const bootstraps = containers.filter((c) => c.role === "bootstrap");

  test("runs at least one service and one bootstrap", () => {
    expect(services.length).toBeGreaterThan(0);
    expect(bootstraps.length).toBeGreaterThan(0);
  });

  test("pins the default Mathesar version, and mathesarVersion changes it", () => {
    // docker.io/mathesar/mathesar is the same Docker Hub image, named with its registry where the platform asks for it.
    for (const c of containers)
      expect(c.image.replace(/^docker\.io\//, "")).toBe(`mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}`);
    for (const c of target.deploy({ mathesarVersion: "0.10.1" }).containers) expect(c.image).toMatch(/:0\.10\.1$/);
  });

  test("sets POSTGRES_DB, POSTGRES_USER and POSTGRES_HOST, non-empty, in every container", () => {
    for (const c of containers) {
      for (const key of ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"]) {
        expect({ address: c.address, key, value: c.plainEnv[key] ?? "" }).toEqual(
          expect.objectContaining({ value: expect.stringMatching(/\S/) }),
        );
      }
    }
  });

  test("uses sslmode=require against the managed database, enforced through libpq's PGSSLMODE", () => {
    // Mathesar 0.8.0-0.11.0 ignores POSTGRES_SSLMODE (its settings overwrite the OPTIONS that carry it).
    for (const c of containers) {
      expect({
        address: c.address,
        POSTGRES_SSLMODE: c.plainEnv.POSTGRES_SSLMODE,
        PGSSLMODE: c.plainEnv.PGSSLMODE,
      }).toEqual({
        address: c.address,
        POSTGRES_SSLMODE: "require",
        PGSSLMODE: "require",
      });
    }
  });

  test("no web process migrates: services start with run -ne, never the image's -s", () => {
    for (const s of services) {
      expect({ address: s.address, command: s.command }).toEqual({
        address: s.address,
        command: expect.stringMatching(/\.\/bin\/mathesar run -ne\b/),
      });
      expect(s.command).not.toMatch(/run -\w*s/);
    }
  });

  test("a version pinned by digest reaches every container as repository:tag@digest", () => {
    const digest = `sha256:${"0123456789abcdef".repeat(4)}`;
    for (const c of target.deploy({ mathesarVersion: `0.11.0@${digest}` }).containers) {
      // repository:tag@digest, or repository@digest where the platform takes the digest alone (App Platform).
      expect([`mathesar/mathesar:0.11.0@${digest}`, `mathesar/mathesar@${digest}`]).toContain(
        c.image.replace(/^docker\.io\//, ""),
      );
    }
  });

  test.each([false, true])(
    "refuses sso (requireSsoLogin %s) with Mathesar 0.10.1 (it reads only OIDC_CONFIG_DICT)",
    (requireSsoLogin) => {
      const props = { mathesarVersion: "0.10.1", ...target.ssoProps(requireSsoLogin) } as MathesarBaseProps;
      expect(() => target.build(props)).toThrow(
        /Invalid sso with mathesar_version "0\.10\.1": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0\.11\.0/,
      );
      expect(() => target.build({ ...props, mathesarVersion: `0.11.0@sha256:${"a".repeat(64)}` })).not.toThrow();
    },
  );

  test("never puts a secret into plain environment", () => {
    for (const c of containers) {
      for (const name of SECRET_ENV_NAMES) expect(Object.keys(c.plainEnv)).not.toContain(name);
      expect(c.secretEnv).toEqual(expect.arrayContaining(["POSTGRES_PASSWORD", "SECRET_KEY"]));
    }
  });

  test("health-checks every service on a path Mathesar answers without login", () => {
    for (const s of services) expect([LIVENESS_PATH, READINESS_PATH]).toContain(s.healthCheckPath);
  });

  test("creates the first admin at deploy time, with the password from a secret", () => {
    for (const b of bootstraps) {
      expect(b.plainEnv[ADMIN_ENV.username]).toBe("admin");
      expect(b.secretEnv).toContain(ADMIN_ENV.password);
    }
  });

  test("the published module takes the contract's inputs", () => {
    const expected = CONTRACT_VARIABLES.filter((v) => !(target.notApplicableInputs ?? []).includes(v));
    expect(Object.keys(target.moduleRoot().variable)).toEqual(expect.arrayContaining(expected));
  });

  test("the published module and the deployable stack return the contract's outputs", () => {
    const names = Object.values(CONTRACT_OUTPUTS).map((o) => o.name);
    expect(Object.keys(target.moduleRoot().output)).toEqual(expect.arrayContaining(names));
    expect(outputNames).toEqual(expect.arrayContaining(names));
  });

  test.each([
    [{ name: "Bad_Name" }, /Invalid name "Bad_Name": must be 2 to \d+ lowercase letters/],
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
    [{ size: "huge" as never }, /Invalid size "huge": must be one of "small", "medium", "large"\./],
  ])("refuses %j with the shared message", (props, message) => {
    expect(() => target.build(props)).toThrow(message);
  });
});
