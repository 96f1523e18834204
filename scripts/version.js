#!/usr/bin/env node
/**
 * The project's one version (package.json "version") and everything that states it.
 *
 *   node scripts/version.js <X.Y.Z>   set package.json, package-lock.json and modules/project.ts to X.Y.Z, turn
 *                                     CHANGELOG.md's Unreleased section into "## [X.Y.Z] - <date>" (with its
 *                                     compare links) and rewrite every README/docs line that states the version
 *   node scripts/version.js --check   verify that package.json, package-lock.json, modules/project.ts (version,
 *                                     repository, package name), CHANGELOG.md's latest released heading and any
 *                                     README/docs line that names a project version agree
 *
 * Options: --root <dir> (another checkout; tests use it), --date YYYY-MM-DD (release date, default today in UTC).
 * charts/mathesar/Chart.yaml is not touched: the chart keeps its own SemVer (docs/releasing.md).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { URL } = require("url");

// SemVer 2.0.0 without build metadata: Git tags and the Terraform Registry ignore "+build", so two releases
// differing only there would collide.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?$/;
const RELEASE_HEADING = /^## \[([^\]]+)\] - (\d{4}-\d{2}-\d{2})\s*$/m;
const UNRELEASED_HEADING = /^## \[Unreleased\]\s*$/m;

/** Why `value` is not a version this project can release, or null. */
function semverProblem(value) {
  if (typeof value !== "string" || value === "") return "a version is required (X.Y.Z, e.g. 0.2.0)";
  if (/^v/i.test(value)) return `"${value}": give the version without the "v" (tags get it: v${value.slice(1)})`;
  if (value.includes("+")) return `"${value}": build metadata (+...) is not allowed, tags and registries ignore it`;
  if (!SEMVER.test(value)) return `"${value}" is not a SemVer 2.0.0 version (X.Y.Z or X.Y.Z-pre, e.g. 0.2.0)`;
  return null;
}

/** SemVer precedence: negative when a < b, 0 when equal, positive when a > b. */
function compareSemver(a, b) {
  const [coreA, preA] = splitPre(a);
  const [coreB, preB] = splitPre(b);
  for (let i = 0; i < 3; i++) if (coreA[i] !== coreB[i]) return coreA[i] - coreB[i];
  if (!preA.length || !preB.length) return preB.length - preA.length; // a release outranks its pre-releases
  for (let i = 0; i < Math.max(preA.length, preB.length); i++) {
    if (preA[i] === undefined) return -1;
    if (preB[i] === undefined) return 1;
    const numA = /^\d+$/.test(preA[i]);
    const numB = /^\d+$/.test(preB[i]);
    if (numA && numB && Number(preA[i]) !== Number(preB[i])) return Number(preA[i]) - Number(preB[i]);
    if (numA !== numB) return numA ? -1 : 1;
    if (preA[i] !== preB[i]) return preA[i] < preB[i] ? -1 : 1;
  }
  return 0;
}

function splitPre(version) {
  const dash = version.indexOf("-");
  const core = (dash < 0 ? version : version.slice(0, dash)).split(".").map(Number);
  return [core, dash < 0 ? [] : version.slice(dash + 1).split(".")];
}

/** The repository's web address from package.json "repository" (string or { url }), without git+ and .git. */
function repositoryUrl(pkg) {
  const raw = typeof pkg.repository === "string" ? pkg.repository : pkg.repository && pkg.repository.url;
  if (typeof raw !== "string" || raw === "") throw new Error('package.json has no "repository" address');
  return raw.replace(/^git\+/, "").replace(/\.git$/, "");
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

// npm writes both files as JSON.stringify(_, null, 2) plus a newline, so a rewrite changes only the field.
function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Markdown files that may state a project version for a reader: README.md, docs/, and every README of the
 * dist modules and their submodules and examples (the chart copy inside the Kubernetes module excepted: it
 * states the chart's own version).
 */
function docFiles(root) {
  const files = [];
  const add = (file) => fs.existsSync(file) && fs.statSync(file).isFile() && files.push(file);
  add(path.join(root, "README.md"));
  const walk = (dir, readmesOnly) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(readmesOnly && entry.name === "chart")) walk(full, readmesOnly);
      } else if (readmesOnly ? entry.name === "README.md" : entry.name.endsWith(".md")) files.push(full);
    }
  };
  walk(path.join(root, "docs"), false);
  walk(path.join(root, "dist"), true);
  return files;
}

