import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";
import { canonicalExpression } from "../../stacks/dist/hcl/expression/canonical";
import { formatExpression, normalizeTemplate } from "../../stacks/dist/hcl/expression/format";

const narrow = { indent: 2, width: 40, column: 6 };

/** The expression as the attribute `x` of a block, the way the module renderer writes it. */
function inBlock(formatted: string): string {
  return `locals {\n  x = ${formatted}\n}\n`;
}

/** Formats, then checks what every layout must satisfy: HCL parses it, same meaning, idempotent, stable under fmt. */
async function formatChecked(expression: string, options = narrow): Promise<string> {
  const out = formatExpression(expression, options);
  await expect(parse("x.tf", inBlock(out))).resolves.toBeDefined();
  expect(canonicalExpression(out)).toBe(canonicalExpression(expression));
  expect(formatExpression(out, options)).toBe(out);
  expect(await format(inBlock(out))).toBe(inBlock(out));
  return out;
}

describe("formatExpression on one line", () => {
  it.each([
    ["a+b*c", "a + b * c"],
    ["f( a ,b )", "f(a, b)"],
    ['{"Version"="2012-10-17","b":1}', '{ Version = "2012-10-17", b = 1 }'],
    ["[ a , -b ]", "[a, -b]"],
    ["!a&&b", "!a && b"],
    ["a?b:c", "a ? b : c"],
    ["[for x in y: x if x]", "[for x in y : x if x]"],
    ["{for k,v in m: k=>v...}", "{ for k, v in m : k => v... }"],
    ["f(a...)", "f(a...)"],
    ["a[*].b.*.c[0].0", "a[*].b.*.c[0].0"],
    ["(a)", "(a)"],
    ["{}", "{}"],
    ["[]", "[]"],
    ["f()", "f()"],
    ['"x${"}"}\\""', '"x${"}"}\\""'],
    ["{\n a = 1\n b = 2\n}", "{ a = 1, b = 2 }"],
    ['{k="%{ if a }x%{ else }}%{ endif }"}', '{ k = "%{if a}x%{else}}%{endif}" }'],
    ['f("$${a}", "a\\"}")', 'f("$${a}", "a\\"}")'],
  ])("%j → %j", async (input, expected) => {
    expect(await formatChecked(input, { indent: 2, width: 100, column: 6 })).toBe(expected);
  });

  it("formats a call of a provider-defined function (Terraform 1.8+)", async () => {
    // Not checked against hclwrite: the one in @cdktf/hcl-tools predates these names and spaces out the `::`.
    const out = formatExpression("provider::aws::arn_parse( a ).region", narrow);
    expect(out).toBe("provider::aws::arn_parse(a).region");
    await expect(parse("x.tf", `x = ${out}\n`)).resolves.toEqual({ x: "${provider::aws::arn_parse(a).region}" });
    expect(canonicalExpression(out)).not.toBe(canonicalExpression("provider::aws::arn_build(a).region"));
  });

  it("keeps keys quoted where a bare name would mean something else", () => {
    const out = formatExpression(
      '{"for" = 1, "if" = 2, "in" = 3, "null" = 4, "true" = 5, "false" = 6, "a b" = 7, "${a}" = 8}',
      { indent: 0, width: 200 },
    );
    expect(out).toBe('{ "for" = 1, "if" = 2, "in" = 3, "null" = 4, "true" = 5, "false" = 6, "a b" = 7, "${a}" = 8 }');
  });
});

