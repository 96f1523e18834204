/**
 * scripts/version.js: --check (which CI runs through this test) agrees with this checkout and fails on every
 * kind of disagreement; a bump changes package.json, package-lock.json, modules/project.ts, CHANGELOG.md and
 * the docs' version lines together, and a refused bump changes nothing.
 */
import * as fs from "fs";
import * as path from "path";
import { moduleVersionConstraint } from "../../modules/project";
import { REPO, runScript, tempDir } from "./fixture";

const FILES = ["package.json", "package-lock.json", "CHANGELOG.md", "modules/project.ts"];
const CURRENT: string = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version;
const URL = "https://github.com/mathesar-foundation/mathesar-deploy";

let root: string;
beforeEach(() => {
  root = tempDir("version");
  for (const file of FILES) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO, file), path.join(root, file));
  }
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const edit = (file: string, change: (text: string) => string) =>
  fs.writeFileSync(path.join(root, file), change(read(file)));
const check = () => runScript("version.js", ["--check", "--root", root]);
const snapshot = () => FILES.map(read);

test("this checkout's version agrees everywhere it is stated (package.json, lock, CHANGELOG, README and docs)", () => {
  const result = runScript("version.js", ["--check"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`version ${CURRENT} agrees`);
});

test("the copy agrees before it is doctored (the cases below fail for their own reason)", () => {
  expect(check().status).toBe(0);
});

test.each<[string, string, (text: string) => string, RegExp]>([
  [
    "lock version",
    "package-lock.json",
    (t) => t.replace(`"version": "${CURRENT}"`, '"version": "0.0.1"'),
    /package-lock\.json version is 0\.0\.1/,
  ],
  [
    'lock packages[""]',
    "package-lock.json",
    (t) => t.replace(new RegExp(`("": \\{[^}]*?"version": )"${CURRENT}"`), '$1"0.0.1"'),
    /packages\[""\]\.version is 0\.0\.1/,
  ],
  [
    "package.json not SemVer",
    "package.json",
    (t) => t.replace(`"version": "${CURRENT}"`, '"version": "latest"'),
    /not a SemVer/,
  ],
  [
    "CHANGELOG heading",
    "CHANGELOG.md",
    (t) => t.replace(`## [${CURRENT}] -`, "## [0.0.9] -"),
    /latest released section is 0\.0\.9/,
  ],
  ["no Unreleased", "CHANGELOG.md", (t) => t.replace("## [Unreleased]", "## Unreleased"), /no "## \[Unreleased\]"/],
  [
    "stale compare link",
    "CHANGELOG.md",
    (t) => t.replace(`compare/v${CURRENT}...HEAD`, "compare/v0.0.9...HEAD"),
    /\[Unreleased\]: /,
  ],
  ["link at another address", "CHANGELOG.md", (t) => t.split(URL).join("https://example.org/fork"), /lacks/],
  [
    "project.ts version",
    "modules/project.ts",
    (t) => t.replace(`PROJECT_VERSION = "${CURRENT}"`, 'PROJECT_VERSION = "0.0.9"'),
    /modules\/project\.ts PROJECT_VERSION is "0\.0\.9", package\.json version says/,
  ],
  [
    "project.ts repository",
    "modules/project.ts",
    (t) => t.replace(`PROJECT_REPOSITORY_URL = "${URL}"`, 'PROJECT_REPOSITORY_URL = "https://github.com/fork/x"'),
    /PROJECT_REPOSITORY_URL is "https:\/\/github\.com\/fork\/x", package\.json repository\.url says/,
  ],
  [
    "project.ts package name",
    "modules/project.ts",
    (t) => t.replace('PROJECT_PACKAGE_NAME = "@mathesar-deploy/cdktf"', 'PROJECT_PACKAGE_NAME = "mathesar"'),
    /PROJECT_PACKAGE_NAME is "mathesar"/,
  ],
  [
    "project.ts without the version literal",
    "modules/project.ts",
    (t) => t.replace("export const PROJECT_VERSION =", "export const VERSION ="),
    /has no line 'export const PROJECT_VERSION/,
  ],
  [
    "package.json repository",
    "package.json",
    (t) => t.replace(`"url": "${URL}"`, '"url": "https://github.com/fork/x"'),
    /PROJECT_REPOSITORY_URL is "https:\/\/github\.com\/mathesar-foundation/,
  ],
])("--check fails on a doctored %s", (_name, file, change, message) => {
  edit(file, change);
  const result = check();
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(message);
});

test("--check reads README and docs lines that pin a version, and names the file and line", () => {
  fs.mkdirSync(path.join(root, "docs"));
  fs.writeFileSync(
    path.join(root, "docs", "guide.md"),
    `# Guide\n\nsource = "git::${URL}-aws.git?ref=v${CURRENT}"\n` + `npm install @mathesar-deploy/cdktf@0.0.9\n`,
  );
  const result = check();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`docs/guide.md:4 states version 0.0.9, package.json says ${CURRENT}`);
  expect(result.stderr).not.toContain("guide.md:3");
  edit("docs/guide.md", (t) => t.replace("@0.0.9", `@${CURRENT}`));
  expect(check().status).toBe(0);
});

