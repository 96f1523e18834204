import { closeSequence, scanExpression, scanQuoted, tokenize } from "../../stacks/dist/hcl/expression/lexer";
import {
  parseDirective,
  singleInterpolation,
  splitTemplate,
  type TemplatePart,
} from "../../stacks/dist/hcl/expression/template";

/** The source text a part stands for, so a split can be checked to lose nothing. */
function sourceOf(part: TemplatePart): string {
  if (part.kind !== "interpolation") return part.text;
  return `\${${part.stripLeft ? "~" : ""}${part.expression}${part.stripRight ? "~" : ""}}`;
}

describe("tokenize", () => {
  it("splits identifiers (with dashes), numbers, operators and punctuation", () => {
    const tokens = tokenize('aws-x.y_z[0] >= 1.5e3 && !b ... => "s"');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ["identifier", "aws-x"],
      ["punctuation", "."],
      ["identifier", "y_z"],
      ["punctuation", "["],
      ["number", "0"],
      ["punctuation", "]"],
      ["operator", ">="],
      ["number", "1.5e3"],
      ["operator", "&&"],
      ["operator", "!"],
      ["identifier", "b"],
      ["operator", "..."],
      ["operator", "=>"],
      ["string", '"s"'],
    ]);
  });

  it("keeps the dots of a legacy index as punctuation and reports positions", () => {
    const tokens = tokenize("a.0.b");
    expect(tokens.map((t) => t.text)).toEqual(["a", ".", "0", ".", "b"]);
    // As in HCL: `a.0.1` holds the number 0.1, which the parser then rejects as a chained legacy index.
    expect(tokenize("a.0.1").map((t) => t.text)).toEqual(["a", ".", "0.1"]);
    expect(tokens[2]).toEqual({ kind: "number", text: "0", start: 2, end: 3 });
  });

  it("emits newlines as tokens and skips other whitespace", () => {
    expect(tokenize("a\n\t+ b\r\nc").map((t) => t.kind)).toEqual([
      "identifier",
      "newline",
      "operator",
      "identifier",
      "newline",
      "identifier",
    ]);
  });

  it("keeps a quoted string with nested templates, escaped quotes and braces as one token", () => {
    const source = '"a${"b}\\"${c["}"]}"}c\\"" + d';
    const tokens = tokenize(source);
    expect(tokens.map((t) => t.text)).toEqual(['"a${"b}\\"${c["}"]}"}c\\""', "+", "d"]);
  });

  it("treats $${ and %%{ inside a quoted string as literal text", () => {
    expect(tokenize('"$${x" "%%{y"').map((t) => t.text)).toEqual(['"$${x"', '"%%{y"']);
  });

  it("rejects what Terraform JSON expressions never hold, naming the position", () => {
    expect(() => tokenize("a # c")).toThrow(/position 2 \(comments are not supported\)/);
    expect(() => tokenize("a // c")).toThrow(/comments are not supported/);
    expect(() => tokenize("<<EOT\nx\nEOT")).toThrow(/position 0 \(heredocs are not supported/);
    expect(() => tokenize("a ; b")).toThrow(/unexpected ";" at position 2/);
    expect(() => tokenize('"abc')).toThrow(/unterminated quoted string starting at position 0/);
    expect(() => tokenize('"a${b"')).toThrow(/unterminated template interpolation "\$\{" at position 2/);
  });
});

describe("scanExpression until the closing brace", () => {
  it("stops at the first unmatched } and skips nested braces", () => {
    const source = "{a = {b = 1}}[0] } rest";
    expect(scanExpression(source, 0, true).end).toBe(17);
  });

  it("stops at a ~} strip marker", () => {
    expect(scanExpression("a ~} b", 0, true).end).toBe(2);
  });

  it("closeSequence and scanQuoted return the index past the end", () => {
    expect(closeSequence("x${a}y", 1)).toBe(5);
    expect(closeSequence("${~ a ~}", 0)).toBe(8);
    expect(scanQuoted('"a\\"b" c', 0)).toBe(6);
  });
});

