/**
 * The one HCL string escaper (validation regexes, jsonencode literals, the published HCL): hostile text, quoted
 * with it, parses back to itself with Terraform's HCL parser.
 */
import { parse } from "@cdktf/hcl2json";
import { escapeHclText, hclString } from "../../modules/terraform/hcl-string";

const HOSTILE = [
  'quote " and backslash \\ ',
  "newline\nreturn\rtab\t",
  "control \u0001 and \u007f",
  "template ${var.x} and %{ if } and $${escaped}",
  "unicode ✓ 日本 \u{1F600}",
  "^(?:[a-z0-9]+\\.)+$",
];

test.each(HOSTILE)("%j quoted with hclString parses back to the same text", async (text) => {
  const parsed = (await parse("x.tf", `locals {\n  x = ${hclString(text)}\n}\n`)) as { locals: [{ x: string }] };
  // hcl2json keeps a template's escapes ($${, %%{) as written; resolved, they are the text.
  expect(parsed.locals[0].x.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{")).toBe(text);
});

test("escapeHclText leaves template sequences to the caller and escapes everything a quoted string cannot hold", () => {
  expect(escapeHclText('a"b\\c\nd\u0001${x}%{y}')).toBe('a\\"b\\\\c\\nd\\u0001${x}%{y}');
});
