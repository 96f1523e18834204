/**
 * Every option of the Compose bundle's generator refuses hostile values when the bundle is generated, with
 * a MathesarInputError naming the option, the value and what is allowed.
 */
import { type ComposeBundleOptions, composeBundleFiles } from "../../modules/compose";
import { MathesarInputError } from "../../modules/terraform/input-rule";

const CASES: [string, unknown, RegExp][] = [
  // Versions and images: never latest, never empty, never unpinned.
  [
    "mathesarVersion latest",
    { mathesarVersion: "latest" },
    /^Invalid mathesarVersion "latest": must be a pinned Mathesar release/,
  ],
  ["mathesarVersion empty", { mathesarVersion: "" }, /^Invalid mathesarVersion "": must be a pinned Mathesar release/],
  ["mathesarVersion null", { mathesarVersion: null }, /^Invalid mathesarVersion null: must be a value, or left out/],
  [
    "imageRepository with a tag",
    { imageRepository: "mathesar/mathesar:latest" },
    /^Invalid imageRepository "mathesar\/mathesar:latest": must be an image repository without a tag/,
  ],
  [
    "caddy image latest",
    { images: { caddy: "docker.io/library/caddy:latest" } },
    /^Invalid images\.caddy "docker\.io\/library\/caddy:latest": must be a pinned image reference/,
  ],
  [
    "postgres image without a tag",
    { images: { postgres: "postgres" } },
    /^Invalid images\.postgres "postgres": must be a pinned image reference/,
  ],
  ["nginx image empty", { images: { nginx: "" } }, /^Invalid images\.nginx "": must be a pinned image reference/],
  [
    "certbot image latest with a digest",
    { images: { certbot: `certbot/certbot:latest@sha256:${"a".repeat(64)}` } },
    /^Invalid images\.certbot .*never "latest"/,
  ],
  [
    "an unknown image",
    { images: { redis: "redis:7" } },
    /^Invalid images\.redis "redis:7": must be an image of "caddy", "postgres", "nginx" or "certbot"/,
  ],
  ["images as a string", { images: "" }, /^Invalid images "": must be an object of images by name/],
  ["images as a list", { images: ["caddy:2"] }, /^Invalid images \["caddy:2"\]: must be an object of images by name/],
  ["images as a number", { images: 5 }, /^Invalid images 5: must be an object of images by name/],
  ["mathesar through images", { images: { mathesar: "mathesar/mathesar:0.11.0" } }, /^Invalid images\.mathesar/],
  // Host name and ports.
  [
    "domainName with spaces",
    { domainName: "not a domain" },
    /^Invalid domainName "not a domain": must be a lowercase DNS host name/,
  ],
  [
    "domainName with a scheme",
    { domainName: "https://data.example.org" },
    /^Invalid domainName "https:\/\/data\.example\.org"/,
  ],
  ["domainName single label", { domainName: "localhost" }, /^Invalid domainName "localhost"/],
  ["domainName uppercase", { domainName: "Data.Example.org" }, /^Invalid domainName "Data\.Example\.org"/],
  ["domainName empty", { domainName: "" }, /^Invalid domainName ""/],
  ["domainName Caddyfile injection", { domainName: "a.example.org {\n}" }, /^Invalid domainName/],
  ["httpPort 0", { httpPort: 0 }, /^Invalid httpPort 0: must be a whole number from 1 to 65535\.$/],
  ["httpsPort 65536", { httpsPort: 65536 }, /^Invalid httpsPort 65536: must be a whole number from 1 to 65535\.$/],
  ["httpsPort fractional", { httpsPort: 443.5 }, /^Invalid httpsPort 443\.5/],
  ["httpsPort as text", { httpsPort: "443" }, /^Invalid httpsPort "443"/],
  [
    "httpPort equal to httpsPort",
    { httpPort: 8443, httpsPort: 8443 },
    /^Invalid httpsPort 8443: must be a port other than httpPort \(8443\)/,
  ],
  // Edge and TLS.
  ["edge traefik", { edge: "traefik" }, /^Invalid edge "traefik": must be one of "caddy", "nginx"\.$/],
  ["tls none", { tls: "none" }, /^Invalid tls "none": must be one of "acme", "internal", "files"\.$/],
  [
    "nginx with tls internal",
    { edge: "nginx", tls: "internal" },
    /^Invalid tls "internal": must be "acme" with edge "nginx"/,
  ],
  // Databases.
  [
    "evaluation database on a host port",
    { evaluationDatabaseHostPort: 5432 },
    /^Invalid evaluationDatabaseHostPort 5432: must be left unset: the evaluation database stays on a private Docker network/,
  ],
  [
    "no database at all",
    { evaluationDatabase: false },
    /^Invalid database\.host "": must be a host name, an IP address.*without the evaluation database/,
  ],
  [
    "empty database host",
    { evaluationDatabase: false, database: { host: "" } },
    /^Invalid database\.host "": must be a host name/,
  ],
  ["database host with a space", { database: { host: "db example" } }, /^Invalid database\.host "db example"/],
  [
    "database on a Unix socket",
    { database: { host: "/var/run/postgresql" } },
    /^Invalid database\.host "\/var\/run\/postgresql": must be a host name or IP address/,
  ],
  [
    "both databases",
    { evaluationDatabase: true, database: { host: "db.example.org" } },
    /^Invalid evaluationDatabase true: must be false when database is given/,
  ],
  [
    "database port out of range",
    { database: { host: "db.example.org", port: 70000 } },
    /^Invalid database\.port 70000: must be a whole number from 1 to 65535/,
  ],
  ["database name with a quote", { database: { host: "db.example.org", name: 'x"; drop' } }, /^Invalid database\.name/],
  ["database user empty", { database: { host: "db.example.org", user: "" } }, /^Invalid database\.user ""/],
  [
    "sslmode disable on an external database",
    { database: { host: "db.example.org", sslMode: "disable" } },
    /^Invalid database\.sslMode "disable": must be one of "require", "verify-ca", "verify-full"\.$/,
  ],
  [
    "sslmode prefer",
    { database: { host: "db.example.org", sslMode: "prefer" } },
    /^Invalid database\.sslMode "prefer"/,
  ],
  [
    "verify-full without a CA",
    { database: { host: "db.example.org", sslMode: "verify-full" } },
    /^Invalid database\.sslMode "verify-full": must be "require", or verify-ca\/verify-full together with caCertificate: true/,
  ],
  [
    "unknown database option",
    { database: { host: "db.example.org", password: "x" } },
    /^Invalid database\.password "x": must be one of the options host, port, name, user, sslMode/,
  ],
  // SSO, admin, shapes.
  [
    "SSO with Mathesar 0.10.1",
    { mathesarVersion: "0.10.1", sso: true },
    /Invalid sso with mathesar_version "0\.10\.1": Mathesar reads SSO_CONFIG_DICT and REQUIRE_SSO_LOGIN only from 0\.11\.0/,
  ],
  ["sso as text", { sso: "yes" }, /^Invalid sso "yes": must be true or false/],
  [
    "caCertificate as text",
    { caCertificate: "certs/ca.pem" },
    /^Invalid caCertificate "certs\/ca\.pem": must be true or false/,
  ],
  [
    "adminUsername with a space",
    { adminUsername: "the admin" },
    /^Invalid adminUsername "the admin": must be 1 to 63 letters/,
  ],
  ["adminUsername empty", { adminUsername: "" }, /^Invalid adminUsername ""/],
  ["adminEmail without a domain", { adminEmail: "admin@" }, /^Invalid adminEmail "admin@"/],
  [
    "a misspelt option",
    { domain: "data.example.org" },
    /^Invalid domain "data\.example\.org": must be one of the options/,
  ],
  ["options null", null, /^Invalid options null: must be an object/],
];