describe("splitTemplate", () => {
  const cases: [string, TemplatePart[]][] = [
    ["plain", [{ kind: "literal", text: "plain" }]],
    ["", []],
    ["${var.a}", [{ kind: "interpolation", expression: "var.a", stripLeft: false, stripRight: false }]],
    [
      "arn:${ data.x.y }:z",
      [
        { kind: "literal", text: "arn:" },
        { kind: "interpolation", expression: "data.x.y", stripLeft: false, stripRight: false },
        { kind: "literal", text: ":z" },
      ],
    ],
    ['${"a${"b"}c"}', [{ kind: "interpolation", expression: '"a${"b"}c"', stripLeft: false, stripRight: false }]],
    [
      '${f("}", "\\"}")}!',
      [
        { kind: "interpolation", expression: 'f("}", "\\"}")', stripLeft: false, stripRight: false },
        { kind: "literal", text: "!" },
      ],
    ],
    ["$${not} %%{not} 100%", [{ kind: "literal", text: "$${not} %%{not} 100%" }]],
    // HCL reads `$$${a}` as "$" then the escape "$${" (checked with hcl2json: `"$$${a"` parses, `"${a"` does not)
    ["$$${a}", [{ kind: "literal", text: "$$${a}" }]],
    ["$$$${a}", [{ kind: "literal", text: "$$$${a}" }]],
    [
      "%{ if a }x${b}%{ else }y%{ endif }",
      [
        { kind: "directive", text: "%{ if a }" },
        { kind: "literal", text: "x" },
        { kind: "interpolation", expression: "b", stripLeft: false, stripRight: false },
        { kind: "directive", text: "%{ else }" },
        { kind: "literal", text: "y" },
        { kind: "directive", text: "%{ endif }" },
      ],
    ],
    ["%{~ for x in y ~}", [{ kind: "directive", text: "%{~ for x in y ~}" }]],
    [
      "a ${~ b ~} c ${~c} ${d~}",
      [
        { kind: "literal", text: "a " },
        { kind: "interpolation", expression: "b", stripLeft: true, stripRight: true },
        { kind: "literal", text: " c " },
        { kind: "interpolation", expression: "c", stripLeft: true, stripRight: false },
        { kind: "literal", text: " " },
        { kind: "interpolation", expression: "d", stripLeft: false, stripRight: true },
      ],
    ],
    [
      '${{ for k, v in m : k => "${v}}" }}',
      [{ kind: "interpolation", expression: '{ for k, v in m : k => "${v}}" }', stripLeft: false, stripRight: false }],
    ],
    [
      "${a}\n${b}",
      [
        { kind: "interpolation", expression: "a", stripLeft: false, stripRight: false },
        { kind: "literal", text: "\n" },
        { kind: "interpolation", expression: "b", stripLeft: false, stripRight: false },
      ],
    ],
    ["${\n  a +\n  b\n}", [{ kind: "interpolation", expression: "a +\n  b", stripLeft: false, stripRight: false }]],
  ];
  it.each(cases)("splits %j", (template, parts) => {
    expect(splitTemplate(template)).toEqual(parts);
  });

  it("loses nothing: the parts' sources give back templates written without extra spaces", () => {
    for (const template of ['x${"a${"b"}c"}y', "%{if a}b%{endif}", "$${a}${~b~}c"]) {
      expect(splitTemplate(template).map(sourceOf).join("")).toBe(template);
    }
  });

  it("throws naming the position of an unterminated interpolation or directive", () => {
    expect(() => splitTemplate("abc ${var.a")).toThrow(/unterminated template interpolation "\$\{" at position 4/);
    expect(() => splitTemplate('${"}"')).toThrow(/position 0/);
    expect(() => splitTemplate("x %{ if a ")).toThrow(/unterminated template directive "%\{" at position 2/);
    expect(() => splitTemplate('${"a${b"}')).toThrow(/unterminated/);
  });
});

describe("singleInterpolation", () => {
  it("returns the expression of a template that is exactly one interpolation", () => {
    expect(singleInterpolation("${var.a}")).toBe("var.a");
    expect(singleInterpolation('${ {"a" = 1} }')).toBe('{"a" = 1}');
    expect(singleInterpolation('${"${a}"}')).toBe('"${a}"');
  });

  it("returns undefined for anything else", () => {
    for (const template of [
      "x${a}",
      "${a}x",
      "${a}${b}",
      "${~a}",
      "${a~}",
      "$${a}",
      "%{ if a }${a}%{ endif }",
      "plain",
      "",
    ]) {
      expect(singleInterpolation(template)).toBeUndefined();
    }
  });
});

describe("parseDirective", () => {
  it("takes apart each kind of directive, with strip markers", () => {
    expect(parseDirective('%{ if a == "}" }')).toEqual({
      keyword: "if",
      stripLeft: false,
      stripRight: false,
      names: [],
      expression: 'a == "}"',
    });
    expect(parseDirective("%{~else~}")).toEqual({ keyword: "else", stripLeft: true, stripRight: true, names: [] });
    expect(parseDirective("%{endif}")).toEqual({ keyword: "endif", stripLeft: false, stripRight: false, names: [] });
    expect(parseDirective("%{ for k, v in var.m ~}")).toEqual({
      keyword: "for",
      stripLeft: false,
      stripRight: true,
      names: ["k", "v"],
      expression: "var.m",
    });
    expect(parseDirective("%{for x in [1, 2]}")).toEqual({
      keyword: "for",
      stripLeft: false,
      stripRight: false,
      names: ["x"],
      expression: "[1, 2]",
    });
    expect(parseDirective("%{~ endfor }")).toEqual({
      keyword: "endfor",
      stripLeft: true,
      stripRight: false,
      names: [],
    });
  });

  it.each(["%{ while a }", "%{ else if a }", "%{ if }", "%{ ifa }", "%{ for x y }", "%{ endif x }"])(
    "rejects %j",
    (text) => {
      expect(() => parseDirective(text)).toThrow(/expected if, else, endif, for or endfor/);
    },
  );
});
