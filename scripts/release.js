#!/usr/bin/env node
/**
 * Splits each dist/terraform-<target>-mathesar into a repository of its own, in the shape the public Terraform
 * Registry reads: the module at the repository root, a `main` branch and a `vX.Y.Z` tag.
 *
 *   node scripts/release.js split --out <dir> [--remote-base <url-or-path>] [--push] [--root <dir>]
 *
 * For every module, <out>/terraform-<target>-mathesar is created (git init) or refreshed: its files become the
 * module's files plus the project's LICENSE and CHANGELOG.md, committed (only when something changed) and tagged
 * v<package.json version>. With --push, branch and tag go to <remote-base>/terraform-<target>-mathesar.git;
 * remote-base defaults to the owner of package.json "repository" (github.com/<owner>). Plain git, no network
 * unless --push names one, so a test runs it against local bare repositories.
 *
 * Refuses (exit 1, nothing committed): a dirty source tree, versions that disagree (scripts/version.js --check),
 * no CHANGELOG section for the version, an output repository edited by hand, an existing tag whose content
 * differs from what this run would tag.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const version = require("./version.js");

const MODULE_NAME = /^terraform-[a-z0-9]+-mathesar$/;
// Placeholders a published README must not carry (the allowlist in __tests__/release names where they still are):
// stand-ins for the module address, which modules/project.ts now states for real, and for a secret or a to-do.
const PLACEHOLDERS = [
  "<path or git URL>",
  "<this repo>",
  "<owner>/<repository>",
  "?ref=<tag>",
  "your-org",
  "REPLACE-ME",
  "TODO(release)",
];

class ReleaseError extends Error {}

/** Runs git; returns stdout trimmed, or throws with git's own message. */
function git(cwd, args, options = {}) {
  const result = spawnSync(
    "git",
    ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args],
    { cwd, encoding: "utf8", env: { ...process.env, ...(options.env || {}) } },
  );
  if (result.error) throw new ReleaseError(`git could not run: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFailure)
    throw new ReleaseError(`git ${args.join(" ")} failed in ${cwd}:\n${result.stderr.trim()}`);
  return options.allowFailure ? { status: result.status, stdout: result.stdout.trim() } : result.stdout.trim();
}

/** The release facts of the source checkout, after every check that must hold before anything is written. */
function prepare(root) {
  if (git(root, ["rev-parse", "--show-toplevel"], { allowFailure: true }).status !== 0)
    throw new ReleaseError(`${root} is not a git checkout`);
  const dirty = git(root, ["status", "--porcelain", "--untracked-files=normal"]);
  if (dirty)
    throw new ReleaseError(
      `the working tree is dirty; release only committed work (commit or remove these first):\n${dirty}`,
    );
  const problems = version.check(root);
  if (problems.length)
    throw new ReleaseError(
      `the project version disagrees (node scripts/version.js --check):\n  ${problems.join("\n  ")}`,
    );
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const changelog = fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8");
  const heading = new RegExp(`^## \\[${pkg.version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}`, "m");
  if (!heading.test(changelog))
    throw new ReleaseError(`CHANGELOG.md has no "## [${pkg.version}] - <date>" section for the version being released`);
  if (!fs.existsSync(path.join(root, "LICENSE"))) throw new ReleaseError("LICENSE is missing at the repository root");
  const distDir = path.join(root, "dist");
  const modules = fs.existsSync(distDir)
    ? fs
        .readdirSync(distDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && MODULE_NAME.test(entry.name))
        .map((entry) => entry.name)
        .sort()
    : [];
  if (!modules.length) throw new ReleaseError(`no dist/terraform-<target>-mathesar module under ${root}`);
  // Commits and tags carry the source commit's author and date, so a split is reproducible: the same source
  // gives the same commit ids, whoever runs it and when.
  const [sha, name, email, date] = git(root, ["log", "-1", "--format=%H%x00%an%x00%ae%x00%aI"]).split("\0");
  const identity = {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  };
  return { version: pkg.version, url: version.repositoryUrl(pkg), modules, sha, identity };
}

