/** A published module: root, submodules and examples, rendered to files under `dist/<directory>/`. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import type { ModuleStack } from "../../modules/terraform";
import { MODULE_TARGETS, moduleDirectory, PROJECT_REPOSITORY_URL, type ModuleTarget } from "../../modules/project";
import { moduleConfig, type Json } from "./module-json";
import { extractModuleFiles, type ModuleFileSpec } from "./hcl/module-files";
import { terraformFmt } from "./hcl/format";
import { generatedHeader, moduleHclFiles } from "./hcl/module-hcl";
import { SchemaCatalog } from "./hcl/schema";
import { moduleReadme } from "./readme";

/** An example root configuration shipped with a module. */
export interface ModuleExample {
  /** One line: who it is for. */
  readonly description: string;
  /** The example's `main.tf` (HCL, refers to the module by relative path). */
  readonly mainTf: string;
}

/** Everything that makes up one published module. */
export interface ModuleBundle {
  /** Folder under `dist/`, e.g. `terraform-digitalocean-mathesar`. */
  readonly directory: string;
  /** README title. */
  readonly title: string;
  /** README body before the tables: usage, diagram, notes. */
  readonly body: string;
  /** The root module. */
  readonly root: ModuleStack;
  /** Submodules by folder name under `modules/`. */
  readonly submodules: Readonly<Record<string, ModuleStack>>;
  /** Examples by folder name under `examples/`. */
  readonly examples: Readonly<Record<string, ModuleExample>>;
  /** Other files shipped with the module (e.g. the Helm chart), by relative path. @default {} */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /**
   * Scripts published as files of a module instead of strings in its configuration, by module folder (`""` for
   * the root, `modules/<name>` for a submodule). @default {}
   */
  readonly moduleFiles?: Readonly<Record<string, ModuleFileSpec>>;
  /**
   * Comments above blocks, by module folder then block address (`resource.terraform_data.deletion_guard`):
   * the why a reader of the HCL needs (the secret-handling order, the deletion guard, a waived rule). @default {}
   */
  readonly comments?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** One module of a bundle, ready to render: its folder, its configuration and the files moved out of it. */
export interface BundleModule {
  /** Folder in the bundle: `""` for the root, `modules/<name>` for a submodule. */
  readonly folder: string;
  /** The configuration as cdktf synthesized it (what the constructs mean). */
  readonly synthesized: Record<string, Json>;
  /** The configuration as published: scripts replaced by reads of `files`. */
  readonly published: Record<string, Json>;
  /** The scripts published beside it, by path in the module. */
  readonly files: Record<string, string>;
}

/** The root and submodules of a bundle, each with its configuration before and after the scripts move out. */
export function bundleModules(bundle: ModuleBundle): BundleModule[] {
  const stacks: [string, ModuleStack][] = [
    ["", bundle.root],
    ...Object.entries(bundle.submodules).map(([dir, stack]): [string, ModuleStack] => [`modules/${dir}`, stack]),
  ];
  const known = new Set(stacks.map(([folder]) => folder));
  for (const [field, byFolder] of Object.entries({ moduleFiles: bundle.moduleFiles, comments: bundle.comments }))
    for (const folder of Object.keys(byFolder ?? {}))
      if (!known.has(folder)) throw new Error(`${bundle.directory}: ${field} names "${folder}", not a module of it`);
  return stacks.map(([folder, stack]) => {
    const synthesized = moduleConfig(stack);
    const { config, files } = extractModuleFiles(synthesized, bundle.moduleFiles?.[folder] ?? {});
    return { folder, synthesized, published: config, files };
  });
}

/**
 * A cdktf App for module stacks. They are rendered with `toTerraform()`, never synthesized to disk, but
 * cdktf creates an App's outdir on construction (without parents): keep it out of the repository.
 */
export function moduleApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), "mathesar-module-stacks") });
}

/** The target a bundle publishes, from its folder (`terraform-<target>-mathesar`). */
function bundleTarget(bundle: ModuleBundle): ModuleTarget {
  const target = MODULE_TARGETS.find((t) => moduleDirectory(t) === bundle.directory);
  if (!target) throw new Error(`${bundle.directory}: not the folder of a module target (${MODULE_TARGETS.join(", ")})`);
  return target;
}

/** Relative path → file content for a bundle (paths use `/`): HCL modules, their scripts, READMEs, examples. */
export async function renderBundle(bundle: ModuleBundle, schemas = new SchemaCatalog()): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const header = generatedHeader(PROJECT_REPOSITORY_URL);
  for (const module of bundleModules(bundle)) {
    const prefix = module.folder ? `${module.folder}/` : "";
    const comments = bundle.comments?.[module.folder] ?? {};
    // Module calls in the order the bundle lists its submodules: the order data flows through them.
    const moduleOrder = Object.keys(bundle.submodules).map((dir) => dir.replace(/-/g, "_"));
    const hcl = await moduleHclFiles(module.published, { schemas, comments, header, moduleOrder });
    for (const [name, content] of Object.entries({ ...hcl, ...module.files })) files[`${prefix}${name}`] = content;
    const stack = module.folder ? bundle.submodules[module.folder.slice("modules/".length)] : bundle.root;
    const target = bundleTarget(bundle);
    files[`${prefix}README.md`] = module.folder
      ? moduleReadme(
          {
            title: `${bundle.directory}/${module.folder}`,
            description: stack.description,
            target,
            submodule: module.folder.slice("modules/".length),
          },
          module.synthesized,
        )
      : moduleReadme(
          {
            title: bundle.title,
            target,
            description: bundle.root.description,
            body: bundle.body,
            submodules: Object.fromEntries(Object.entries(bundle.submodules).map(([dir, s]) => [dir, s.description])),
            examples: Object.fromEntries(Object.entries(bundle.examples).map(([dir, example]) => [dir, example.description])),
          },
          module.synthesized,
        );
  }
  for (const [file, content] of Object.entries(bundle.extraFiles ?? {})) files[file] = content;
  for (const [dir, example] of Object.entries(bundle.examples)) {
    files[`examples/${dir}/main.tf`] = await terraformFmt(example.mainTf.endsWith("\n") ? example.mainTf : `${example.mainTf}\n`);
  }
  return files;
}

/** Replaces `dist/<directory>` with the rendered bundle, so removed files do not linger. */
export async function writeBundle(distDir: string, bundle: ModuleBundle): Promise<string[]> {
  const target = path.join(distDir, bundle.directory);
  const files = await renderBundle(bundle);
  fs.rmSync(target, { recursive: true, force: true });
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(target, ...relative.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return Object.keys(files).map((f) => `${bundle.directory}/${f}`);
}
