/**
 * The API reference: `npm run docs:api` (TypeDoc with typedoc-plugin-markdown, typedoc.json) renders every
 * entry point's JSDoc as Markdown. It is generated at release, not committed, so this test runs the same
 * generator into a temporary folder and checks it succeeds and documents each target's composite.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const root = resolve(__dirname, "../..");

describe("API reference (TypeDoc)", () => {
  let out: string;
  let log: string;
  let status: number | null;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "mathesar-api-"));
    const typedoc = join(root, "node_modules", "typedoc", "bin", "typedoc");
    const result = spawnSync(process.execPath, [typedoc, "--out", out], { cwd: root, encoding: "utf8" });
    status = result.status;
    log = `${result.stdout}\n${result.stderr}`;
  }, 300_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test("the generator succeeds with no errors", () => {
    expect({ status, errors: /Found (\d+) errors?/.exec(log)?.[1] }).toEqual({ status: 0, errors: "0" });
  });

  test.each([
    ["aws", "MathesarOnAws"],
    ["google", "MathesarOnGoogleCloud"],
    ["digitalocean", "MathesarOnDigitalOcean"],
    ["kubernetes", "MathesarOnKubernetes"],
    ["docker", "MathesarOnDockerHost"],
  ])("the %s entry point documents %s from its JSDoc", (target, composite) => {
    const page = join(out, target, "classes", `${composite}.md`);
    expect(existsSync(page)).toBe(true);
    const markdown = readFileSync(page, "utf8");
    // The class's JSDoc summary (its first line), not only its signature, reaches the page.
    const file = { docker: "docker-host", google: "google-cloud" }[target] ?? target;
    const source = readFileSync(join(root, "modules", target, `mathesar-on-${file}.ts`), "utf8");
    const classAt = source.indexOf(`export class ${composite} `);
    expect(classAt).toBeGreaterThan(0);
    const jsdoc = source.slice(source.lastIndexOf("/**", classAt), classAt);
    const firstLine = /\/\*\*\s*\*?\s*([^\n]+)/.exec(jsdoc)?.[1]?.trim() ?? "";
    const words = firstLine
      .replace(/[`*{}@]/g, " ")
      .split(/\s+/)
      .filter((word) => /^[A-Za-z,.]+$/.test(word));
    expect(words.length).toBeGreaterThan(2);
    for (const word of words.slice(0, 5)) expect(markdown).toContain(word);
  });

  test("the contract's props carry their defaults", () => {
    expect(existsSync(join(out, "mathesar"))).toBe(true);
    expect(readFileSync(join(out, "aws", "interfaces", "MathesarOnAwsProps.md"), "utf8")).toMatch(/Default/i);
  });
});