describe("formatExpression broken over lines", () => {
  it("writes objects one item per line, aligning = like terraform fmt, and hugs a sole bracketed argument", async () => {
    const out = await formatChecked(
      'jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "s3:GetObject"}]})',
    );
    expect(out).toBe(
      [
        "jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [",
        "      {",
        '        Effect = "Allow"',
        '        Action = "s3:GetObject"',
        "      },",
        "    ]",
        "  })",
      ].join("\n"),
    );
  });

  it("pads keys of consecutive one-line items to one column", async () => {
    const out = await formatChecked('{a = "aaaaaaaaaaaaaaa", bbbb = "bbbbbbbbbbbbbbbbbbbb", c = [1]}');
    expect(out.split("\n").slice(1, 4)).toEqual([
      '    a    = "aaaaaaaaaaaaaaa"',
      '    bbbb = "bbbbbbbbbbbbbbbbbbbb"',
      "    c    = [1]",
    ]);
  });

  it("breaks call arguments one per line without a trailing comma, tuples with one", async () => {
    const out = await formatChecked('concat(["aaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbb"], var.extra)');
    expect(out).toBe(
      [
        "concat(",
        "    [",
        '      "aaaaaaaaaaaaaa",',
        '      "bbbbbbbbbbbbbbbbbbbbb",',
        "    ],",
        "    var.extra",
        "  )",
      ].join("\n"),
    );
  });

  it("wraps a broken operation at the top level in parentheses, one operand per line", async () => {
    const out = await formatChecked('var.name == null || length(var.name) <= 63 && can(regex("^[a-z]+$", var.name))');
    expect(out).toBe(
      [
        "(",
        "    var.name == null ||",
        "    (",
        "      length(var.name) <= 63 &&",
        '      can(regex("^[a-z]+$", var.name))',
        "    )",
        "  )",
      ].join("\n"),
    );
    expect(canonicalExpression(out)).toBe(
      canonicalExpression('var.name == null || (length(var.name) <= 63 && can(regex("^[a-z]+$", var.name)))'),
    );
  });

  it("breaks a conditional before ? and :, continuing a chain of conditionals", async () => {
    const out = await formatChecked('var.enabled ? aws_instance.this[0].id : var.other != null ? var.other : "none"');
    expect(out).toBe(
      [
        "(",
        "    var.enabled",
        "    ? aws_instance.this[0].id",
        "    : var.other != null",
        "    ? var.other",
        '    : "none"',
        "  )",
      ].join("\n"),
    );
  });

  it("wraps an operation that breaks as an object value, where a newline would end the item", async () => {
    const out = await formatChecked("{ enabled = var.aaaaaaaaaaaa && var.bbbbbbbbbbbbbbbbbbb && var.c }");
    expect(out).toBe(
      [
        "{",
        "    enabled = (",
        "      var.aaaaaaaaaaaa &&",
        "      var.bbbbbbbbbbbbbbbbbbb &&",
        "      var.c",
        "    )",
        "  }",
      ].join("\n"),
    );
  });

  it("keeps a short right side of a comparison on its operator's line, breaking inside the left side", async () => {
    const out = await formatChecked('tonumber(regex("^([0-9]+)[.]([0-9]+)$", var.version)[1]) >= 11 || var.a', {
      ...narrow,
      width: 60,
    });
    expect(out).toBe(
      [
        "(",
        "    tonumber(",
        '      regex("^([0-9]+)[.]([0-9]+)$", var.version)[1]',
        "    ) >= 11 ||",
        "    var.a",
        "  )",
      ].join("\n"),
    );
    // The right side stays on one line even when narrow: broken, it would start on a line closing the left side.
    const narrowest = await formatChecked("length(distinct(ids)) == length(ids)", { indent: 2, width: 10, column: 6 });
    expect(narrowest).toBe(["length(distinct(", "    ids", "  )) == length(ids)"].join("\n"));
    const long = await formatChecked('var.aaaaaaaaaaaaaaaaaa == "bbbbbbbbbbbbbbbbbbbbbbbbb"');
    expect(long).toBe(["(", "    var.aaaaaaaaaaaaaaaaaa ==", '    "bbbbbbbbbbbbbbbbbbbbbbbbb"', "  )"].join("\n"));
  });

  it("leaves operations inside call arguments without extra parentheses", async () => {
    const out = await formatChecked("f(var.aaaaaaaaaaaaaaaa && var.bbbbbbbbbbbbbbbbbbbbbb, c)");
    expect(out).toBe(
      ["f(", "    var.aaaaaaaaaaaaaaaa &&", "    var.bbbbbbbbbbbbbbbbbbbbbb,", "    c", "  )"].join("\n"),
    );
  });

  it("breaks a for-expression after its bracket: head, result and condition each on a line", async () => {
    const out = await formatChecked('[for s in var.list : { name = s, value = "${s}-suffix" } if s != ""]');
    expect(out).toBe(
      ["[", "    for s in var.list :", '    { name = s, value = "${s}-suffix" }', '    if s != ""', "  ]"].join("\n"),
    );
    const grouped = await formatChecked("{for k, v in var.map_of_things : upper(k) => [v, v, v, v, v, v]... if v}");
    expect(grouped).toBe(
      ["{", "    for k, v in var.map_of_things :", "    upper(k) => [v, v, v, v, v, v]...", "    if v", "  }"].join(
        "\n",
      ),
    );
  });

  it("breaks inside a for-expression's collection and result, keeping the key on one line", async () => {
    const out = await formatChecked(
      'alltrue([for u in [var.aaaaaaaaaa, var.bbbbbbbbbbbbbbbbbbbbbb] : can(regex("^https://", u))])',
    );
    expect(out).toBe(
      [
        "alltrue([",
        "    for u in [",
        "      var.aaaaaaaaaa,",
        "      var.bbbbbbbbbbbbbbbbbbbbbb,",
        "    ] :",
        '    can(regex("^https://", u))',
        "  ])",
      ].join("\n"),
    );
    const keyed = await formatChecked('{for k, v in m : format("%s-%s-%s-%s", k, v, var.suffix) => v}');
    expect(keyed.split("\n")[2]).toBe('    format("%s-%s-%s-%s", k, v, var.suffix) => v');
  });

  it("packs a tuple of short constants several to a line", async () => {
    const out = await formatChecked(
      'contains(["1", "3", "5", "7", "14", "30", "60", "90", "120", "150", "180", true, null, 2.5], var.days)',
    );
    expect(out).toBe(
      [
        "contains(",
        "    [",
        '      "1", "3", "5", "7", "14", "30",',
        '      "60", "90", "120", "150", "180",',
        "      true, null, 2.5,",
        "    ],",
        "    var.days",
        "  )",
      ].join("\n"),
    );
  });

  it("never breaks inside a quoted string, even past the width", async () => {
    const long = `"${"x".repeat(60)}"`;
    const out = await formatChecked(`[${long}]`);
    expect(out).toBe(`[\n    ${long},\n  ]`);
  });

  it("measures the first line from column, continuation lines from indent", () => {
    const expression = "[aaaa, bbbb, cccc]"; // 18 columns
    expect(formatExpression(expression, { indent: 0, width: 20 })).toBe(expression);
    expect(formatExpression(expression, { indent: 0, width: 20, column: 4 })).toBe("[\n  aaaa,\n  bbbb,\n  cccc,\n]");
    expect(formatExpression(expression, { indent: 4, width: 22 })).toBe(expression);
  });
});

