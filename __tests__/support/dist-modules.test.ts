/**
 * distModuleConfig is what the tests read instead of dist/'s files: it must be the configuration the
 * committed module is rendered from, folder for folder and block for block, whatever syntax dist/ is in.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DIST,
  distModuleConfig,
  distModuleFolders,
  distModuleJsonFiles,
  distModuleNames,
  writeDistModuleJson,
} from "./dist-modules";
import { parseHcl, type TerraformJson } from "./hcl";

/** Every block a configuration declares, as `variable.x`, `resource.type.name`, `module.x`, ... (sorted). */
function declared(config: TerraformJson): string[] {
  const names: string[] = [];
  for (const kind of ["variable", "output", "module", "locals"])
    for (const name of Object.keys(config[kind] ?? {})) names.push(`${kind}.${name}`);
  for (const kind of ["resource", "data", "ephemeral"])
    for (const [type, byName] of Object.entries(config[kind] ?? {}))
      for (const name of Object.keys(byName as object)) names.push(`${kind}.${type}.${name}`);
  for (const name of Object.keys(config.terraform?.required_providers ?? {})) names.push(`required_providers.${name}`);
  return names.sort();
}

/** The configuration a dist/ module folder holds on disk: its `*.tf.json` files merged, its `*.tf` files parsed. */
async function onDisk(folder: string): Promise<{ files: string[]; config: TerraformJson }> {
  const config: Record<string, Record<string, unknown>> = {};
  const files = fs.readdirSync(folder).filter((f) => /\.tf(\.json)?$/.test(f));
  for (const file of files) {
    const text = fs.readFileSync(path.join(folder, file), "utf8");
    let parsed: TerraformJson;
    if (file.endsWith(".json")) parsed = JSON.parse(text) as TerraformJson;
    else {
      const result = await parseHcl(file, text);
      if (!result.ok) throw new Error(result.error);
      expect(result.problems).toEqual([]);
      parsed = result.json;
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (key === "resource" || key === "data" || key === "ephemeral") {
        const byType = (config[key] ??= {}) as Record<string, Record<string, unknown>>;
        for (const [type, byName] of Object.entries(value as object)) byType[type] = { ...byType[type], ...byName };
      } else config[key] = { ...config[key], ...value };
    }
  }
  return { files, config };
}

const folders = distModuleNames().flatMap((name) => distModuleFolders(name));

test("every published module is covered, with the submodule folders dist/ holds", () => {
  expect(distModuleNames().sort()).toEqual(
    fs
      .readdirSync(DIST, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort(),
  );
  for (const name of distModuleNames()) {
    const modulesDir = path.join(DIST, name, "modules");
    const onDiskFolders = fs.existsSync(modulesDir)
      ? fs.readdirSync(modulesDir).map((m) => `${name}/modules/${m}`)
      : [];
    expect(distModuleFolders(name)).toEqual([name, ...onDiskFolders.sort()]);
  }
  expect(folders.length).toBeGreaterThan(15);
});

test.each(folders)("%s: the committed files declare exactly the blocks of distModuleConfig", async (folder) => {
  const config = distModuleConfig(folder);
  expect(declared(config).filter((block) => block.startsWith("output.")).length).toBeGreaterThan(0);
  const disk = await onDisk(path.join(DIST, folder));
  expect(disk.files.length).toBeGreaterThan(0);
  expect(declared(disk.config)).toEqual(declared(config));
  // Published as JSON, the files are exactly the split configuration, byte for byte.
  if (disk.files.every((f) => f.endsWith(".tf.json"))) {
    const files = distModuleJsonFiles(folder);
    expect(disk.files.sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files))
      expect([file, fs.readFileSync(path.join(DIST, folder, file), "utf8")]).toEqual([file, text]);
  }
});

test("the split JSON files merge back into the configuration", () => {
  for (const folder of folders) {
    const merged: TerraformJson = {};
    for (const text of Object.values(distModuleJsonFiles(folder))) Object.assign(merged, JSON.parse(text));
    expect([folder, merged]).toEqual([folder, distModuleConfig(folder)]);
  }
  expect(Object.keys(distModuleJsonFiles("terraform-aws-mathesar")).sort()).toEqual([
    "main.tf.json",
    "outputs.tf.json",
    "variables.tf.json",
    "versions.tf.json",
  ]);
});

test("each call returns a copy: a test mutating it changes nothing for the next", () => {
  const first = distModuleConfig("terraform-aws-mathesar/modules/service");
  expect(first.variable).toBeDefined();
  delete first.variable;
  expect(distModuleConfig("terraform-aws-mathesar/modules/service").variable).toBeDefined();
});

test("an unknown module or folder is refused with what exists", () => {
  expect(() => distModuleConfig("terraform-mars-mathesar")).toThrow(
    /no published module "terraform-mars-mathesar" under dist\/: expected one of terraform-digitalocean-mathesar, /,
  );
  expect(() => distModuleConfig("terraform-aws-mathesar/modules/nope")).toThrow(
    /no module folder "terraform-aws-mathesar\/modules\/nope" under dist\/: expected one of terraform-aws-mathesar, terraform-aws-mathesar\/modules\//,
  );
  expect(() => distModuleConfig("terraform-aws-mathesar/examples/complete")).toThrow(/no module folder/);
});

test("writeDistModuleJson replaces every Terraform file of a folder (no block declared twice) and keeps the rest", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dist-modules-"));
  try {
    fs.writeFileSync(path.join(dir, "main.tf"), 'variable "stale" {}\n');
    fs.writeFileSync(path.join(dir, "old.tf.json"), "{}");
    fs.mkdirSync(path.join(dir, "files"));
    fs.writeFileSync(path.join(dir, "files", "script.sh"), "true\n");
    const written = writeDistModuleJson(dir, "terraform-docker-mathesar/modules/app");
    expect(fs.readdirSync(dir).sort()).toEqual([...written, "files"].sort());
    expect(written).toContain("main.tf.json");
    expect(fs.readFileSync(path.join(dir, "files", "script.sh"), "utf8")).toBe("true\n");
    expect(fs.readFileSync(path.join(dir, "main.tf.json"), "utf8")).toBe(
      distModuleJsonFiles("terraform-docker-mathesar/modules/app")["main.tf.json"],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
