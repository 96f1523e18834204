/**
 * The published modules are HCL rendered from the Terraform JSON cdktf synthesizes. These tests prove, module by
 * module, that the HCL means exactly what the JSON meant:
 * 1. the HCL files, parsed back by Terraform's HCL parser (hcl2json), hold every block, argument and value of the
 *    published configuration, each meaning the same (config-equivalence.ts says what "the same" allows);
 * 2. the scripts moved into `files/` and `templates/`, read back the way Terraform reads them (`file()`,
 *    `filebase64()`, `templatefile()`), give exactly the strings the constructs built;
 * 3. no structured value travels as JSON text, and no embedded script is left in a string.
 */
import { bundleModules, type BundleModule } from "../../stacks/dist/bundle";
import { inlineModuleFiles } from "../../stacks/dist/hcl/module-files";
import { generatedHeader, moduleHclFiles } from "../../stacks/dist/hcl/module-hcl";
import { SchemaCatalog } from "../../stacks/dist/hcl/schema";
import { ADMIN_BOOTSTRAP_FILE } from "../../stacks/published-files";
import { parseHcl, type TerraformJson } from "../support/hcl";
import { allModuleBundles } from "../support/synth";
import { configDifferences } from "./config-equivalence";

const schemas = new SchemaCatalog();

/** The HCL files of a module parsed back and merged into one Terraform-JSON-shaped configuration. */
async function parsedHcl(module: BundleModule): Promise<{ config: TerraformJson; problems: string[] }> {
  const files = await moduleHclFiles(module.published, {
    schemas,
    header: generatedHeader("https://example.test/repo"),
  });
  const config: TerraformJson = {};
  const problems: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const parsed = await parseHcl(name, text);
    if (!parsed.ok) {
      problems.push(parsed.error);
      continue;
    }
    problems.push(...parsed.problems);
    for (const [kind, value] of Object.entries(parsed.json)) {
      if (kind in config) problems.push(`${name}: top-level ${kind} also appears in another file`);
      config[kind] = value;
    }
  }
  return { config, problems };
}

/** Every string of a JSON value with its path. */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const bundles = Object.entries(allModuleBundles());

describe.each(bundles)("%s", (_name, bundle) => {
  let modules: BundleModule[] = [];
  beforeAll(() => {
    modules = bundleModules(bundle());
  });

  test("every module's HCL, parsed by Terraform's HCL parser, means what the synthesized JSON means", async () => {
    const report: string[] = [];
    for (const module of modules) {
      const { config, problems } = await parsedHcl(module);
      const differences = configDifferences(module.published, config);
      for (const line of [...problems, ...differences]) report.push(`${module.folder || "(root)"}: ${line}`);
    }
    expect(report).toEqual([]);
  }, 120_000);

  test("the module files, read back as Terraform reads them, give exactly the strings the constructs built", () => {
    for (const module of modules) expect(inlineModuleFiles(module.published, module.files)).toEqual(module.synthesized);
  });

  test("no script is left embedded in a string and no value is JSON text", () => {
    const bootstrapBlob = Buffer.from(ADMIN_BOOTSTRAP_FILE.content).toString("base64");
    const offenders: string[] = [];
    for (const module of modules) {
      for (const [path, text] of strings(module.published)) {
        const at = `${module.folder || "(root)"}: ${path}`;
        if (text.includes(bootstrapBlob.slice(0, 120))) offenders.push(`${at}: the admin bootstrap as base64`);
        // JSON text with interpolations spliced in: `[{"name":"x",...}]` instead of jsonencode([...]).
        if (/^\s*[[{]\s*"[^"]+"\s*:/.test(text)) offenders.push(`${at}: JSON text (${text.slice(0, 40)}...)`);
        // A base64 run that long is an embedded file (no secret or hash we publish is that long).
        const blob = /[A-Za-z0-9+/]{400,}={0,2}/.exec(text);
        if (blob) offenders.push(`${at}: a ${blob[0].length}-character base64 blob`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
