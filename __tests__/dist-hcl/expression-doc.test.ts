import {
  type Doc,
  fill,
  flat,
  group,
  ifBreak,
  indent,
  join,
  line,
  printDoc,
  softline,
} from "../../stacks/dist/hcl/expression/doc";

const call = (name: string, args: Doc[]): Doc =>
  group([name, "(", indent([softline, join([",", line], args)]), softline, ")"]);
const print = (doc: Doc, width: number, column = 0) => printDoc(doc, { indentation: 0, column, width });

describe("printDoc", () => {
  it("prints a group flat when it fits, counting the column it starts at", () => {
    expect(print(call("f", ["a", "b"]), 7)).toBe("f(a, b)");
    expect(print(call("f", ["a", "b"]), 7, 1)).toBe("f(\n  a,\n  b\n)");
  });

  it("breaks the outer group first and lets inner groups fit on their own lines", () => {
    expect(print(call("f", ["aaaa", call("g", ["b", "c"])]), 10)).toBe("f(\n  aaaa,\n  g(b, c)\n)");
    expect(print(call("f", [call("g", ["bbbb", "cccc"])]), 10)).toBe("f(\n  g(\n    bbbb,\n    cccc\n  )\n)");
  });

  it("counts the text after a group up to the next possible break", () => {
    const doc = [call("f", ["a"]), ", tail"];
    expect(print(doc, 10)).toBe("f(a), tail");
    expect(print(doc, 9)).toBe("f(\n  a\n), tail");
  });

  it("prints ifBreak by the mode of its group, and flat contents never break", () => {
    const tuple = group(["[", indent([softline, join([",", line], ["a", "b"]), ifBreak(",")]), softline, "]"]);
    expect(print(tuple, 10)).toBe("[a, b]");
    expect(print(tuple, 3)).toBe("[\n  a,\n  b,\n]");
    expect(print(flat(tuple), 3)).toBe("[a, b]");
  });

  it("fills words up to the width, with the trailing text after the last when broken", () => {
    const doc = group(["[", indent([softline, fill(["1,", "22,", "333,", "4"], ",")]), softline, "]"]);
    expect(print(doc, 20)).toBe("[1, 22, 333, 4]");
    expect(print(doc, 10)).toBe("[\n  1, 22,\n  333, 4,\n]");
  });

  it("leaves no trailing spaces where a line breaks", () => {
    expect(print(group(["a", line, "b"]), 2)).toBe("a\nb");
  });
});
