import { TerraformStack, Testing } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { MathesarOnDigitalOcean, MathesarOnDigitalOceanProps } from "../../modules/digitalocean";
import { MathesarInputError } from "../../modules/mathesar";
import { sensitiveVariable } from "../support/synth";

/** Builds the construct; returns the stack so a test can prove nothing was added after an error. */
function build(props: MathesarOnDigitalOceanProps | ((stack: TerraformStack) => MathesarOnDigitalOceanProps)) {
  const stack = new TerraformStack(Testing.app(), "bad");
  new DigitaloceanProvider(stack, "digitalocean");
  new MathesarOnDigitalOcean(stack, "Mathesar", typeof props === "function" ? props(stack) : props);
  return stack;
}

const cases: Array<[string, MathesarOnDigitalOceanProps, RegExp]> = [
  [
    "a domain that is not a host name",
    { domainName: "not a domain" },
    /Invalid domainName "not a domain": must be a lowercase DNS host name/,
  ],
  ["a domain with an underscore", { domainName: "my_app.example.org" }, /Invalid domainName "my_app.example.org"/],
  ["an unknown size", { size: "huge" as never }, /Invalid size "huge": must be one of "small", "medium", "large"\./],
  ["an unknown region", { region: "mars1" }, /Invalid region "mars1": must be a DigitalOcean region .*"nyc3"/],
  [
    "the latest tag",
    { mathesarVersion: "latest" },
    /Invalid mathesarVersion "latest": must be a pinned Mathesar release/,
  ],
  ["an empty version", { mathesarVersion: "" }, /Invalid mathesarVersion "": must be a pinned Mathesar release/],
  [
    "PostgreSQL 13",
    { database: { managed: { version: 13 } } },
    /Invalid database.managed.version 13: must be a whole number from 14 to 17/,
  ],
  [
    "PostgreSQL 18 (not on DigitalOcean yet)",
    { database: { managed: { version: 18 } } },
    /Invalid database.managed.version 18/,
  ],
  [
    "a name over 32 characters (App Platform's limit)",
    { name: "a-very-long-mathesar-name-for-acme" },
    /Invalid name "a-very-long-mathesar-name-for-acme": must be 2 to 32 lowercase/,
  ],
  ["a name with capitals", { name: "Mathesar" }, /Invalid name "Mathesar"/],
  [
    "high availability on the smallest database",
    { database: { managed: { highAvailability: true } } },
    /cannot have a standby node; use size "medium"/,
  ],
  ["a zone without a domain", { domainZone: "example.org" }, /Invalid domainZone "example.org": it needs domainName/],
  [
    "a domain outside its zone",
    { domainName: "data.example.com", domainZone: "example.org" },
    /must be inside domainZone "example.org"/,
  ],
  [
    "an image that is not on Docker Hub",
    { imageRepository: "ghcr.io/acme/mathesar" },
    /Invalid imageRepository "ghcr.io\/acme\/mathesar": must be a Docker Hub repository/,
  ],
  ["a malformed VPC id", { existingVpcId: "vpc-123" }, /Invalid existingVpcId "vpc-123": must be a DigitalOcean id/],
  ["a public VPC range", { vpcIpRange: "8.8.0.0/16" }, /Invalid vpcIpRange "8.8.0.0\/16": must be a private IPv4 CIDR/],
  ["an invalid admin username", { admin: { username: "has space" } }, /Invalid admin.username "has space"/],
  [
    "both managed and existing database",
    { database: { managed: {}, existing: { host: "h", password: "x" } } },
    /either database.managed or database.existing, not both/,
  ],
];

describe.each(cases)("refuses %s", (_what, props, message) => {
  test("with a clear error naming the prop, the value and what is allowed", () => {
    expect(() => build(props)).toThrow(message);
  });

  test("as a MathesarInputError, before any resource exists", () => {
    const stack = new TerraformStack(Testing.app(), "bad");
    expect(() => new MathesarOnDigitalOcean(stack, "Mathesar", props)).toThrow(MathesarInputError);
    // Validation runs first in the constructor: the only child is the half-built construct itself.
    expect(stack.node.findAll().filter((c) => c.node.path.includes("Mathesar/"))).toHaveLength(0);
  });
});

describe("existing database", () => {
  test("refuses a missing host: Mathesar would start a throwaway database", () => {
    expect(() =>
      build((s) => ({ database: { existing: { host: "", password: sensitiveVariable(s, "pw") } } })),
    ).toThrow(
      /Invalid database.existing.host: must be set — without a host Mathesar silently starts a throwaway database/,
    );
  });

  test("refuses a plain-text password written in code", () => {
    expect(() => build({ database: { existing: { host: "db.example.org", password: "hunter2" } } })).toThrow(
      /Invalid database.existing.password: must be a reference to a secret/,
    );
  });

  test("refuses sslmode verify-full without the server's CA certificate", () => {
    expect(() =>
      build((s) => ({
        database: {
          existing: { host: "db.example.org", sslMode: "verify-full" as never, password: sensitiveVariable(s, "pw") },
        },
      })),
    ).toThrow(/Invalid database.existing.sslMode "verify-full": needs database.existing.caCertificate/);
  });

  test("refuses a port out of range", () => {
    expect(() =>
      build((s) => ({ database: { existing: { host: "db", port: 70000, password: sensitiveVariable(s, "pw") } } })),
    ).toThrow(/Invalid database.existing.port 70000: must be a whole number from 1 to 65535/);
  });
});

test("refuses a SECRET_KEY written as a literal", () => {
  expect(() => build({ secretKey: "x".repeat(64) })).toThrow(/Invalid secretKey: must be a reference to a secret/);
});

test("refuses an SSO configuration written as a literal", () => {
  expect(() => build({ sso: { configJson: '{"version": 1}' } })).toThrow(
    /Invalid sso.configJson: must be a reference to a secret/,
  );
});

test("accepts every valid region and size", () => {
  for (const region of ["nyc3", "fra1", "ams3", "sgp1", "syd1", "tor1", "blr1", "lon1", "sfo3", "atl1"]) {
    for (const size of ["small", "medium", "large"] as const) expect(() => build({ region, size })).not.toThrow();
  }
});
