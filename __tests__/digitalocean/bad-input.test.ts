import { TerraformStack, Testing } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { MathesarOnDigitalOcean, MathesarOnDigitalOceanProps } from "../../modules/digitalocean";
import { MathesarInputError } from "../../modules/mathesar";
import { sensitiveVariable } from "../support/synth";
import { DO_BAD_INPUTS, propName } from "./bad-input-cases";

/** Builds the construct; returns the stack so a test can prove nothing was added after an error. */
function build(props: MathesarOnDigitalOceanProps | ((stack: TerraformStack) => MathesarOnDigitalOceanProps)) {
  const stack = new TerraformStack(Testing.app(), "bad");
  new DigitaloceanProvider(stack, "digitalocean");
  new MathesarOnDigitalOcean(stack, "Mathesar", typeof props === "function" ? props(stack) : props);
  return stack;
}

// The table both flavours share (the Terraform side: __tests__/terraform/variable-validation.test.ts).
const cases = DO_BAD_INPUTS.filter((c) => c.props !== undefined).map(
  (c) => [c.what, c.props!, c.message(propName)] as const,
);

test("the shared table gives the construct a case for most bad inputs", () => {
  expect(cases.length).toBeGreaterThanOrEqual(20);
});

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