/** Empties `dir` but for .git, then copies the module and the project's LICENSE and CHANGELOG.md into it. */
function fill(dir, moduleDir, root) {
  for (const entry of fs.readdirSync(dir)) {
    if (entry !== ".git") fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  fs.cpSync(moduleDir, dir, { recursive: true });
  fs.copyFileSync(path.join(root, "LICENSE"), path.join(dir, "LICENSE"));
  fs.copyFileSync(path.join(root, "CHANGELOG.md"), path.join(dir, "CHANGELOG.md"));
}

/** Creates or refreshes one module repository; returns what happened. */
function splitModule(name, facts, root, out) {
  const dir = path.join(out, name);
  const tag = `v${facts.version}`;
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    git(dir, ["init", "-q", "-b", "main"]);
  } else if (!fs.existsSync(path.join(dir, ".git"))) {
    if (fs.readdirSync(dir).length)
      throw new ReleaseError(`${dir} exists, is not a git repository and is not empty; give another --out`);
    git(dir, ["init", "-q", "-b", "main"]);
  } else {
    const branch = git(dir, ["symbolic-ref", "--short", "HEAD"], { allowFailure: true }).stdout;
    if (branch !== "main") throw new ReleaseError(`${dir} is on branch "${branch}", not main`);
    const edits = git(dir, ["status", "--porcelain", "--untracked-files=all"]);
    if (edits) throw new ReleaseError(`${dir} has changes nobody committed (edited by hand?):\n${edits}`);
  }

  fill(dir, path.join(root, "dist", name), root);
  git(dir, ["add", "-A"]);
  const tree = git(dir, ["write-tree"]);
  const tagged = git(dir, ["rev-parse", "-q", "--verify", `refs/tags/${tag}^{tree}`], { allowFailure: true });
  if (tagged.status === 0 && tagged.stdout !== tree) {
    // Put the repository back as it was, so the refusal leaves nothing half-done.
    git(dir, ["reset", "-q", "--hard"]);
    git(dir, ["clean", "-q", "-fdx"]);
    throw new ReleaseError(
      `${name}: tag ${tag} already exists with other content; a released version never changes. ` +
        "Bump the version (node scripts/version.js <next>) and release that.",
    );
  }
  const head = git(dir, ["rev-parse", "-q", "--verify", "HEAD^{tree}"], { allowFailure: true });
  const changed = head.status !== 0 || head.stdout !== tree;
  if (changed) {
    const message = `${name} ${tag}\n\nSplit from ${facts.url} at ${facts.sha} (dist/${name}).`;
    git(dir, ["commit", "-q", "-m", message], { env: facts.identity });
  }
  if (tagged.status !== 0) git(dir, ["tag", "-a", tag, "-m", `${name} ${tag}`], { env: facts.identity });
  const readme = fs.existsSync(path.join(dir, "README.md")) ? fs.readFileSync(path.join(dir, "README.md"), "utf8") : "";
  const placeholders = PLACEHOLDERS.filter((text) => readme.includes(text));
  return {
    name,
    dir,
    tag,
    commit: git(dir, ["rev-parse", "HEAD"]),
    committed: changed,
    tagged: tagged.status !== 0,
    placeholders,
  };
}

/** Pushes main and the tag; a remote tag with other content is refused by git itself (no --force). */
function push(result, remoteBase) {
  const remote = `${remoteBase.replace(/\/+$/, "")}/${result.name}.git`;
  git(result.dir, [
    "push",
    "-q",
    remote,
    "refs/heads/main:refs/heads/main",
    `refs/tags/${result.tag}:refs/tags/${result.tag}`,
  ]);
  return remote;
}

function parse(argv) {
  const options = { root: path.resolve(__dirname, ".."), out: null, remoteBase: null, push: false };
  const [command, ...rest] = argv;
  if (command !== "split") throw new UsageError(command ? `unknown command "${command}"` : "give a command");
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--push") options.push = true;
    else if (arg === "--out" || arg === "--remote-base" || arg === "--root") {
      const value = rest[++i];
      if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      if (arg === "--out") options.out = path.resolve(value);
      else if (arg === "--root") options.root = path.resolve(value);
      else options.remoteBase = value;
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  if (!options.out) throw new UsageError("--out <dir> is required");
  if (options.remoteBase && !options.push) throw new UsageError("--remote-base is only used with --push");
  return options;
}

class UsageError extends Error {}

function main(argv) {
  let options;
  try {
    options = parse(argv);
  } catch (error) {
    console.error(
      `${error.message}\nusage: node scripts/release.js split --out <dir> [--remote-base <url-or-path>] [--push]`,
    );
    return 2;
  }
  try {
    const relative = path.relative(options.root, options.out);
    if (!relative.startsWith("..") && !path.isAbsolute(relative))
      throw new ReleaseError(`--out ${options.out} is inside the checkout; give a directory outside it`);
    const facts = prepare(options.root);
    const remoteBase = options.remoteBase || path.posix.dirname(facts.url);
    for (const name of facts.modules) {
      const result = splitModule(name, facts, options.root, options.out);
      const pushed = options.push ? ` pushed to ${push(result, remoteBase)}` : "";
      const state = result.committed ? "committed" : "unchanged";
      console.log(
        `${name}: ${result.tag} ${result.commit.slice(0, 12)} (${state}${result.tagged ? ", tagged" : ""})${pushed}`,
      );
      if (result.placeholders.length)
        console.error(`warning: ${name}/README.md still says ${result.placeholders.map((p) => `"${p}"`).join(", ")}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`release refused: ${error.message}`);
    return 1;
  }
}

module.exports = { PLACEHOLDERS };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