/** modules/project.ts, where the library and the docs generators read the project's identity. */
const PROJECT_FILE = path.join("modules", "project.ts");

/** A `export const NAME = "value";` literal of modules/project.ts. */
function projectLiteral(name) {
  return new RegExp(`^export const ${name} = "([^"]*)";$`, "m");
}

/**
 * The version constraint the module usage examples pin for a release (modules/project.ts
 * moduleVersionConstraint, the same rule): before 1.0 the patch series (`~> 0.1.0`), from 1.0 the major
 * series from that minor on (`~> 1.2`).
 */
function moduleVersionConstraint(version) {
  const [major, minor] = version.split(".");
  return major === "0" ? `~> ${major}.${minor}.0` : `~> ${major}.${minor}`;
}

// The ways a doc states this project's version: a module source pinned with ?ref=vX.Y.Z to one of our
// repositories, or the npm package name with @X.Y.Z.
const DOC_VERSION_PATTERNS = [
  /mathesar[^\s"']*\?ref=v(\d[0-9A-Za-z.+-]*)/g,
  /@mathesar-deploy\/cdktf@(\d[0-9A-Za-z.+-]*)/g,
];

/** How many lines after a registry `source =` its module block's `version =` may come. */
const VERSION_LOOKAHEAD = 8;

/**
 * Every place in `text` that states the project version: `{ line, start, end, stated, expected }` with
 * `stated` at text.slice(start, end) of that line (0-based), `expected` what it must be for `version`.
 * Besides the patterns above, a `source = "<owner>/mathesar/<target>"` (a registry address of our modules)
 * must be followed in its block by `version = "<the constraint>"` (a missing one is reported with stated
 * null), and a Markdown table cell naming such an address must have the constraint in the next cell.
 */
function versionStatements(text, version, owner) {
  const lines = text.split("\n");
  const found = [];
  const registrySource = new RegExp(`^\\s*source\\s*=\\s*"${escape(owner)}/mathesar/[a-z0-9]+(?://[^"]*)?"`);
  const registryCell = new RegExp(`\`${escape(owner)}/mathesar/[a-z0-9]+(?://[^\`]*)?\`\\s*\\|\\s*\`([^\`]*)\``, "g");
  const constraint = moduleVersionConstraint(version);
  lines.forEach((line, index) => {
    for (const pattern of DOC_VERSION_PATTERNS)
      for (const match of line.matchAll(pattern)) {
        const start = match.index + match[0].length - match[1].length;
        found.push({ line: index, start, end: start + match[1].length, stated: match[1], expected: version });
      }
    // A table row giving a registry source and, in the next cell, its version constraint.
    for (const match of line.matchAll(registryCell)) {
      const start = match.index + match[0].length - match[1].length - 1;
      found.push({ line: index, start, end: start + match[1].length, stated: match[1], expected: constraint });
    }
    if (!registrySource.test(line)) return;
    const expected = constraint;
    for (let next = index + 1; next < Math.min(lines.length, index + 1 + VERSION_LOOKAHEAD); next++) {
      if (/^\s*}/.test(lines[next]) || /^\s*source\s*=/.test(lines[next])) break;
      const match = /^(\s*version\s*=\s*")([^"]*)"/.exec(lines[next]);
      if (match) {
        const start = match[1].length;
        found.push({ line: next, start, end: start + match[2].length, stated: match[2], expected });
        return;
      }
    }
    found.push({ line: index, start: -1, end: -1, stated: null, expected });
  });
  return found;
}

