#!/usr/bin/env node
/**
 * The Helm chart's own version: every change to what `helm package` ships needs a new chart `version`
 * (docs/releasing-chart.md). charts/mathesar-versions.json records, per chart version, a digest of the chart's
 * content and of its `artifacthub.io/changes` annotation; a chart whose content differs from what was recorded
 * for its version was changed without a bump.
 *
 *   node scripts/chart-version.js --check    the chart's content is what was recorded for its version (exit 1 if not)
 *   node scripts/chart-version.js --record   record the current version (after bumping it in Chart.yaml)
 *
 * Options: --root <dir> (another checkout; tests use it).
 *
 * The digest covers every file helm packages (.helmignore's patterns left out) and Chart.yaml as data without
 * its `version`: comments do not reach the package (helm rewrites Chart.yaml from its fields), and the version
 * is what a change must move.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { parse } = require("yaml");
const { compareSemver, semverProblem } = require("./version.js");

const CHART = path.join("charts", "mathesar");
const RECORD = path.join("charts", "mathesar-versions.json");
/** File names .helmignore keeps out of the package (editor and OS leftovers). */
const IGNORED = [/^\.DS_Store$/, /^\.gitignore$/, /^\.helmignore$/, /\.swp$/, /\.bak$/, /\.tmp$/, /\.orig$/, /~$/];
const IGNORED_DIRS = [".git", ".idea", ".vscode"];

class ChartVersionError extends Error {}

function sha256(text) {
  return `sha256:${crypto.createHash("sha256").update(text).digest("hex")}`;
}

/** Chart.yaml's fields, parsed. */
function chartMetadata(root) {
  return parse(fs.readFileSync(path.join(root, CHART, "Chart.yaml"), "utf8"));
}

/** Stable JSON: object keys sorted, so the digest does not depend on their order in the YAML. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The chart's content digest and its changes annotation's digest, for the chart under `root`. */
function chartDigests(root) {
  const dir = path.join(root, CHART);
  const files = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.includes(entry.name)) walk(name);
      } else if (!IGNORED.some((pattern) => pattern.test(entry.name)) && name !== "Chart.yaml") files.push(name);
    }
  };
  walk("");
  const hash = crypto.createHash("sha256");
  const metadata = chartMetadata(root);
  const { version: _version, ...rest } = metadata;
  hash.update(`Chart.yaml\0${canonical(rest)}\0`);
  for (const file of files.sort()) hash.update(`${file}\0${fs.readFileSync(path.join(dir, file), "utf8")}\0`);
  const changes = (metadata.annotations || {})["artifacthub.io/changes"];
  return {
    version: String(metadata.version),
    content: `sha256:${hash.digest("hex")}`,
    changes: sha256(String(changes || "")),
  };
}

function readRecord(root) {
  const file = path.join(root, RECORD);
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Every way the chart disagrees with the record, as sentences; empty when it agrees. */
function check(root) {
  const problems = [];
  const current = chartDigests(root);
  const bad = semverProblem(current.version);
  if (bad) problems.push(`${CHART}/Chart.yaml version: ${bad}`);
  const record = readRecord(root);
  const entry = record[current.version];
  if (!entry)
    problems.push(
      `chart version ${current.version} is not recorded in ${RECORD}: after bumping it, run node scripts/chart-version.js --record`,
    );
  else if (entry.content !== current.content)
    problems.push(
      `${CHART} changed since chart version ${current.version} was recorded: bump version in ${CHART}/Chart.yaml ` +
        "(patch for fixes, minor for new values or behaviour, major when values stop working), update " +
        "artifacthub.io/changes, then run node scripts/chart-version.js --record",
    );
  else if (entry.changes !== current.changes)
    problems.push(`artifacthub.io/changes changed since chart version ${current.version} was recorded`);
  for (const [version, other] of Object.entries(record)) {
    if (version === current.version) continue;
    if (!semverProblem(version) && !bad && compareSemver(version, current.version) > 0)
      problems.push(`${RECORD} records ${version}, newer than the chart's ${current.version}`);
    if (other.changes === current.changes)
      problems.push(
        `artifacthub.io/changes is the same as chart version ${version}'s: list what ${current.version} changes`,
      );
  }
  return problems;
}

/** Records the current chart version; refuses a version recorded with other content, or not the newest. */
function record(root) {
  const current = chartDigests(root);
  const bad = semverProblem(current.version);
  if (bad) throw new ChartVersionError(`${CHART}/Chart.yaml version: ${bad}`);
  const existing = readRecord(root);
  const entry = existing[current.version];
  if (entry && entry.content !== current.content)
    throw new ChartVersionError(
      `chart version ${current.version} is already recorded with other content; a released chart version ` +
        `never changes: bump version in ${CHART}/Chart.yaml first`,
    );
  for (const version of Object.keys(existing))
    if (version !== current.version && compareSemver(version, current.version) >= 0)
      throw new ChartVersionError(`${current.version} is not greater than the recorded chart version ${version}`);
  const next = { ...existing, [current.version]: { content: current.content, changes: current.changes } };
  const sorted = Object.fromEntries(
    Object.keys(next)
      .sort(compareSemver)
      .map((version) => [version, next[version]]),
  );
  fs.writeFileSync(path.join(root, RECORD), JSON.stringify(sorted, null, 2) + "\n");
  return current;
}

function main(argv) {
  let root = path.resolve(__dirname, "..");
  let mode = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--root") {
      const value = argv[++i];
      if (value === undefined || value === "" || value.startsWith("--")) return usage("--root needs a value");
      root = path.resolve(value);
    } else if (arg === "--check" || arg === "--record") {
      if (mode !== null) return usage("give --check or --record, once");
      mode = arg.slice(2);
    } else return usage(`unknown argument ${JSON.stringify(arg)}`);
  }
  if (mode === null) return usage("give --check or --record");
  try {
    if (mode === "check") {
      const problems = check(root);
      if (problems.length) {
        console.error(`chart version check failed:\n  ${problems.join("\n  ")}`);
        return 1;
      }
      console.log(`chart ${chartDigests(root).version} is what was recorded for it`);
      return 0;
    }
    const { version } = record(root);
    console.log(`chart ${version} recorded in ${RECORD}`);
    return 0;
  } catch (error) {
    if (!(error instanceof ChartVersionError)) throw error;
    console.error(`chart version not recorded: ${error.message}`);
    return 1;
  }
}

function usage(message) {
  console.error(`${message}\nusage: node scripts/chart-version.js --check | --record  [--root <dir>]`);
  return 2;
}

module.exports = { chartDigests, check, record, RECORD };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