test("--check holds a registry source's version constraint to the project version, and names the line", () => {
  const constraint = moduleVersionConstraint(CURRENT);
  const block = (version: string) =>
    `module "mathesar" {\n  source  = "mathesar-foundation/mathesar/aws//modules/database"\n${version}  name = "x"\n}\n`;
  fs.mkdirSync(path.join(root, "docs"));
  const guide = path.join(root, "docs", "guide.md");
  fs.writeFileSync(guide, "```hcl\n" + block(`  version = "${constraint}"\n`) + "```\n");
  expect(check().status).toBe(0);
  fs.writeFileSync(guide, "```hcl\n" + block('  version = "~> 0.0.1"\n') + "```\n");
  let result = check();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`docs/guide.md:4 pins version = "~> 0.0.1", package.json's ${CURRENT} means`);
  fs.writeFileSync(guide, "```hcl\n" + block("") + "```\n");
  result = check();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(`docs/guide.md:3 uses a registry source without version = "${constraint}"`);
  // A table row: the registry address in one cell, its constraint in the next.
  fs.writeFileSync(guide, "| AWS | `mathesar-foundation/mathesar/aws` | `~> 0.0.1` |\n");
  result = check();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('docs/guide.md:1 pins version = "~> 0.0.1"');
  fs.writeFileSync(guide, `| AWS | \`mathesar-foundation/mathesar/aws\` | \`${constraint}\` |\n`);
  expect(check().status).toBe(0);
  // Another namespace's module and a provider's version are not ours to check.
  fs.writeFileSync(
    guide,
    'source = "terraform-aws-modules/vpc/aws"\nversion = "5.0.0"\naws = { source = "hashicorp/aws", version = "~> 5.0" }\n',
  );
  expect(check().status).toBe(0);
});

test("a submodule README under dist/ is checked too, the chart copy inside the Kubernetes module is not", () => {
  const sub = path.join(root, "dist", "terraform-aws-mathesar", "modules", "database");
  const chart = path.join(root, "dist", "terraform-kubernetes-mathesar", "chart");
  fs.mkdirSync(sub, { recursive: true });
  fs.mkdirSync(chart, { recursive: true });
  fs.writeFileSync(path.join(chart, "README.md"), "npm install @mathesar-deploy/cdktf@0.0.1\n");
  expect(check().status).toBe(0);
  fs.writeFileSync(path.join(sub, "README.md"), "npm install @mathesar-deploy/cdktf@0.0.1\n");
  const result = check();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("dist/terraform-aws-mathesar/modules/database/README.md:1 states version 0.0.1");
});

test("the script's constraint rule is modules/project.ts's", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const script = require(path.join(REPO, "scripts", "version.js")) as { moduleVersionConstraint(v: string): string };
  for (const version of ["0.1.0", "0.1.7", "0.12.3", "1.0.0", "1.4.2", "2.0.0-rc.1", "10.20.30"])
    expect(script.moduleVersionConstraint(version)).toBe(moduleVersionConstraint(version));
  expect(moduleVersionConstraint("0.3.2")).toBe("~> 0.3.0");
  expect(moduleVersionConstraint("1.4.2")).toBe("~> 1.4");
});

