/** A published module: root, submodules and examples, rendered to files under `dist/<directory>/`. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import type { ModuleStack } from "../../modules/terraform";
import { moduleConfig, moduleFiles } from "./module-json";
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
}

/**
 * A cdktf App for module stacks. They are rendered with `toTerraform()`, never synthesized to disk, but
 * cdktf creates an App's outdir on construction (without parents): keep it out of the repository.
 */
export function moduleApp(): App {
  return new App({ outdir: path.join(os.tmpdir(), "mathesar-module-stacks") });
}

/** Relative path → file content for a bundle (paths use `/`). */
export function renderBundle(bundle: ModuleBundle): Record<string, string> {
  const files: Record<string, string> = {};
  const rootConfig = moduleConfig(bundle.root);
  for (const [name, content] of Object.entries(moduleFiles(rootConfig))) files[name] = content;
  files["README.md"] = moduleReadme(
    {
      title: bundle.title,
      description: bundle.root.description,
      body: bundle.body,
      submodules: Object.fromEntries(Object.entries(bundle.submodules).map(([dir, stack]) => [dir, stack.description])),
      examples: Object.fromEntries(Object.entries(bundle.examples).map(([dir, example]) => [dir, example.description])),
    },
    rootConfig,
  );
  for (const [dir, stack] of Object.entries(bundle.submodules)) {
    const config = moduleConfig(stack);
    for (const [name, content] of Object.entries(moduleFiles(config))) files[`modules/${dir}/${name}`] = content;
    files[`modules/${dir}/README.md`] = moduleReadme(
      { title: `${bundle.directory}/modules/${dir}`, description: stack.description },
      config,
    );
  }
  for (const [file, content] of Object.entries(bundle.extraFiles ?? {})) files[file] = content;
  for (const [dir, example] of Object.entries(bundle.examples)) {
    files[`examples/${dir}/main.tf`] = example.mainTf.endsWith("\n") ? example.mainTf : `${example.mainTf}\n`;
  }
  return files;
}

/** Replaces `dist/<directory>` with the rendered bundle, so removed files do not linger. */
export function writeBundle(distDir: string, bundle: ModuleBundle): string[] {
  const target = path.join(distDir, bundle.directory);
  fs.rmSync(target, { recursive: true, force: true });
  const files = renderBundle(bundle);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(target, ...relative.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return Object.keys(files).map((f) => `${bundle.directory}/${f}`);
}
