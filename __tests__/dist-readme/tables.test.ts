/**
 * The generated reference of every module README, read back as a Markdown renderer reads it and compared with
 * the configuration it was generated from: every input once with its description, type, default, required
 * flag and sensitivity; every output; every resource with its documentation link; requirements, providers
 * and module calls. Then what descriptions may carry (pipes, line breaks, `<name>`, the end marker) must not
 * break a table or vanish.
 */
import type { Json } from "../../stacks/dist/module-json";
import { moduleReadme } from "../../stacks/dist/readme";
import { TF_DOCS_BEGIN, TF_DOCS_END } from "../../stacks/dist/readme-tables";
import { type ReadmeCase, plainText, readmeCases, rowsByHeader, sectionsOf } from "./readmes";

type Block = Record<string, Json>;
const blocks = (config: Record<string, Json>, key: string) => (config[key] ?? {}) as Record<string, Block>;

/** The reference part of a README (between the markers), read as GitHub reads it. */
function reference(readme: string) {
  const start = readme.indexOf(TF_DOCS_BEGIN);
  const end = readme.indexOf(TF_DOCS_END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return sectionsOf(readme.slice(start, end));
}

const CASES = readmeCases().map((c) => [c.label, c] as [string, ReadmeCase]);

describe("the reference of each module README matches its configuration", () => {
  test("every target's root and submodules are covered", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(5 + 20);
  });

  test.each(CASES)(
    "%s: inputs, one row each with description, type, default, required and sensitivity",
    (_label, c) => {
      const variables = blocks(c.config, "variable");
      const table = reference(c.readme).get("Inputs")!;
      if (Object.keys(variables).length === 0) {
        expect(table.none).toBe("No inputs.");
        return;
      }
      expect(table.headers).toEqual(["Name", "Description", "Type", "Default", "Required"]);
      const rows = rowsByHeader(table);
      const names = rows.map((r) => r.Name.text);
      // Sorted by name as terraform-docs sorts (code points), each variable once.
      expect(names).toEqual(Object.keys(variables).sort((a, b) => (a < b ? -1 : 1)));
      for (const row of rows) {
        const name = row.Name.text;
        const variable = variables[name];
        expect(row.Name.href).toBe(`#input_${name}`);
        expect({ name, description: row.Description.text }).toEqual({
          name,
          description: plainText(String(variable.description ?? "")),
        });
        expect({ name, sensitive: row.Description.sensitive }).toEqual({
          name,
          sensitive: variable.sensitive === true,
        });
        expect({ name, type: row.Type.code }).toEqual({ name, type: variable.type });
        const required = !("default" in variable);
        expect({ name, required: row.Required.text }).toEqual({ name, required: required ? "yes" : "no" });
        if (required) expect({ name, default: row.Default.text }).toEqual({ name, default: "n/a" });
        else expect({ name, default: JSON.parse(row.Default.code!) }).toEqual({ name, default: variable.default });
      }
    },
  );

  test.each(CASES)("%s: outputs, one row each with description and sensitivity", (_label, c) => {
    const outputs = blocks(c.config, "output");
    const rows = rowsByHeader(reference(c.readme).get("Outputs")!);
    expect(rows.map((r) => r.Name.text)).toEqual(Object.keys(outputs).sort((a, b) => (a < b ? -1 : 1)));
    for (const row of rows) {
      const output = outputs[row.Name.text];
      expect(row.Name.href).toBe(`#output_${row.Name.text}`);
      expect(row.Description.text).toBe(plainText(String(output.description ?? "")));
      expect({ name: row.Name.text, sensitive: row.Description.sensitive }).toEqual({
        name: row.Name.text,
        sensitive: output.sensitive === true,
      });
    }
  });

  test.each(CASES)(
    "%s: resources, data sources and ephemeral resources with their documentation pages",
    (_label, c) => {
      const providers = ((c.config.terraform as Block).required_providers ?? {}) as Record<string, { source: string }>;
      const expected: string[] = [];
      for (const [key, kind] of [
        ["resource", "resource"],
        ["data", "data source"],
        ["ephemeral", "ephemeral resource"],
      ]) {
        const addresses = Object.entries(blocks(c.config, key)).flatMap(([type, byName]) =>
          Object.keys(byName as Block).map((name) => `${type}.${name} ${kind}`),
        );
        expected.push(...addresses.sort((a, b) => (a < b ? -1 : 1)));
      }
      const table = reference(c.readme).get("Resources")!;
      if (expected.length === 0) {
        expect(table.none).toBe("No resources.");
        return;
      }
      const rows = rowsByHeader(table);
      expect(rows.map((r) => `${r.Name.text} ${r.Type.text}`)).toEqual(expected);
      for (const row of rows) {
        const type = row.Name.text.split(".")[0];
        if (type === "terraform_data") {
          expect(row.Name.href).toBe("https://developer.hashicorp.com/terraform/language/resources/terraform-data");
          continue;
        }
        const prefix = type.split("_")[0];
        const page = {
          resource: "resources",
          "data source": "data-sources",
          "ephemeral resource": "ephemeral-resources",
        }[row.Type.text];
        // Our modules' constraints are ranges, so the page is the latest; the provider is the type's own.
        expect(row.Name.href).toBe(
          `https://registry.terraform.io/providers/${providers[prefix].source}/latest/docs/${page}/${type.slice(prefix.length + 1)}`,
        );
      }
    },
  );

  test.each(CASES)("%s: requirements, providers used and module calls", (_label, c) => {
    const terraform = c.config.terraform as Block;
    const providers = (terraform.required_providers ?? {}) as Record<string, { source: string; version: string }>;
    const sections = reference(c.readme);
    const requirements = rowsByHeader(sections.get("Requirements")!).map((r) => [r.Name.text, r.Version.text]);
    expect(requirements).toEqual([
      ["terraform", terraform.required_version],
      ...Object.keys(providers)
        .sort()
        .map((name) => [name, providers[name].version]),
    ]);
    const used = new Set(
      ["resource", "data", "ephemeral"].flatMap((key) =>
        Object.keys(blocks(c.config, key)).map((t) => t.split("_")[0]),
      ),
    );
    used.delete("terraform");
    const providerTable = sections.get("Providers")!;
    if (used.size === 0) expect(providerTable.none).toBe("No providers.");
    else
      expect(rowsByHeader(providerTable).map((r) => [r.Name.text, r.Version.text])).toEqual(
        [...used].sort().map((name) => [name, providers[name].version]),
      );
    const modules = blocks(c.config, "module");
    const moduleTable = sections.get("Modules")!;
    if (Object.keys(modules).length === 0) expect(moduleTable.none).toBe("No modules.");
    else
      expect(rowsByHeader(moduleTable).map((r) => [r.Name.text, r.Source.text, r.Version.text])).toEqual(
        Object.keys(modules)
          .sort()
          .map((name) => [name, modules[name].source, "n/a"]),
      );
  });

  test.each(CASES)("%s: the generated block is there once, with its sections in terraform-docs' order", (_label, c) => {
    expect(c.readme.split(TF_DOCS_BEGIN)).toHaveLength(2);
    expect(c.readme.split(TF_DOCS_END)).toHaveLength(2);
    const block = c.readme.slice(c.readme.indexOf(TF_DOCS_BEGIN), c.readme.indexOf(TF_DOCS_END));
    expect([...block.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      "Requirements",
      "Providers",
      "Modules",
      "Resources",
      "Inputs",
      "Outputs",
    ]);
    expect(c.readme.trimEnd().endsWith(TF_DOCS_END)).toBe(true);
  });
});

