#!/usr/bin/env node
/**
 * Builds a Helm chart repository from charts/mathesar: `helm package` writes mathesar-<version>.tgz into
 * the output folder, `helm repo index` writes index.yaml pointing at the base URL the folder will be served
 * from (merging an existing index so older versions stay installable), and charts/artifacthub-repo.yml is
 * copied beside index.yaml, where Artifact Hub reads it. Prints every file it wrote. docs/releasing-chart.md
 * explains how to publish the folder and how to push the same package to an OCI registry.
 *
 *   node scripts/chart-repo.js --out public --url https://charts.example.org [--merge old-index.yaml]
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { URL } = require("url");

const ROOT = path.join(__dirname, "..");
/** The chart this repository publishes. */
const CHART_DIR = path.join(ROOT, "charts", "mathesar");
/** Artifact Hub's repository metadata, served beside index.yaml. */
const ARTIFACTHUB_REPO_FILE = path.join(ROOT, "charts", "artifacthub-repo.yml");

const USAGE = "usage: node scripts/chart-repo.js --out <folder> --url <https base URL> [--merge <index.yaml>]";

/** A refused argument: the message names the flag, the bad value and what is allowed. */
class ChartRepoError extends Error {}

/**
 * Reads `--out`, `--url` and `--merge` (each once, each with a value).
 * @param {string[]} argv the arguments after the script name
 * @returns {{ out: string, url: string, merge?: string }}
 */
function parseArgs(argv) {
  const known = ["--out", "--url", "--merge"];
  const seen = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (!known.includes(flag)) throw new ChartRepoError(`unknown argument ${JSON.stringify(flag)}; ${USAGE}`);
    if (flag in seen) throw new ChartRepoError(`${flag} given twice; ${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.trim() === "" || value.startsWith("--"))
      throw new ChartRepoError(`${flag} needs a value, got ${JSON.stringify(value ?? null)}; ${USAGE}`);
    seen[flag] = value;
  }
  if (!seen["--out"]) throw new ChartRepoError(`--out is required; ${USAGE}`);
  if (!seen["--url"]) throw new ChartRepoError(`--url is required; ${USAGE}`);
  return { out: seen["--out"], url: checkUrl(seen["--url"]), merge: seen["--merge"] };
}

/**
 * The base URL the repository is served from: absolute https (http only for localhost, to test), no query,
 * no fragment; a trailing slash is dropped so chart URLs have exactly one.
 * @param {string} value
 * @returns {string}
 */
function checkUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ChartRepoError(
      `--url ${JSON.stringify(value)} is not an absolute URL; expected e.g. https://charts.example.org`,
    );
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (!(url.protocol === "https:" || (url.protocol === "http:" && local)))
    throw new ChartRepoError(
      `--url ${JSON.stringify(value)} must use https (http only for localhost): helm downloads charts from it`,
    );
  if (url.search || url.hash || url.username || url.password)
    throw new ChartRepoError(`--url ${JSON.stringify(value)} may not carry a query, fragment or credentials`);
  return value.replace(/\/+$/, "");
}

/** The helm binary: MATHESAR_HELM, else .tools/helm/helm (scripts/install-helm.js), else `helm` on the PATH. */
function findHelm() {
  const candidates = process.env.MATHESAR_HELM
    ? [process.env.MATHESAR_HELM]
    : [path.join(ROOT, ".tools", "helm", "helm"), "helm"];
  const found = candidates.find((c) => spawnSync(c, ["version", "--short"], { stdio: "ignore" }).status === 0);
  if (!found) throw new ChartRepoError("helm is not installed: run `node scripts/install-helm.js`");
  return found;
}

/** Runs helm; a failure throws with helm's own message. */
function helm(binary, args) {
  const result = spawnSync(binary, args, { encoding: "utf8" });
  if (result.status !== 0)
    throw new ChartRepoError(`helm ${args.join(" ")} failed:\n${(result.stderr || result.stdout || "").trim()}`);
  return result.stdout;
}

/**
 * Packages the chart into `out` and (re)writes `out/index.yaml`.
 * @param {{ out: string, url: string, merge?: string }} options
 * @returns {string[]} the files written, relative to `out`
 */
function buildRepo({ out, url, merge }) {
  if (merge !== undefined && !fs.statSync(merge, { throwIfNoEntry: false })?.isFile())
    throw new ChartRepoError(`--merge ${JSON.stringify(merge)} is not a file; give the index.yaml currently published`);
  const binary = findHelm();
  fs.mkdirSync(out, { recursive: true });
  // helm package prints "Successfully packaged chart and saved it to: <path>".
  const packaged = helm(binary, ["package", CHART_DIR, "--destination", out]).match(/saved it to: (.+\.tgz)/);
  if (!packaged) throw new ChartRepoError("helm package did not say which file it wrote");
  const index = ["repo", "index", out, "--url", url];
  if (merge !== undefined) index.push("--merge", path.resolve(merge));
  helm(binary, index);
  fs.copyFileSync(ARTIFACTHUB_REPO_FILE, path.join(out, "artifacthub-repo.yml"));
  return [path.basename(packaged[1].trim()), "index.yaml", "artifacthub-repo.yml"];
}

if (require.main === module) {
  try {
    const options = parseArgs(process.argv.slice(2));
    for (const file of buildRepo(options)) console.log(path.join(options.out, file));
  } catch (error) {
    if (!(error instanceof ChartRepoError)) throw error;
    console.error(`chart-repo: ${error.message}`);
    process.exit(2);
  }
}

module.exports = { parseArgs, checkUrl, buildRepo, ChartRepoError, CHART_DIR, ARTIFACTHUB_REPO_FILE };
