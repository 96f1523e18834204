/**
 * The published modules' Terraform JSON, built in memory from the bundles (stacks/<target>/dist.ts), for the
 * tests that read what a dist/ module declares.
 *
 * dist/ holds what users get, in whatever syntax it is published in (HCL, with scripts in `files/` and
 * `templates/`); the JSON below is the source that syntax is rendered from (`moduleConfig`), and a test of
 * its own proves the two mean the same. So a test asserting on a module's contents reads this JSON, which
 * keeps one shape whatever dist/ is written in, and a test running Terraform on a module as a user would
 * keeps using the dist/ folder itself.
 *
 * Module folders are named relative to dist/: `terraform-aws-mathesar` (the root module) or
 * `terraform-aws-mathesar/modules/service` (a submodule). Building a bundle costs seconds, so each is built
 * once per test process; every call returns a fresh copy, free to mutate.
 */
import * as fs from "fs";
import * as path from "path";
import type { ModuleBundle } from "../../stacks/dist/bundle";
import { moduleConfig, moduleFiles } from "../../stacks/dist/module-json";
import { TARGETS } from "../../stacks/targets";
import type { TerraformJson } from "./hcl";

/** The repository's dist/ folder. */
export const DIST = path.join(__dirname, "..", "..", "dist");

const bundles = new Map<string, ModuleBundle>();
const configs = new Map<string, string>();

/** Every published module's folder name under dist/ (`terraform-<target>-mathesar`), one per target. */
export function distModuleNames(): string[] {
  return TARGETS.map((target) => `terraform-${target.stackName}-mathesar`);
}

/** The bundle behind `dist/<name>` (built once per process). */
function bundle(name: string): ModuleBundle {
  let built = bundles.get(name);
  if (!built) {
    const target = TARGETS.find((t) => `terraform-${t.stackName}-mathesar` === name);
    if (!target)
      throw new Error(`no published module "${name}" under dist/: expected one of ${distModuleNames().join(", ")}`);
    built = target.moduleBundle();
    if (built.directory !== name)
      throw new Error(`the ${target.stackName} bundle renders dist/${built.directory}, not dist/${name}`);
    bundles.set(name, built);
  }
  return built;
}

/** The module folders of `dist/<name>`, relative to dist/: the root first, then each submodule (sorted). */
export function distModuleFolders(name: string): string[] {
  return [
    name,
    ...Object.keys(bundle(name).submodules)
      .sort()
      .map((folder) => `${name}/modules/${folder}`),
  ];
}

/**
 * The Terraform JSON configuration of one dist/ module folder (`moduleConfig` of its stack): variables,
 * resources, modules, outputs and the `terraform` block together, as the JSON files split it held them.
 */
export function distModuleConfig(moduleDir: string): TerraformJson {
  let text = configs.get(moduleDir);
  if (text === undefined) {
    const [name, ...rest] = moduleDir.split("/");
    const modules = bundle(name);
    let stack: ModuleBundle["root"] | undefined;
    if (rest.length === 0) stack = modules.root;
    else if (rest.length === 2 && rest[0] === "modules" && modules.submodules[rest[1]])
      stack = modules.submodules[rest[1]];
    if (!stack)
      throw new Error(
        `no module folder "${moduleDir}" under dist/: expected one of ${distModuleFolders(name).join(", ")}`,
      );
    text = JSON.stringify(moduleConfig(stack));
    configs.set(moduleDir, text);
  }
  return JSON.parse(text) as TerraformJson;
}

/**
 * The same configuration split into Terraform JSON files the conventional way (`versions.tf.json`,
 * `variables.tf.json`, `main.tf.json`, `outputs.tf.json`): file name → text.
 */
export function distModuleJsonFiles(moduleDir: string): Record<string, string> {
  return moduleFiles(distModuleConfig(moduleDir));
}

/**
 * Replaces the Terraform files of a copied module folder (`dir`, e.g. a temporary copy of dist/<moduleDir>)
 * with its JSON files: every `*.tf` and `*.tf.json` there is removed first, because Terraform reads both and
 * would see each block twice. Other files (`files/`, `templates/`, a chart) stay. Returns the names written.
 */
export function writeDistModuleJson(dir: string, moduleDir: string): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile() && /\.tf(\.json)?$/.test(entry.name)) fs.rmSync(path.join(dir, entry.name));
  const files = distModuleJsonFiles(moduleDir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return Object.keys(files);
}