/** A module configuration with descriptions and defaults that try to break the tables. */
const HOSTILE: Record<string, Json> = {
  terraform: {
    required_version: ">= 1.9",
    required_providers: { aws: { source: "hashicorp/aws", version: "= 5.100.0" } },
  },
  variable: {
    pipes: { type: "string", description: "a | b || c", default: "x|y" },
    lines: { type: "string", description: "first line\nsecond | line\r\n\nafter a blank line\n## not a heading" },
    placeholder: {
      type: "string",
      description: "creates <name>-vpc; read it with get --secret-id <arn>",
      default: null,
    },
    marker: { type: "string", description: "ends early? <!-- END_TF_DOCS --> no", sensitive: true },
    code: { type: "string", description: "code `a | b` and ``x ` y`` and an unclosed ` tick", default: "`" },
    escaped: { type: "string", description: "already \\| escaped and a trailing backslash \\", default: "a\\b" },
    html: { type: "string", description: "<b>bold?</b> <script>alert(1)</script> & &amp; R&D" },
    nested: {
      type: 'object({ a = optional(string, "|"), b = list(string) })',
      description: "",
      default: { a: "p|q", b: ["`", "\n"] },
      sensitive: true,
    },
  },
  output: {
    weird: { description: "pipe | in the description\nand a newline", value: "x" },
    secret: { description: "", value: "y", sensitive: true },
  },
  resource: {
    aws_s3_bucket: { logs: {}, data: {} },
    terraform_data: { guard: {} },
    google_compute_network: { beta: { provider: "google-beta" } },
  },
  data: { aws_caller_identity: { current: {} } },
};