/** Every disagreement about the project version under `root`, as sentences; empty when all agree. */
function check(root) {
  const problems = [];
  const pkg = readJson(path.join(root, "package.json"));
  const version = pkg.version;
  const bad = semverProblem(version);
  if (bad) problems.push(`package.json version: ${bad}`);

  const lockFile = path.join(root, "package-lock.json");
  if (!fs.existsSync(lockFile)) problems.push("package-lock.json is missing");
  else {
    const lock = readJson(lockFile);
    if (lock.version !== version)
      problems.push(`package-lock.json version is ${lock.version}, package.json says ${version}`);
    const rootPackage = lock.packages && lock.packages[""];
    if (!rootPackage || rootPackage.version !== version)
      problems.push(
        `package-lock.json packages[""].version is ${rootPackage && rootPackage.version}, package.json says ${version}`,
      );
  }

  const changelogFile = path.join(root, "CHANGELOG.md");
  if (!fs.existsSync(changelogFile)) problems.push("CHANGELOG.md is missing");
  else {
    const text = fs.readFileSync(changelogFile, "utf8");
    if (!UNRELEASED_HEADING.test(text)) problems.push('CHANGELOG.md has no "## [Unreleased]" section');
    const latest = text.match(RELEASE_HEADING);
    if (!latest) problems.push('CHANGELOG.md has no released section ("## [X.Y.Z] - YYYY-MM-DD")');
    else if (latest[1] !== version)
      problems.push(`CHANGELOG.md's latest released section is ${latest[1]}, package.json says ${version}`);
    let url = null;
    try {
      url = repositoryUrl(pkg);
    } catch (error) {
      problems.push(error.message);
    }
    if (url) {
      const unreleasedLink = `[Unreleased]: ${url}/compare/v${version}...HEAD`;
      if (!text.includes(unreleasedLink)) problems.push(`CHANGELOG.md lacks the link line "${unreleasedLink}"`);
      if (!new RegExp(`^\\[${escape(version)}\\]: ${escape(url)}/`, "m").test(text))
        problems.push(`CHANGELOG.md lacks a link line for [${version}] at ${url}`);
    }
  }

  let url = null;
  try {
    url = repositoryUrl(pkg);
  } catch {
    // Reported with the changelog's links above.
  }

  const projectFile = path.join(root, PROJECT_FILE);
  if (!fs.existsSync(projectFile)) problems.push(`${PROJECT_FILE} is missing`);
  else {
    const source = fs.readFileSync(projectFile, "utf8");
    const expected = [
      ["PROJECT_VERSION", version, "version"],
      ["PROJECT_REPOSITORY_URL", url, "repository.url"],
      ["PROJECT_PACKAGE_NAME", pkg.name, "name"],
    ];
    for (const [name, value, field] of expected) {
      const match = source.match(projectLiteral(name));
      if (!match) problems.push(`${PROJECT_FILE} has no line 'export const ${name} = "...";'`);
      else if (value && match[1] !== value)
        problems.push(`${PROJECT_FILE} ${name} is "${match[1]}", package.json ${field} says "${value}"`);
    }
  }

  const owner = url ? ownerOf(url) : null;
  for (const file of docFiles(root)) {
    const text = fs.readFileSync(file, "utf8");
    for (const statement of versionStatements(text, version, owner || "\0")) {
      const where = `${path.relative(root, file)}:${statement.line + 1}`;
      if (statement.stated === null)
        problems.push(`${where} uses a registry source without version = "${statement.expected}"`);
      else if (statement.stated !== statement.expected)
        problems.push(
          statement.expected === version
            ? `${where} states version ${statement.stated}, package.json says ${version}`
            : `${where} pins version = "${statement.stated}", package.json's ${version} means "${statement.expected}"`,
        );
    }
  }
  return problems;
}

/** The GitHub owner in a repository address (the Terraform Registry namespace). */
function ownerOf(url) {
  try {
    return new URL(url).pathname.split("/")[1] || null;
  } catch {
    return null;
  }
}

