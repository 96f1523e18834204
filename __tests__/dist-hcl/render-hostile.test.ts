/**
 * The HCL renderer against hostile values, judged by Terraform itself: one configuration in Terraform JSON and
 * its HCL rendering are both planned by the real Terraform CLI (only built-ins: `terraform_data`, locals,
 * variables, outputs, so no provider is needed) and every planned value must be identical. The strings are the
 * ones that break naive renderers: quotes, backslashes, escapes of `${` and `%{`, directives, newlines and
 * trailing newlines (heredocs), a line that is the heredoc delimiter, control characters, Unicode, keys that are
 * HCL keywords, descriptions that look like interpolations.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Json } from "../../stacks/dist/module-json";
import { generatedHeader, moduleHclFiles } from "../../stacks/dist/hcl/module-hcl";
import { SchemaCatalog } from "../../stacks/dist/hcl/schema";
import { parseHcl } from "../support/hcl";
import { TerraformWorkspace, type PlanJson } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";
import { configDifferences } from "./config-equivalence";

/** Template strings (Terraform JSON spelling) and the value Terraform must give each, with var.name = "db". */
const STRINGS: [string, string][] = [
  ["plain", "plain"],
  ['quote " backslash \\ tab \t end', 'quote " backslash \\ tab \t end'],
  ["two\nlines", "two\nlines"],
  ["heredoc\nshaped\ntext\n", "heredoc\nshaped\ntext\n"],
  ["EOT\nthe delimiter is a line\nEOT\n", "EOT\nthe delimiter is a line\nEOT\n"],
  ["$${not interpolated} and %%{not a directive}", "${not interpolated} and %{not a directive}"],
  ["lone $ and % and $$ and {braces}", "lone $ and % and $$ and {braces}"],
  ["control \u0001 \u007f char", "control \u0001 \u007f char"],
  ["unicode ✓ é 日本 \u{1F600}", "unicode ✓ é 日本 \u{1F600}"],
  ["a-${upper(var.name)}-b", "a-DB-b"],
  ['${var.name == "db" ? "x\\"y}" : ""}', 'x"y}'],
  ['pre ${"}"} post', "pre } post"],
  ['%{ if var.name == "db" }on%{ else }off%{ endif }', "on"],
  ["line ${var.name}\nnext ${length(var.name)}\n", "line db\nnext 2\n"],
  ["\\n is not a newline, \\\\ is two", "\\n is not a newline, \\\\ is two"],
];

function hostileConfig(): Record<string, Json> {
  const locals: Record<string, Json> = Object.fromEntries(STRINGS.map(([template], i) => [`s${i}`, template]));
  locals.keywords = { for: "k1", null: "k2", true: "k3", "a b": "k4", "with-dash": "k5", in: ["x", 1, true, null] };
  locals.numbers = [0, -1, 1.5, 1e21];
  const output: Record<string, Json> = Object.fromEntries(
    [...Object.keys(locals)].map((name) => [name, { value: `\${local.${name}}` }]),
  );
  output.described = { value: "${var.name}", description: 'looks like ${var.name} and %{ if x } but is "text"' };
  output.default = { value: "${var.odd}" };
  return {
    terraform: { required_version: ">= 1.5.0" },
    variable: {
      name: { type: "string", default: "db", description: 'A ${name} with "quotes" and \\backslashes\\' },
      odd: {
        type: "object({ a = string, b = list(any) })",
        default: { a: 'literal ${not} %{ if } "q"', b: [1, "two\nlines", null] },
        nullable: false,
      },
    },
    locals,
    resource: {
      terraform_data: {
        guard: {
          input: { value: "${local.s9}", list: ["${var.name}", "x"] },
          lifecycle: {
            precondition: [
              { condition: '${var.name != ""}', error_message: 'Invalid name ${jsonencode(var.name)}: "quoted"' },
            ],
            ignore_changes: ["input"],
          },
          provisioner: [{ "local-exec": { command: 'echo "${self.input.value}" $${HOME}', when: "destroy" } }],
        },
      },
    },
    output,
  };
}

/** Planned outputs and resource values of the configuration in `files`. */
function plan(files: Record<string, string>, label: string): PlanJson {
  const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-empty-mirror-"));
  const workspace = new TerraformWorkspace(mirror, label);
  try {
    for (const [name, content] of Object.entries(files)) workspace.write(name, content);
    return workspace.planJson().plan;
  } finally {
    workspace.dispose();
    fs.rmSync(mirror, { recursive: true, force: true });
  }
}

let hcl: Record<string, string> = {};
beforeAll(async () => {
  hcl = await moduleHclFiles(hostileConfig(), {
    schemas: new SchemaCatalog(),
    header: generatedHeader("https://example.test"),
  });
});

test("the hostile configuration's HCL parses back to the same configuration", async () => {
  const merged: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(hcl)) {
    const parsed = await parseHcl(name, text);
    if (!parsed.ok) throw new Error(parsed.error);
    Object.assign(merged, parsed.json);
  }
  expect(configDifferences(hostileConfig(), merged)).toEqual([]);
});

test("the comparison catches a changed meaning (so the test above can fail)", async () => {
  const changed = hostileConfig();
  (changed.locals as Record<string, Json>).s9 = "a-${lower(var.name)}-b";
  const parsed = await parseHcl("main.tf", hcl["main.tf"]);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(configDifferences({ locals: changed.locals }, { locals: parsed.json.locals })).toEqual([
    expect.stringContaining("locals.s9"),
  ]);
});

test("multi-line text with a trailing newline is a heredoc whose delimiter is no line of it", () => {
  expect(hcl["main.tf"]).toMatch(/s3 += <<EOT\nheredoc\nshaped\ntext\nEOT\n/);
  expect(hcl["main.tf"]).toMatch(/s4 += <<EOT2\n/);
});

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform plans the JSON and the HCL the same",
  () => {
    let fromJson: PlanJson;
    let fromHcl: PlanJson;
    beforeAll(() => {
      fromJson = plan({ "main.tf.json": JSON.stringify(hostileConfig(), null, 2) }, "hostile-json");
      fromHcl = plan(hcl, "hostile-hcl");
    }, 120_000);

    test("every planned output is identical", () => {
      const outputs = (p: PlanJson) =>
        (p as unknown as { planned_values: { outputs: unknown } }).planned_values.outputs;
      expect(outputs(fromHcl)).toEqual(outputs(fromJson));
    });

    test("the planned resource is identical", () => {
      expect(fromHcl.resource_changes.map((c) => c.change.after)).toEqual(
        fromJson.resource_changes.map((c) => c.change.after),
      );
    });

    test.each(STRINGS.map(([template, expected], i) => [i, template, expected] as const))(
      "s%i: %j is %j in both",
      (i, _template, expected) => {
        const value = (p: PlanJson) =>
          (p as unknown as { planned_values: { outputs: Record<string, { value: unknown }> } }).planned_values.outputs[
            `s${i}`
          ].value;
        expect(value(fromJson)).toBe(expected);
        expect(value(fromHcl)).toBe(expected);
      },
    );
  },
);