test("a bump rewrites modules/project.ts and every docs line that states the version, and nothing else there", () => {
  fs.mkdirSync(path.join(root, "docs"));
  const from = moduleVersionConstraint(CURRENT);
  const doc = [
    "```hcl",
    'module "mathesar" {',
    '  source  = "mathesar-foundation/mathesar/digitalocean"',
    `  version = "${from}"`,
    "}",
    "```",
    `npm install @mathesar-deploy/cdktf@${CURRENT} cdktf@0.21.0`,
    `source = "git::${URL}.git//dist/terraform-aws-mathesar?ref=v${CURRENT}"`,
    'aws = { source = "hashicorp/aws", version = "~> 5.0" }',
    `| DigitalOcean | \`mathesar-foundation/mathesar/digitalocean\` | \`${from}\` | [guide](digitalocean.md) |`,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(root, "docs", "guide.md"), doc);
  const result = runScript("version.js", ["99.1.0", "--root", root, "--date", "2030-01-02"]);
  expect(result.stderr).toBe("");
  expect(result.stdout).toContain("modules/project.ts, docs/guide.md");
  expect(read("docs/guide.md")).toBe(
    doc
      .replace(`version = "${from}"`, 'version = "~> 99.1"')
      .replace(`\`${from}\` | [guide]`, "`~> 99.1` | [guide]")
      .replace(`cdktf@${CURRENT}`, "cdktf@99.1.0")
      .replace(`ref=v${CURRENT}`, "ref=v99.1.0"),
  );
  expect(read("modules/project.ts")).toBe(
    fs
      .readFileSync(path.join(REPO, "modules", "project.ts"), "utf8")
      .replace(`PROJECT_VERSION = "${CURRENT}"`, 'PROJECT_VERSION = "99.1.0"'),
  );
  expect(check().status).toBe(0);
});

test("a bump sets package.json, both lock fields and a dated CHANGELOG section with its links; --check then agrees", () => {
  const before = snapshot();
  const result = runScript("version.js", ["99.1.0", "--root", root, "--date", "2030-01-02"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  // Only the version fields change in the JSON files.
  expect(read("package.json")).toBe(before[0].replace(`"version": "${CURRENT}"`, '"version": "99.1.0"'));
  const lock = JSON.parse(read("package-lock.json"));
  expect([lock.version, lock.packages[""].version]).toEqual(["99.1.0", "99.1.0"]);
  expect(read("package-lock.json").split("\n").length).toBe(before[1].split("\n").length);
  const changelog = read("CHANGELOG.md");
  expect(changelog).toMatch(/## \[Unreleased\]\n\n## \[99\.1\.0\] - 2030-01-02\n\n### Added/);
  expect(changelog).toContain(`[Unreleased]: ${URL}/compare/v99.1.0...HEAD`);
  expect(changelog).toContain(`[99.1.0]: ${URL}/compare/v${CURRENT}...v99.1.0`);
  expect(changelog).toContain(`## [${CURRENT}] -`);
  expect(check().status).toBe(0);
  // The emptied Unreleased section cannot be released again.
  const again = runScript("version.js", ["99.2.0", "--root", root]);
  expect(again.status).toBe(1);
  expect(again.stderr).toMatch(/Unreleased section lists no change/);
});

test("a pre-release is accepted and the release after it is greater", () => {
  expect(runScript("version.js", ["99.0.0-rc.1", "--root", root]).status).toBe(0);
  edit("CHANGELOG.md", (t) => t.replace("## [Unreleased]\n", "## [Unreleased]\n\n### Fixed\n\n- A fix.\n"));
  const result = runScript("version.js", ["99.0.0", "--root", root]);
  expect(result.stderr).toBe("");
  expect(JSON.parse(read("package.json")).version).toBe("99.0.0");
});

test.each<[string[], RegExp, number]>([
  [[""], /a version is required/, 1],
  [["latest"], /not a SemVer/, 1],
  [["v99.0.0"], /without the "v"/, 1],
  [["99.0"], /not a SemVer/, 1],
  [["099.0.0"], /not a SemVer/, 1],
  [["99.0.0 "], /not a SemVer/, 1],
  [["99.0.0+build.1"], /build metadata/, 1],
  [[CURRENT], /not greater than the current version/, 1],
  [["0.0.1"], /not greater than the current version/, 1],
  [["99.0.0", "--date", "2030-02-30"], /not a date/, 1],
  [["99.0.0", "--date", "tomorrow"], /not a date/, 1],
  [["99.0.0", "--date"], /--date needs a value/, 2],
  [["99.0.0", "--date", "--check"], /--date needs a value/, 2],
  [["99.0.0", "99.1.0"], /one version only/, 2],
  [["--check", "99.0.0"], /--check takes no version/, 2],
  [["--bump"], /unknown option --bump/, 2],
  [[], /give a version/, 2],
])("refused: %j, and nothing changes", (args, message, status) => {
  const before = snapshot();
  const result = runScript("version.js", ["--root", root, ...args]);
  expect(result.stderr).toMatch(message);
  expect(result.status).toBe(status);
  expect(snapshot()).toEqual(before);
});

test("a bump over an inconsistent checkout is refused and changes nothing", () => {
  edit("package-lock.json", (t) => t.replace(`"version": "${CURRENT}"`, '"version": "0.0.1"'));
  const before = snapshot();
  const result = runScript("version.js", ["99.0.0", "--root", root]);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/already inconsistent/);
  expect(snapshot()).toEqual(before);
});
