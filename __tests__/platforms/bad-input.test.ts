/**
 * Bad input to every platform generator is refused at synth time, naming the prop, the value and what is
 * allowed; nothing is generated after an error.
 */
import { flyFiles } from "../../modules/fly";
import { herokuFiles } from "../../modules/heroku";
import { MathesarInputError } from "../../modules/mathesar";
import type { PlatformProps } from "../../modules/platforms";
import { railwayFiles } from "../../modules/railway";
import { renderFiles } from "../../modules/render";

const GENERATORS = [
  { name: "Railway", files: railwayFiles, minName: 2, maxName: 32, region: "europe-west4-drams3a" },
  { name: "Fly.io", files: flyFiles, minName: 2, maxName: 63, region: "fra" },
  { name: "Render", files: renderFiles, minName: 2, maxName: 40, region: "frankfurt" },
  { name: "Heroku", files: herokuFiles, minName: 3, maxName: 30, region: undefined },
] as const;

const expectRefused = (files: (p: PlatformProps) => unknown, props: PlatformProps, message: RegExp) => {
  expect(() => files(props)).toThrow(MathesarInputError);
  expect(() => files(props)).toThrow(message);
};

describe.each(GENERATORS.map((g) => [g.name, g] as const))("%s refuses bad input", (_name, g) => {
  test.each([
    ["latest", /Invalid mathesarVersion "latest": must be a pinned Mathesar release/],
    ["", /Invalid mathesarVersion "": must be a pinned Mathesar release/],
    ["0.11", /Invalid mathesarVersion "0\.11"/],
    [`latest@sha256:${"a".repeat(64)}`, /Invalid mathesarVersion "latest@sha256/],
  ])("mathesarVersion %j", (mathesarVersion, message) => expectRefused(g.files, { mathesarVersion }, message));

  test("null for any prop says to leave it out", () => {
    for (const key of ["mathesarVersion", "name", "region", "healthCheckPath", "domainName"])
      expectRefused(
        g.files,
        { [key]: null } as unknown as PlatformProps,
        new RegExp(`Invalid ${key} null: leave it out`),
      );
  });

  test(`a name over the platform's limit (${g.minName} to ${g.maxName} characters), or with capitals or underscores`, () => {
    const long = `m${"a".repeat(g.maxName)}`;
    const limits = new RegExp(`must be ${g.minName} to ${g.maxName} lowercase`);
    expectRefused(g.files, { name: long }, new RegExp(`Invalid name "${long}": ${limits.source}`));
    expect(() => g.files({ name: long.slice(0, g.maxName) })).not.toThrow();
    const short = "m".repeat(g.minName - 1);
    expectRefused(g.files, { name: short }, new RegExp(`Invalid name "${short}": ${limits.source}`));
    expect(() => g.files({ name: "m".repeat(g.minName) })).not.toThrow();
    expectRefused(g.files, { name: "mathesar-" }, /Invalid name "mathesar-"/);
    expectRefused(g.files, { name: "1mathesar" }, /Invalid name "1mathesar"/);
    expectRefused(g.files, { name: "Bad_Name" }, /Invalid name "Bad_Name"/);
    expectRefused(g.files, { name: "" }, /Invalid name ""/);
  });

  test("a region the platform does not have", () => {
    expectRefused(g.files, { region: "mars-north1" }, /Invalid region "mars-north1": must be/);
    expectRefused(g.files, { region: "" }, /Invalid region ""/);
    if (g.region) expect(() => g.files({ region: g.region })).not.toThrow();
  });

  test.each(["/health", "/healthz", "", "auth/login/", "/auth/login"])(
    "a health path the image does not serve: %j",
    (healthCheckPath) =>
      expectRefused(
        g.files,
        { healthCheckPath },
        new RegExp(
          `Invalid healthCheckPath ${JSON.stringify(healthCheckPath)}: must be a path the Mathesar image serves without login`,
        ),
      ),
  );

  test("a domain, an image repository, an admin username and e-mail that are not what they claim", () => {
    expectRefused(g.files, { domainName: "not a domain" }, /Invalid domainName "not a domain"/);
    expectRefused(g.files, { domainName: "Data.Example.org" }, /Invalid domainName/);
    expectRefused(g.files, { imageRepository: "mathesar/mathesar:latest" }, /Invalid imageRepository/);
    expectRefused(g.files, { adminUsername: "" }, /Invalid adminUsername ""/);
    expectRefused(g.files, { adminUsername: "a".repeat(64) }, /Invalid adminUsername/);
    expectRefused(g.files, { adminEmail: "nobody" }, /Invalid adminEmail "nobody"/);
  });

  test("good props change the files: the readiness path, a custom domain, another version", () => {
    const files = Object.values(
      g.files({ healthCheckPath: "/auth/login/", domainName: "data.example.org", mathesarVersion: "0.10.1" }),
    ).join("\n");
    expect(files).toContain("data.example.org");
    expect(files).toContain("FROM mathesar/mathesar:0.10.1");
  });
});

test("Heroku refuses any region: app.json has none, the deploy screen chooses it", () => {
  expectRefused(herokuFiles, { region: "eu" }, /Invalid region "eu": must be left out: Heroku's deploy screen chooses/);
});

test("Railway's readiness check admits Railway's prober host", () => {
  const template = JSON.parse(railwayFiles({ healthCheckPath: "/auth/login/" })["deploy/railway/template.json"]);
  expect(template.services[0].variables.ALLOWED_HOSTS).toBe("${{RAILWAY_PUBLIC_DOMAIN}},healthcheck.railway.app");
});
