/** Table cells and code spans of the module READMEs, read back with a Markdown renderer. */
import { anchoredName, codeCell, markdownTable, tableCell } from "../../stacks/dist/readme-markdown";
import { plainText, rowsByHeader, sectionsOf } from "./readmes";

/** One-row table holding `cell`, read back. */
function readBack(cell: string) {
  const [row] = rowsByHeader(sectionsOf(`## T\n\n${markdownTable(["A", "B"], [[cell, "end"]])}\n`).get("T")!);
  return row;
}

describe("codeCell", () => {
  test.each(["`", "``", "a`b", "x``y`", " padded ", "| pipe |", '{"a":"|"}', "`edge"])(
    "%j reads back as itself",
    (text) => {
      const row = readBack(codeCell(text));
      expect(row.A.code).toBe(text);
      expect(row.B.text).toBe("end");
    },
  );

  test("line breaks (a multi-line type) become spaces, so the row stays one line", () => {
    expect(codeCell("object({\n  a = string\n})")).toBe("`object({ a = string })`");
  });
});

describe("tableCell", () => {
  test.each([
    "plain",
    "a | b",
    "`code | pipe` and text",
    "line one\nline two",
    "<name>-vpc and <arn>",
    "<!-- END_TF_DOCS -->",
    "a\\|b",
    "trailing backslash \\",
    "Tom & Jerry, &amp;",
    ">= 1.9, < 2.0",
  ])("%j shows what it says on its own, in one cell", (text) => {
    const row = readBack(tableCell(text));
    expect(row.A.text).toBe(plainText(text));
    expect(row.B.text).toBe("end");
  });

  test("version constraints stay readable as written", () => {
    expect(tableCell(">= 2.71.0, < 3.0.0")).toBe(">= 2.71.0, < 3.0.0");
  });
});

test("anchors use the name, made safe for an attribute and a link", () => {
  expect(anchoredName("input", "domain_name")).toBe(
    '<a name="input_domain_name"></a> [domain_name](#input_domain_name)',
  );
  expect(anchoredName("output", 'a"b c')).toMatch(/^<a name="output_a-b-c"><\/a> /);
});