/** `text` with every statement of `from` (a version, or its constraint) rewritten for `to`. */
function rewriteVersion(text, from, to, owner) {
  const lines = text.split("\n");
  const statements = versionStatements(text, from, owner).filter((s) => s.stated === s.expected);
  // Right to left, so earlier offsets on the same line stay valid.
  statements.sort((a, b) => a.line - b.line || b.start - a.start);
  for (const s of statements) {
    const replacement = s.expected === from ? to : moduleVersionConstraint(to);
    lines[s.line] = lines[s.line].slice(0, s.start) + replacement + lines[s.line].slice(s.end);
  }
  return lines.join("\n");
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Sets the project version to `next` everywhere that states it; throws with the reason when it may not. */
function setVersion(root, next, date) {
  const bad = semverProblem(next);
  if (bad) throw new Error(bad);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new Error(`--date "${date}" is not a date (YYYY-MM-DD)`);
  const before = check(root);
  if (before.length) throw new Error(`the version is already inconsistent; fix this first:\n  ${before.join("\n  ")}`);
  const pkgFile = path.join(root, "package.json");
  const pkg = readJson(pkgFile);
  const current = pkg.version;
  if (compareSemver(next, current) <= 0)
    throw new Error(`${next} is not greater than the current version ${current} (SemVer precedence)`);

  const changelogFile = path.join(root, "CHANGELOG.md");
  const text = fs.readFileSync(changelogFile, "utf8");
  const start = text.search(UNRELEASED_HEADING);
  const afterHeading = text.indexOf("\n", start) + 1;
  const nextSection = text.slice(afterHeading).search(/^## \[/m);
  const bodyEnd = nextSection < 0 ? text.length : afterHeading + nextSection;
  const body = text.slice(afterHeading, bodyEnd);
  if (!/^\s*- /m.test(body))
    throw new Error("CHANGELOG.md's Unreleased section lists no change: write what this release changes first");
  const url = repositoryUrl(pkg);
  let updated =
    text.slice(0, afterHeading) + `\n## [${next}] - ${date}\n` + body.replace(/^\n+/, "\n") + text.slice(bodyEnd);
  updated = updated.replace(
    `[Unreleased]: ${url}/compare/v${current}...HEAD`,
    `[Unreleased]: ${url}/compare/v${next}...HEAD\n[${next}]: ${url}/compare/v${current}...v${next}`,
  );

  pkg.version = next;
  const lockFile = path.join(root, "package-lock.json");
  const lock = readJson(lockFile);
  lock.version = next;
  lock.packages[""].version = next;
  const projectFile = path.join(root, PROJECT_FILE);
  const project = fs
    .readFileSync(projectFile, "utf8")
    .replace(projectLiteral("PROJECT_VERSION"), `export const PROJECT_VERSION = "${next}";`);
  const owner = ownerOf(url);
  const docs = docFiles(root)
    .map((file) => {
      const text = fs.readFileSync(file, "utf8");
      return { file, text, rewritten: rewriteVersion(text, current, next, owner) };
    })
    .filter((doc) => doc.rewritten !== doc.text);
  // Written last and together, after every check passed, so a refusal changes nothing.
  writeJson(pkgFile, pkg);
  writeJson(lockFile, lock);
  fs.writeFileSync(changelogFile, updated);
  fs.writeFileSync(projectFile, project);
  for (const doc of docs) fs.writeFileSync(doc.file, doc.rewritten);
  const after = check(root);
  if (after.length) throw new Error(`after the bump the version still disagrees:\n  ${after.join("\n  ")}`);
  return { from: current, to: next, docs: docs.map((doc) => path.relative(root, doc.file)) };
}

function main(argv) {
  let root = path.resolve(__dirname, "..");
  let date = new Date().toISOString().slice(0, 10);
  let mode = null;
  let next = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--root" || arg === "--date") {
      const value = argv[++i];
      if (value === undefined || value === "" || value.startsWith("--")) return usage(`${arg} needs a value`);
      if (arg === "--root") root = path.resolve(value);
      else date = value;
    } else if (arg === "--check") mode = "check";
    else if (arg.startsWith("--")) return usage(`unknown option ${arg}`);
    else if (next !== null) return usage(`one version only (got ${next} and ${arg})`);
    else next = arg;
  }
  if (mode === "check") {
    if (next !== null) return usage("--check takes no version");
    const problems = check(root);
    if (problems.length) {
      console.error(`version check failed:\n  ${problems.join("\n  ")}`);
      return 1;
    }
    console.log(`version ${readJson(path.join(root, "package.json")).version} agrees everywhere it is stated`);
    return 0;
  }
  if (next === null) return usage("give a version (X.Y.Z) or --check");
  try {
    const { from, to, docs } = setVersion(root, next, date);
    console.log(
      `version ${from} -> ${to}: ${["package.json", "package-lock.json", "CHANGELOG.md", PROJECT_FILE, ...docs].join(", ")}`,
    );
    return 0;
  } catch (error) {
    console.error(`version not changed: ${error.message}`);
    return 1;
  }
}

function usage(message) {
  console.error(`${message}\nusage: node scripts/version.js <X.Y.Z> | --check  [--root <dir>] [--date YYYY-MM-DD]`);
  return 2;
}

module.exports = { check, setVersion, semverProblem, compareSemver, repositoryUrl, moduleVersionConstraint };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