describe("descriptions and defaults that could break a table", () => {
  const readme = moduleReadme({ title: "hostile", description: "A module | with <hostile> text." }, HOSTILE);
  const sections = reference(readme);
  const variables = HOSTILE.variable as Record<string, Block>;

  test("the end marker inside a description does not end the generated block", () => {
    expect(readme.split(TF_DOCS_END)).toHaveLength(2);
  });

  test("every input is one row whose cells read as the description and default mean", () => {
    const rows = rowsByHeader(sections.get("Inputs")!);
    expect(rows.map((r) => r.Name.text)).toEqual(Object.keys(variables).sort());
    for (const row of rows) {
      const variable = variables[row.Name.text];
      expect(row.Description.text).toBe(plainText(String(variable.description)));
      expect(row.Description.sensitive).toBe(variable.sensitive === true);
      expect(row.Type.code).toBe(variable.type);
      if ("default" in variable) expect(JSON.parse(row.Default.code!)).toEqual(variable.default);
      else expect(row.Default.text).toBe("n/a");
    }
  });

  test("placeholders in angle brackets stay visible, and HTML in a description is shown, not run", () => {
    const rows = Object.fromEntries(rowsByHeader(sections.get("Inputs")!).map((r) => [r.Name.text, r]));
    expect(rows.placeholder.Description.text).toBe("creates <name>-vpc; read it with get --secret-id <arn>");
    expect(rows.html.Description.text).toContain("<script>alert(1)</script>");
    expect(rows.lines.Description.text).toBe("first line\nsecond | line\n\nafter a blank line\n## not a heading");
  });

  test("outputs with pipes and line breaks stay one row each", () => {
    const rows = rowsByHeader(sections.get("Outputs")!);
    expect(rows.map((r) => [r.Name.text, r.Description.text, r.Description.sensitive])).toEqual([
      ["secret", "", true],
      ["weird", "pipe | in the description\nand a newline", false],
    ]);
  });

  test("resources: managed first, then data sources; pinned versions, provider meta-arguments and built-ins", () => {
    const rows = rowsByHeader(sections.get("Resources")!).map((r) => [r.Name.text, r.Type.text, r.Name.href]);
    expect(rows).toEqual([
      [
        "aws_s3_bucket.data",
        "resource",
        "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket",
      ],
      [
        "aws_s3_bucket.logs",
        "resource",
        "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket",
      ],
      [
        "google_compute_network.beta",
        "resource",
        "https://registry.terraform.io/providers/hashicorp/google-beta/latest/docs/resources/compute_network",
      ],
      [
        "terraform_data.guard",
        "resource",
        "https://developer.hashicorp.com/terraform/language/resources/terraform-data",
      ],
      [
        "aws_caller_identity.current",
        "data source",
        "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/caller_identity",
      ],
    ]);
    // The providers the module's resources use, not the built-in terraform one; google-beta has no requirement.
    expect(rowsByHeader(sections.get("Providers")!).map((r) => [r.Name.text, r.Version.text])).toEqual([
      ["aws", "= 5.100.0"],
      ["google-beta", "n/a"],
    ]);
  });

  test("a module without inputs, outputs, resources or calls says so as terraform-docs does", () => {
    const empty = reference(moduleReadme({ title: "empty", description: "Nothing." }, { terraform: {} }));
    expect([...empty.entries()].map(([heading, t]) => [heading, t.none])).toEqual([
      ["Requirements", "No requirements."],
      ["Providers", "No providers."],
      ["Modules", "No modules."],
      ["Resources", "No resources."],
      ["Inputs", "No inputs."],
      ["Outputs", "No outputs."],
    ]);
  });
});
