/**
 * The generated reference of a module README in terraform-docs' default layout (markdown table), read from the
 * module's Terraform JSON configuration: Requirements, Providers, Modules, Resources, Inputs and Outputs
 * between the `BEGIN_TF_DOCS`/`END_TF_DOCS` markers registry users know.
 */
import type { Json } from "./module-json";
import { anchoredName, codeCell, markdownTable, tableCell } from "./readme-markdown";

/** The markers around the generated reference (terraform-docs' own, so its tooling finds the block). */
export const TF_DOCS_BEGIN = "<!-- BEGIN_TF_DOCS -->";
/** @see TF_DOCS_BEGIN */
export const TF_DOCS_END = "<!-- END_TF_DOCS -->";

type Block = Record<string, Json>;
type Blocks = Record<string, Block>;

/** A provider requirement as `terraform.required_providers` declares it. */
interface ProviderRequirement {
  readonly source?: string;
  readonly version?: string;
}

/** `required_providers` of a configuration (local name → requirement). */
export function requiredProviders(config: Record<string, Json>): Record<string, ProviderRequirement> {
  const terraform = (config.terraform ?? {}) as Block;
  return (terraform.required_providers ?? {}) as Record<string, ProviderRequirement>;
}

/** The registry source of a provider local name: its requirement's, or Terraform's implied `hashicorp/<name>`. */
function providerSource(config: Record<string, Json>, localName: string): string {
  return requiredProviders(config)[localName]?.source ?? `hashicorp/${localName}`;
}

/** The kinds of resource blocks, in the order terraform-docs lists them (managed first), with their docs path. */
const RESOURCE_KINDS = [
  { key: "resource", label: "resource", docs: "resources" },
  { key: "data", label: "data source", docs: "data-sources" },
  { key: "ephemeral", label: "ephemeral resource", docs: "ephemeral-resources" },
] as const;

/** One resource, data source or ephemeral resource of a module. */
export interface ResourceRow {
  /** `type.name` (`data.` is not part of it: the Type column tells). */
  readonly address: string;
  /** `resource`, `data source` or `ephemeral resource`. */
  readonly kind: string;
  /** Its documentation page. */
  readonly url: string;
}

/** Built-in resources of the `terraform` provider are documented with the language, not in the registry. */
const BUILT_IN_DOCS: Record<string, string> = {
  terraform_data: "https://developer.hashicorp.com/terraform/language/resources/terraform-data",
};

/** The version segment of a registry docs URL: an exact pin, otherwise `latest` (a range has no one page). */
function docsVersion(constraint: string | undefined): string {
  const exact = /^\s*=?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\s*$/.exec(constraint ?? "");
  return exact ? exact[1] : "latest";
}

/** One resource block of any kind, with the provider local name that manages it. */
interface ResourceEntry {
  readonly kind: (typeof RESOURCE_KINDS)[number];
  readonly type: string;
  readonly name: string;
  readonly provider: string;
}

/** The local name a resource's `provider` meta-argument picks (`"aws.us_east_1"` → `aws`), or its type's prefix. */
function providerOf(type: string, body: Block): string {
  const meta = typeof body.provider === "string" ? body.provider.replace(/^\$\{(.*)\}$/, "$1") : undefined;
  return meta ? meta.split(".")[0] : type.split("_")[0];
}

/** Every resource block, by kind (managed, data, ephemeral), then type, then name. */
function resourceEntries(config: Record<string, Json>): ResourceEntry[] {
  return RESOURCE_KINDS.flatMap((kind) => {
    const byType = (config[kind.key] ?? {}) as Record<string, Blocks>;
    return Object.entries(byType)
      .flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, body]) => ({ kind, type, name, provider: providerOf(type, body) })),
      )
      .sort((a, b) => (a.type === b.type ? compare(a.name, b.name) : compare(a.type, b.type)));
  });
}

/** Every resource of the configuration with its documentation link, sorted as terraform-docs sorts them. */
export function resourceRows(config: Record<string, Json>): ResourceRow[] {
  return resourceEntries(config).map(({ kind, type, name, provider }) => {
    const builtIn = kind.key === "resource" ? BUILT_IN_DOCS[type] : undefined;
    const version = docsVersion(requiredProviders(config)[provider]?.version);
    const page = type.slice(type.indexOf("_") + 1);
    const url =
      builtIn ??
      `https://registry.terraform.io/providers/${providerSource(config, provider)}/${version}/docs/${kind.docs}/${page}`;
    return { address: `${type}.${name}`, kind: kind.label, url };
  });
}

