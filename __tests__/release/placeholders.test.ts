/**
 * Placeholder text that must never ship (the list is scripts/release.js's PLACEHOLDERS, which also warns when a
 * split module's README still carries one). Every tracked file is searched but node_modules, the vendored
 * schemas and the files that define the list; what is found must be in ALLOWLIST, with the reason it is there
 * today, and an entry that no longer matches anything fails too, so the list only shrinks.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "./fixture";

/** Where a placeholder may stay for now, and why. Remove an entry when its placeholder goes. */
const ALLOWLIST: { file: RegExp; placeholder: string; reason: string }[] = [
  {
    file: /^__tests__\/helm\/chart-repo\.test\.ts$/,
    placeholder: "your-org",
    reason: "the test that asserts Chart.yaml carries no such placeholder (the text is its search pattern)",
  },
  {
    file: /^__tests__\/mathesar\/admin-bootstrap\.test\.ts$/,
    placeholder: "REPLACE-ME",
    reason: "the test that the bootstrap refuses the placeholder password",
  },
  {
    file: /^__tests__\/dist-readme\/usage\.test\.ts$/,
    placeholder: "<path or git URL>",
    reason:
      "the test that no module README's usage block carries the old stand-in source (the text is its search pattern)",
  },
];

/** Files not searched: the ones defining the list, and vendored third-party schemas. */
const EXCLUDED = [
  /^scripts\/release\.js$/,
  /^__tests__\/release\//,
  /^__tests__\/[a-z]+\/schemas?\//,
  /(^|\/)node_modules\//,
];

const PLACEHOLDERS: string[] = JSON.parse(
  spawnSync(process.execPath, ["-p", "JSON.stringify(require('./scripts/release.js').PLACEHOLDERS)"], {
    cwd: REPO,
    encoding: "utf8",
  }).stdout,
);

/** A placeholder as a search: "your-org" is not part of "your-organisation". */
function matcher(placeholder: string): RegExp {
  const escaped = placeholder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(/[a-z]$/i.test(placeholder) ? `${escaped}(?![a-z])` : escaped, "i");
}

function findings(): { file: string; line: number; placeholder: string }[] {
  const files = spawnSync("git", ["ls-files", "-z"], { cwd: REPO, encoding: "utf8" })
    .stdout.split("\0")
    .filter((file) => file && !EXCLUDED.some((pattern) => pattern.test(file)));
  const found: { file: string; line: number; placeholder: string }[] = [];
  for (const file of files) {
    const full = path.join(REPO, file);
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) continue; // deleted in the working tree
    const buffer = fs.readFileSync(full);
    if (buffer.includes(0)) continue; // binary
    buffer
      .toString("utf8")
      .split("\n")
      .forEach((text, index) => {
        for (const placeholder of PLACEHOLDERS)
          if (matcher(placeholder).test(text)) found.push({ file, line: index + 1, placeholder });
      });
  }
  return found;
}

test("the placeholder list is the one the release script warns about", () => {
  expect(PLACEHOLDERS).toEqual([
    "<path or git URL>",
    "<this repo>",
    "<owner>/<repository>",
    "?ref=<tag>",
    "your-org",
    "REPLACE-ME",
    "TODO(release)",
  ]);
});

test("the matcher finds each placeholder and not a longer word", () => {
  expect(matcher("your-org").test('org = "your-org"')).toBe(true);
  expect(matcher("your-org").test("accounts outside-your-organisation")).toBe(false);
  expect(matcher("<path or git URL>").test('source = "<path or git URL>/dist"')).toBe(true);
  expect(matcher("TODO(release)").test("// todo(release): remove")).toBe(true);
  expect(matcher("<owner>/<repository>").test('source = "git::https://github.com/<owner>/<repository>.git"')).toBe(
    true,
  );
  expect(matcher("?ref=<tag>").test("//dist/terraform-aws-mathesar?ref=<tag>")).toBe(true);
  expect(matcher("?ref=<tag>").test("?ref=v0.1.0")).toBe(false);
});

describe("no placeholder ships outside the allowlist", () => {
  const found = findings();

  test("every placeholder found is allowlisted with a reason", () => {
    const unexpected = found.filter(
      ({ file, placeholder }) => !ALLOWLIST.some((entry) => entry.placeholder === placeholder && entry.file.test(file)),
    );
    expect(unexpected.map(({ file, line, placeholder }) => `${file}:${line}: ${placeholder}`)).toEqual([]);
  });

  test("every allowlist entry still matches something (remove it when its placeholder is gone)", () => {
    const stale = ALLOWLIST.filter(
      (entry) => !found.some(({ file, placeholder }) => entry.placeholder === placeholder && entry.file.test(file)),
    );
    expect(stale.map((entry) => `${entry.file} ${entry.placeholder}`)).toEqual([]);
    for (const entry of ALLOWLIST) expect(entry.reason.length).toBeGreaterThan(20);
  });

  test("what is allowlisted today (reported, so the list is visible in the test log)", () => {
    const summary = found.map(({ file, line, placeholder }) => `${file}:${line} ${placeholder}`);
    console.log(`placeholders still shipped (allowlisted):\n  ${summary.join("\n  ")}`);
    expect(summary.length).toBeGreaterThan(0);
  });
});
