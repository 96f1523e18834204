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
} from "../../modules/mathesar";

const connection = { host: "db.internal", port: 5432, name: "mathesar", user: "mathesar", password: "SECRET-PW", sslMode: "require" };

describe("environment builder", () => {
  const env = buildMathesarEnvironment({ database: connection, secretKey: "SECRET-KEY", allowedHosts: "data.example.org", webConcurrency: 3 });

  test("always sets all three required POSTGRES_* variables", () => {
    expect(env.plain).toMatchObject({ POSTGRES_HOST: "db.internal", POSTGRES_DB: "mathesar", POSTGRES_USER: "mathesar", POSTGRES_PORT: "5432", POSTGRES_SSLMODE: "require" });
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
    const sso = buildMathesarEnvironment({ database: connection, secretKey: "k", allowedHosts: "h", webConcurrency: 1, ssoConfig: "SSO", requireSsoLogin: true });
    expect(sso.secrets.SSO_CONFIG_DICT).toBe("SSO");
    expect(sso.plain.REQUIRE_SSO_LOGIN).toBe("true");
  });

  test.each(["host", "name", "user"] as const)("refuses an empty %s: the image would start a throwaway database", (field) => {
    expect(() =>
      buildMathesarEnvironment({ database: { ...connection, [field]: " " }, secretKey: "k", allowedHosts: "h", webConcurrency: 1 }),
    ).toThrow(/must not be empty: Mathesar would fall back to a throwaway in-container database/);
  });

  test("accepts tokens for values only Terraform knows", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const host = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    expect(buildMathesarEnvironment({ database: { ...connection, host }, secretKey: "k", allowedHosts: "h", webConcurrency: 1 }).plain.POSTGRES_HOST).toBe(host);
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
    [NAME_RULE, ["mathesar", "ab", "mathesar-acme-2024"], ["a", "-mathesar", "mathesar-", "Mathesar", "a".repeat(21), "m_x"]],
    [DOMAIN_NAME_RULE, ["data.example.org", "a.b.c.example.co.uk", "xn--bcher-kva.example"], ["localhost", "not a domain", "-a.example.org", "a..b", "EXAMPLE.ORG", `${"a".repeat(250)}.org`]],
    [MATHESAR_VERSION_RULE, ["0.11.0", "0.10.1", "1.0.0-rc.1"], ["latest", "", "0.11", "v0.11.0", "0.11.0 "]],
    [SIZE_RULE, ["small", "medium", "large"], ["xl", "Small", ""]],
  ] as const)("%#: accepts the good values and refuses the bad ones", (rule, good, bad) => {
    for (const value of good) expect({ value, ok: rule.test(value as never) }).toEqual({ value, ok: true });
    for (const value of bad) expect({ value, ok: rule.test(value as never) }).toEqual({ value, ok: false });
  });

  test("PostgreSQL versions are whole numbers from 14 to 18", () => {
    expect([13, 14, 16.5, 18, 19].map((v) => POSTGRES_VERSION_RULE.test(v))).toEqual([false, true, false, true, false]);
  });

  test("checkProp names the prop, the value and what is allowed", () => {
    expect(() => checkProp("size", "xl", SIZE_RULE)).toThrow(new MathesarInputError('Invalid size "xl": must be one of "small", "medium", "large".'));
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
    expect(validationFor("domain_name", DOMAIN_NAME_RULE, { nullable: true }).condition).toMatch(/^\$\{var\.domain_name == null \? true : \(can\(regex\(/);
    expect(validationFor("secret", SIZE_RULE, { sensitive: true }).errorMessage).toBe('Invalid secret: must be one of "small", "medium", "large".');
  });

  test("hclString escapes backslashes, quotes and template sequences", () => {
    expect(hclString('a\\.b"c${d}%{e}')).toBe('"a\\\\.b\\"c$${d}%%{e}"');
  });
});

test("mathesarImage joins repository and tag", () => {
  expect(mathesarImage("0.11.0")).toBe("mathesar/mathesar:0.11.0");
  expect(mathesarImage("0.11.0", "mirror.example.org/mathesar")).toBe("mirror.example.org/mathesar:0.11.0");
});