/** Plain code-point order, as terraform-docs (Go) sorts names: locale-independent and stable. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Provider local names the module itself uses (its resources and provider blocks, not its submodules'),
 * sorted; `terraform` (the built-in provider of `terraform_data`) is not one a user installs.
 */
export function usedProviders(config: Record<string, Json>): string[] {
  const names = new Set(resourceEntries(config).map((entry) => entry.provider));
  for (const name of Object.keys((config.provider ?? {}) as Record<string, Json>)) names.add(name);
  names.delete("terraform");
  return [...names].sort(compare);
}

/** A variable's default for the Default column: JSON (which HCL reads the same) in a code span. */
function defaultCell(variable: Block): string {
  if (!("default" in variable) || variable.default === undefined) return "n/a";
  return codeCell(JSON.stringify(variable.default));
}

/** Whether a variable must be set: it has no default (a `null` default makes it optional). */
export function isRequired(variable: Block): boolean {
  return !("default" in variable) || variable.default === undefined;
}

/** The description cell, with sensitivity said where a reader looks (terraform-docs has no column for it). */
function describedCell(block: Block): string {
  const description = tableCell(typeof block.description === "string" ? block.description : "");
  if (block.sensitive !== true) return description;
  return description ? `${description} **Sensitive.**` : "**Sensitive.**";
}

/** A section: heading, then the table or terraform-docs' "No ..." line. */
function section(title: string, none: string, table: string | undefined): string {
  return `## ${title}\n\n${table ?? none}\n`;
}

/** The whole generated reference, markers included. */
export function terraformDocs(config: Record<string, Json>): string {
  const terraform = (config.terraform ?? {}) as Block;
  const providers = requiredProviders(config);
  const variables = (config.variable ?? {}) as Blocks;
  const outputs = (config.output ?? {}) as Blocks;
  const modules = (config.module ?? {}) as Blocks;

  const requirementRows: string[][] = [];
  if (typeof terraform.required_version === "string")
    requirementRows.push([anchoredName("requirement", "terraform"), tableCell(terraform.required_version)]);
  for (const name of Object.keys(providers).sort(compare))
    requirementRows.push([anchoredName("requirement", name), tableCell(providers[name].version ?? "n/a")]);

  const providerRows = usedProviders(config).map((name) => [
    anchoredName("provider", name),
    tableCell(providers[name]?.version ?? "n/a"),
  ]);
  const moduleRows = Object.keys(modules)
    .sort(compare)
    .map((name) => [
      anchoredName("module", name),
      tableCell(String(modules[name].source ?? "")),
      tableCell(typeof modules[name].version === "string" ? modules[name].version : "n/a"),
    ]);
  const resources = resourceRows(config).map((row) => [`[${row.address}](${row.url})`, row.kind]);
  const inputRows = Object.keys(variables)
    .sort(compare)
    .map((name) => {
      const variable = variables[name];
      return [
        anchoredName("input", name),
        describedCell(variable),
        codeCell(typeof variable.type === "string" ? variable.type.replace(/^\$\{(.*)\}$/s, "$1") : "any"),
        defaultCell(variable),
        isRequired(variable) ? "yes" : "no",
      ];
    });
  const outputRows = Object.keys(outputs)
    .sort(compare)
    .map((name) => [anchoredName("output", name), describedCell(outputs[name])]);

  const table = (headers: string[], rows: string[][], centred: string[] = []) =>
    rows.length === 0 ? undefined : markdownTable(headers, rows, centred);
  return [
    TF_DOCS_BEGIN,
    section("Requirements", "No requirements.", table(["Name", "Version"], requirementRows)),
    section("Providers", "No providers.", table(["Name", "Version"], providerRows)),
    section("Modules", "No modules.", table(["Name", "Source", "Version"], moduleRows)),
    section("Resources", "No resources.", table(["Name", "Type"], resources)),
    section(
      "Inputs",
      "No inputs.",
      table(["Name", "Description", "Type", "Default", "Required"], inputRows, ["Required"]),
    ),
    section("Outputs", "No outputs.", table(["Name", "Description"], outputRows)),
    TF_DOCS_END,
  ].join("\n");
}
