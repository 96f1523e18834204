/**
 * The code blocks a reader copies from the project's Markdown (README.md, docs/, the chart's and the
 * published modules' READMEs), extracted with their file and line so a failing check points at the text.
 */
import * as fs from "fs";
import * as path from "path";
import { ModuleTarget, PROJECT_OWNER, moduleDirectory } from "../../modules/project";

/** One fenced code block. */
export interface Snippet {
  /** Repository-relative file. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's language tag (`hcl`, `sh`, ...), lowercase, or "" when none. */
  readonly language: string;
  /** The block's text. */
  readonly text: string;
}

export const REPO = path.join(__dirname, "..", "..");

/** The Markdown files users read: README.md, docs/*.md, the chart's README, every dist/ README. */
export function userFacingMarkdown(): string[] {
  const files = ["README.md", "charts/mathesar/README.md"];
  for (const doc of fs.readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md"))) files.push(`docs/${doc}`);
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== "chart") walk(relative);
      else if (entry.name === "README.md") files.push(relative);
    }
  };
  walk("dist");
  return files.filter((f) => fs.existsSync(path.join(REPO, f))).sort();
}

/** Every fenced code block of `file` (``` fences; an unclosed fence is reported as an error). */
export function snippetsOf(file: string): Snippet[] {
  const lines = fs.readFileSync(path.join(REPO, file), "utf8").split("\n");
  const snippets: Snippet[] = [];
  let open: { line: number; language: string; fence: string; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const fence = /^(\s*)(`{3,})\s*([A-Za-z0-9_+-]*)/.exec(text);
    if (!open && fence) {
      open = { line: index + 1, language: fence[3].toLowerCase(), fence: fence[2], body: [] };
      return;
    }
    if (open && fence && fence[2].length >= open.fence.length && text.trim() === fence[2]) {
      snippets.push({ file, line: open.line, language: open.language, text: open.body.join("\n") + "\n" });
      open = undefined;
      return;
    }
    if (open) open.body.push(text);
  });
  if (open) throw new Error(`${file}:${open.line}: code fence is never closed`);
  return snippets;
}

/** Every snippet in a given language family across the user-facing Markdown. */
export function snippetsIn(languages: readonly string[]): Snippet[] {
  return userFacingMarkdown()
    .flatMap(snippetsOf)
    .filter((s) => languages.includes(s.language));
}

/**
 * Points a snippet's module sources at this repository's dist/ folder, so the snippet is checked against the
 * modules this checkout publishes: a Terraform Registry address of ours
 * (`<owner>/mathesar/<target>[//modules/<block>]`, modules/project.ts registryModuleSource) or a path or git
 * URL ending in `dist/terraform-<target>-mathesar[/modules/<block>]`. A registry source's `version =` line in
 * the same block goes too: Terraform refuses a version constraint on a local path.
 */
export function localizeModuleSources(hcl: string, fromDir: string): string {
  // Terraform takes a local module only from a path that starts with ./ or ../.
  const local = (folder: string) => path.relative(fromDir, path.join(REPO, "dist", folder));
  const registry = new RegExp(
    `^(\\s*source\\s*=\\s*)"${PROJECT_OWNER}/mathesar/([a-z0-9]+)(?://(modules/[a-z0-9_-]+))?"`,
  );
  const lines = hcl.split("\n");
  const out: string[] = [];
  let dropVersion = false;
  for (const line of lines) {
    const match = registry.exec(line);
    if (match) {
      const [, prefix, target, submodule] = match;
      const folder = `${moduleDirectory(target as ModuleTarget)}${submodule ? `/${submodule}` : ""}`;
      out.push(`${prefix}"${local(folder)}"${line.slice(match[0].length)}`);
      dropVersion = true;
      continue;
    }
    if (dropVersion && /^\s*}/.test(line)) dropVersion = false;
    if (dropVersion && /^\s*version\s*=\s*"[^"]*"\s*(#.*)?$/.test(line)) {
      dropVersion = false;
      continue;
    }
    out.push(line);
  }
  return out
    .join("\n")
    .replace(
      /source(\s*)=(\s*)"[^"]*?\/?dist\/(terraform-[a-z]+-mathesar(?:\/modules\/[a-z_-]+)?)[^"]*"/g,
      (_m, a: string, b: string, folder: string) => `source${a}=${b}"${local(folder)}"`,
    );
}
