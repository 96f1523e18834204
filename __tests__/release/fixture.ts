/**
 * A throwaway git checkout holding what a release reads (dist/, LICENSE, CHANGELOG.md, package.json,
 * package-lock.json, modules/project.ts), committed, so the release and version scripts can be run against it without touching the
 * shared checkout (whose tree is rarely clean while people work in it).
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root. */
export const REPO = path.resolve(__dirname, "..", "..");

/** What a release copies from the checkout. */
const RELEASE_INPUTS = ["dist", "LICENSE", "CHANGELOG.md", "package.json", "package-lock.json", "modules/project.ts"];

/** Runs git in `cwd` with a fixed identity; throws with git's message when it fails. */
export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync(
    "git",
    [
      "-c",
      "user.name=Release Test",
      "-c",
      "user.email=release-test@example.org",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { cwd, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Runs one of scripts/*.js with node. */
export function runScript(script: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(REPO, "scripts", script), ...args], { encoding: "utf8" });
}

/** A new temporary directory; removed by `cleanup`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `mathesar-${prefix}-`));
}

/** A committed copy of the release inputs in a fresh git checkout; returns its root. */
export function sourceCheckout(parent: string): string {
  const root = path.join(parent, "source");
  fs.mkdirSync(root);
  for (const input of RELEASE_INPUTS) {
    fs.mkdirSync(path.dirname(path.join(root, input)), { recursive: true });
    fs.cpSync(path.join(REPO, input), path.join(root, input), { recursive: true });
  }
  git(root, "init", "-q", "-b", "main");
  git(root, "add", ".");
  git(root, "commit", "-q", "-m", "release fixture");
  return root;
}

/** The names of the dist modules a release splits. */
export function distModules(): string[] {
  return fs
    .readdirSync(path.join(REPO, "dist"))
    .filter((name) => /^terraform-[a-z0-9]+-mathesar$/.test(name))
    .sort();
}