describe("formatExpression on bad input", () => {
  it.each([
    ["a +", /expected an expression at the end/],
    ["f(a b)", /expected "," at position 4/],
    ["{a = 1 b = 2}", /expected a comma or a newline between object items at position 7/],
    ["(a", /expected "\)" at the end/],
    ["a ; b", /unexpected ";" at position 2/],
    ['"abc', /unterminated quoted string/],
    ["a b", /unexpected token after the expression at position 2/],
    ["provider::aws::x + 1", /expected "\(" after the provider function name provider::aws::x/],
    ["a.0.1", /expected an attribute name, an index or "\*" after "." at position 2 \("0.1"\)/],
    ["{a = b\n&& c}", /expected an expression at position 7/],
  ])("%j throws %s", (input, message) => {
    expect(() => formatExpression(input, narrow)).toThrow(message);
  });
});

describe("normalizeTemplate", () => {
  it("spaces interpolations and directives the way terraform fmt does, leaving literal text alone", () => {
    expect(normalizeTemplate('a ${ x+1 } b %{ if a==b ~}c%{~ else }d%{ endif } "${ {"k"=1} }"')).toBe(
      'a ${x + 1} b %{if a == b~}c%{~else}d%{endif} "${{ k = 1 }}"',
    );
    expect(normalizeTemplate("%{ for k , v in m }${k}%{ endfor }$${ not } %%{ not }")).toBe(
      "%{for k, v in m}${k}%{endfor}$${ not } %%{ not }",
    );
  });

  it("respaces the templates of strings nested in an expression, and terraform fmt agrees", async () => {
    const out = formatExpression('f("${ "${ a }" } %{ for x in y ~}${ x }%{~ endfor }")', { indent: 0, width: 100 });
    expect(out).toBe('f("${"${a}"} %{for x in y~}${x}%{~endfor}")');
    expect(await format(`x = ${out}\n`)).toBe(`x = ${out}\n`);
  });

  it("rejects an unknown directive", () => {
    expect(() => normalizeTemplate("%{ while a }")).toThrow(/expected if, else, endif, for or endfor/);
  });
});
