import { canonicalExpression } from "../../stacks/dist/hcl/expression/canonical";

describe("canonicalExpression", () => {
  it.each([
    ["whitespace and newlines", "f( a ,\n b )", "f(a,b)"],
    ["trailing commas", "[a, b,]", "[a,b]"],
    ["newline vs comma between object items", "{\n a = 1\n b = 2\n}", "{a = 1, b = 2}"],
    ["quoted, bare and colon keys", '{"a" = 1, "b-c" : 2}', "{a = 1, b-c = 2}"],
    ["parentheses around a whole expression", "(a && b)", "a && b"],
    ["parentheses around an object value", "{a = (b ? c : d)}", "{a = b ? c : d}"],
    ["parentheses that restate precedence", "a || (b && c)", "a || b && c"],
    ["a call argument in parentheses", "f((a))", "f(a)"],
    ["spacing inside a string's template sequences", '"a${ b+1 }%{ if c }d%{ endif }"', '"a${b + 1}%{if c}d%{endif}"'],
    ["parentheses inside a string's interpolation", '"${(a)}"', '"${a}"'],
    ["for-expression spacing", "{for k,v in m: k=>v... if v}", "{ for k, v in m : k => v... if v }"],
  ])("is insensitive to %s", (_what, a, b) => {
    expect(canonicalExpression(a)).toBe(canonicalExpression(b));
  });

  it.each([
    ["a tuple of two items and a subtraction", "[a, -b]", "[a - b]"],
    ["a literal key and an evaluated key", "{a = 1}", "{(a) = 1}"],
    ["a string and a reference", '"a"', "a"],
    ["a quoted key holding a template and a bare key", '{"${a}" = 1}', "{a = 1}"],
    ["grouping that changes precedence", "(a + b) * c", "a + b * c"],
    ["left and right association", "a - (b - c)", "a - b - c"],
    ["the reach of a splat", "(a[*].b)[0]", "a[*].b[0]"],
    ["an expanded final argument", "f(a...)", "f(a)"],
    ["object-for grouping", "{for k, v in m : k => v...}", "{for k, v in m : k => v}"],
    ["a conditional's branches", "a ? b : c", "a ? c : b"],
    ["nested conditionals", "(a ? b : c) ? d : e", "a ? b : c ? d : e"],
    ["unary minus on a sum and on its first term", "-(a + b)", "-a + b"],
    ["keys in a different order", "{a = 1, b = 2}", "{b = 2, a = 1}"],
    ["the literal text of a string", '"a${b}"', '"a ${b}"'],
    ["a strip marker", '"a ${b}"', '"a ${~b}"'],
    ["an escaped and a real interpolation", '"$${a}"', '"${a}"'],
    ["the expression in a directive", '"%{if a}x%{endif}"', '"%{if b}x%{endif}"'],
  ])("tells apart %s", (_what, a, b) => {
    expect(canonicalExpression(a)).not.toBe(canonicalExpression(b));
  });

  it("writes the tree fully parenthesized", () => {
    expect(canonicalExpression('a + b * -c == d ? {"k" = [1, 2]} : null')).toBe('(((a+(b*(-c)))==d)?{"k"=[1,2]}:null)');
  });

  it("throws naming the position on an invalid expression", () => {
    expect(() => canonicalExpression("a +* b")).toThrow(/expected an expression at position 3/);
  });
});