describe("bad input is refused when the bundle is generated", () => {
  test.each(CASES)("%s", (_name, options, message) => {
    let error: unknown;
    try {
      composeBundleFiles(options as ComposeBundleOptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MathesarInputError);
    expect((error as Error).message).toMatch(message);
  });

  // null for every option and database option: refused by name, never taken as "use the default".
  const OPTIONS = [
    "mathesarVersion",
    "imageRepository",
    "images",
    "domainName",
    "httpPort",
    "httpsPort",
    "edge",
    "tls",
    "evaluationDatabase",
    "evaluationDatabaseHostPort",
    "database",
    "caCertificate",
    "sso",
    "adminUsername",
    "adminEmail",
  ];
  test.each(OPTIONS)("%s null", (name) => {
    expect(() => composeBundleFiles({ [name]: null } as never)).toThrow(new RegExp(`^Invalid ${name} null: must be`));
  });
  test.each(["host", "port", "name", "user", "sslMode"])("database.%s null", (name) => {
    const database = { host: "db.example.org", [name]: null };
    expect(() => composeBundleFiles({ database } as never)).toThrow(new RegExp(`^Invalid database\\.${name} null`));
  });

  test("the same values, corrected, are accepted (the refusals are about the values)", () => {
    expect(() =>
      composeBundleFiles({
        mathesarVersion: `0.11.0@sha256:${"a".repeat(64)}`,
        imageRepository: "registry.example.org:5000/mirror/mathesar",
        images: { caddy: `registry.example.org/mirror/caddy@sha256:${"b".repeat(64)}`, postgres: "postgres:17.6" },
        domainName: "data.example.org",
        httpPort: 1,
        httpsPort: 65535,
        database: {
          host: "10.1.2.3",
          port: 6432,
          name: "mathesar_internal",
          user: "mathesar.project",
          sslMode: "verify-full",
        },
        caCertificate: true,
        tls: "internal",
        sso: true,
        adminUsername: "ops@example.org",
        adminEmail: "ops@example.org",
      }),
    ).not.toThrow();
  });
});
