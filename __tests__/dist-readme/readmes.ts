/**
 * The module READMEs as the bundle renders them (root and every submodule of every target, generated from the
 * same configurations), and a Markdown reading of them with markdown-it (GFM tables, HTML as GitHub allows
 * it), so tests check what a reader sees rather than the text the generator meant to write.
 */
import type { ModuleTarget } from "../../modules/project";
import { awsModuleBundle } from "../../stacks/aws/dist";
import type { ModuleBundle } from "../../stacks/dist/bundle";
import { moduleConfig, type Json } from "../../stacks/dist/module-json";
import { moduleReadme } from "../../stacks/dist/readme";
import { digitalOceanModuleBundle } from "../../stacks/digitalocean/dist";
import { dockerModuleBundle } from "../../stacks/docker/dist";
import { googleModuleBundle } from "../../stacks/google/dist";
import { kubernetesModuleBundle } from "../../stacks/kubernetes/dist";

/** One module's README with what it was generated from. */
export interface ReadmeCase {
  /** `aws`, `aws/modules/network`, ... */
  readonly label: string;
  readonly target: ModuleTarget;
  /** A submodule's folder under `modules/`; undefined for the root. */
  readonly submodule?: string;
  /** The module's Terraform JSON configuration. */
  readonly config: Record<string, Json>;
  /** The hand-written body (root only). */
  readonly body?: string;
  readonly readme: string;
}

export const BUNDLES: Readonly<Record<ModuleTarget, () => ModuleBundle>> = {
  aws: awsModuleBundle,
  google: googleModuleBundle,
  digitalocean: digitalOceanModuleBundle,
  docker: dockerModuleBundle,
  kubernetes: kubernetesModuleBundle,
};

let cached: ReadmeCase[] | undefined;

/** Every module README, rendered with the arguments the bundle passes (target and submodule included). */
export function readmeCases(): ReadmeCase[] {
  if (cached) return cached;
  cached = [];
  for (const [target, build] of Object.entries(BUNDLES) as [ModuleTarget, () => ModuleBundle][]) {
    const bundle = build();
    const config = moduleConfig(bundle.root);
    const readme = moduleReadme(
      {
        title: bundle.title,
        description: bundle.root.description,
        body: bundle.body,
        submodules: Object.fromEntries(Object.entries(bundle.submodules).map(([dir, s]) => [dir, s.description])),
        examples: Object.fromEntries(Object.entries(bundle.examples).map(([dir, e]) => [dir, e.description])),
        target,
      },
      config,
    );
    cached.push({ label: target, target, config, body: bundle.body, readme });
    for (const [dir, stack] of Object.entries(bundle.submodules)) {
      const sub = moduleConfig(stack);
      const text = moduleReadme(
        { title: `${bundle.directory}/modules/${dir}`, description: stack.description, target, submodule: dir },
        sub,
      );
      cached.push({ label: `${target}/modules/${dir}`, target, submodule: dir, config: sub, readme: text });
    }
  }
  return cached;
}

// markdown-it comes with typedoc (a dev dependency) and has no bundled types: the little used here is typed here.
interface Token {
  readonly type: string;
  readonly tag: string;
  readonly content: string;
  readonly children: Token[] | null;
  attrGet(name: string): string | null;
}
interface MarkdownIt {
  parse(text: string, env: object): Token[];
  parseInline(text: string, env: object): Token[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const markdownIt = require("markdown-it") as (options: { html: boolean }) => MarkdownIt;

/** How GitHub reads the READMEs: GFM tables, and the HTML it allows (`<br>`, `<a name>`). */
const GITHUB = markdownIt({ html: true });
/** How a description reads as Markdown on its own, its `<name>` placeholders being text. */
const PLAIN = markdownIt({ html: false });

/** What one table cell shows. */
export interface Cell {
  /** The text a reader sees: code spans' content inline, `<br>` as a line break, HTML tags dropped. */
  readonly text: string;
  /** The content of the cell's code span when the cell is exactly one code span. */
  readonly code?: string;
  /** The cell's link target, when it has one. */
  readonly href?: string;
  /** Whether the cell ends with the bold `Sensitive.` marker (not part of `text`). */
  readonly sensitive: boolean;
}

/** The visible text of inline tokens (HTML tags but `<br>` dropped). */
function inlineText(tokens: readonly Token[]): string {
  return tokens
    .map((t) => {
      if (t.type === "text" || t.type === "code_inline") return t.content;
      if (t.type === "softbreak" || t.type === "hardbreak") return "\n";
      if (t.type === "html_inline") return /^<br\s*\/?>$/i.test(t.content) ? "\n" : "";
      return "";
    })
    .join("");
}

function cellOf(tokens: readonly Token[]): Cell {
  let content = [...tokens];
  // markdown-it may end a cell with an empty text token.
  while (
    content.length > 0 &&
    content[content.length - 1].type === "text" &&
    content[content.length - 1].content === ""
  )
    content.pop();
  const n = content.length;
  const sensitive =
    n >= 3 &&
    content[n - 3].type === "strong_open" &&
    content[n - 2].type === "text" &&
    content[n - 2].content === "Sensitive." &&
    content[n - 1].type === "strong_close";
  if (sensitive) content = content.slice(0, n - 3);
  const meaningful = content.filter((t) => !(t.type === "text" && t.content.trim() === ""));
  const code = meaningful.length === 1 && meaningful[0].type === "code_inline" ? meaningful[0].content : undefined;
  const link = content.find((t) => t.type === "link_open");
  return { text: inlineText(content).trim(), code, href: link?.attrGet("href") ?? undefined, sensitive };
}

/** A table under a `##` heading: its header texts and its rows of cells. */
export interface Table {
  readonly headers: string[];
  readonly rows: Cell[][];
  /** The paragraph under the heading when there is no table (`No inputs.`). */
  readonly none?: string;
}

/** Every `##` section of a Markdown text with its first table (or first paragraph), by heading text. */
export function sectionsOf(markdown: string): Map<string, Table> {
  const tokens = GITHUB.parse(markdown, {});
  const sections = new Map<string, Table>();
  let heading: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "heading_open") {
      heading = t.tag === "h2" ? inlineText(tokens[i + 1].children ?? []) : undefined;
      continue;
    }
    if (!heading || sections.has(heading)) continue;
    if (t.type === "paragraph_open") {
      sections.set(heading, { headers: [], rows: [], none: inlineText(tokens[i + 1].children ?? []) });
    } else if (t.type === "table_open") {
      const headers: string[] = [];
      const rows: Cell[][] = [];
      let row: Cell[] | undefined;
      for (i++; tokens[i].type !== "table_close"; i++) {
        const u = tokens[i];
        if (u.type === "tr_open") row = [];
        else if (u.type === "th_open") headers.push(inlineText(tokens[i + 1].children ?? []));
        else if (u.type === "td_open") row!.push(cellOf(tokens[i + 1].children ?? []));
        else if (u.type === "tr_close" && row && row.length > 0) rows.push(row);
      }
      sections.set(heading, { headers, rows });
    }
  }
  return sections;
}

/** The text a Markdown description shows on its own (how a table cell holding it must read). */
export function plainText(description: string): string {
  // One inline run, as in a cell: no block structure (a line starting with "# " is text there too).
  const [inline] = PLAIN.parseInline(description.trim(), {});
  return inline ? inlineText(inline.children ?? []).trim() : "";
}

/** The cells of a table's rows by the header names. */
export function rowsByHeader(table: Table): Record<string, Cell>[] {
  return table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i]])));
}
