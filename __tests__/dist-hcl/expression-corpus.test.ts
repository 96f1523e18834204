/**
 * Every interpolation of every published module, through the expression toolkit: the formatted layout parses as
 * an HCL attribute, means the same (canonical form), is a fixed point of the formatter and of terraform fmt, and
 * keeps every line that can be broken within the width.
 */
import { format } from "@cdktf/hcl-tools";
import { parse } from "@cdktf/hcl2json";
import { awsModuleBundle } from "../../stacks/aws/dist";
import { digitalOceanModuleBundle } from "../../stacks/digitalocean/dist";
import { dockerModuleBundle } from "../../stacks/docker/dist";
import { googleModuleBundle } from "../../stacks/google/dist";
import { kubernetesModuleBundle } from "../../stacks/kubernetes/dist";
import type { ModuleBundle } from "../../stacks/dist/bundle";
import { moduleConfig, type Json } from "../../stacks/dist/module-json";
import { canonicalExpression } from "../../stacks/dist/hcl/expression/canonical";
import { formatExpression } from "../../stacks/dist/hcl/expression/format";
import { type Token, tokenize } from "../../stacks/dist/hcl/expression/lexer";
import { splitTemplate } from "../../stacks/dist/hcl/expression/template";

const WIDTH = 100;
/** The renderer writes `  name = <expression>` inside a block: `x = ` puts the expression at column 6. */
const OPTIONS = { indent: 2, width: WIDTH, column: 6 };
/** A narrow layout too, so nearly every breakable construct breaks and its layout is checked as well. */
const NARROW = { ...OPTIONS, width: 20 };
/** Widths at which meaning and idempotency are checked too (cheap: no HCL parser involved). */
const SWEEP = [30, 50, 60, 70, 80, 90, 120];

interface Sample {
  readonly expression: string;
  /** Where it first occurs: module folder and JSON path. */
  readonly where: string;
  readonly formatted: string;
  /** Formatted at the narrow width. */
  readonly narrow: string;
}

function collect(bundles: ModuleBundle[]): { samples: Sample[]; occurrences: number } {
  const found = new Map<string, string>();
  let occurrences = 0;
  const walk = (value: Json, where: string): void => {
    if (typeof value === "string") {
      if (!value.includes("${")) return;
      for (const part of splitTemplate(value)) {
        if (part.kind !== "interpolation") continue;
        occurrences++;
        if (!found.has(part.expression)) found.set(part.expression, where);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${where}[${i}]`));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
    }
  };
  for (const bundle of bundles) {
    walk(moduleConfig(bundle.root), bundle.directory);
    for (const [name, stack] of Object.entries(bundle.submodules))
      walk(moduleConfig(stack), `${bundle.directory}/modules/${name}`);
  }
  const samples = [...found].map(([expression, where]) => ({
    expression,
    where,
    formatted: formatExpression(expression, OPTIONS),
    narrow: formatExpression(expression, NARROW),
  }));
  return { samples, occurrences };
}

/** The attribute as the renderer writes it, alone in a block so terraform fmt has no neighbours to align it with. */
function block(formatted: string): string {
  return `locals {\n  x = ${formatted}\n}\n`;
}

/**
 * Why an over-wide line cannot be broken, or undefined when it could have been: a line is unbreakable when no
 * call, tuple or object with content closes on it and no operator joins two operands on it (what is left is one
 * string, name or reference that HCL cannot split).
 */
function unbreakableReason(lineText: string): string | undefined {
  const tokens = tokenize(lineText);
  const isSplat = (i: number) => tokens[i].text === "*" && (tokens[i - 1]?.text === "." || tokens[i - 1]?.text === "[");
  const isOperator = (t: Token, i: number) =>
    t.kind === "operator" && !["...", "!"].includes(t.text) && !isSplat(i) && i > 0 && i < tokens.length - 1;
  if (tokens.some(isOperator)) return undefined;
  // A call, tuple or object with content on the line could have been broken; an index or parentheses around one
  // term cannot (the formatter breaks parentheses only around an operation, which the operator check finds).
  const openers: number[] = [];
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== "punctuation") continue;
    if ("([{".includes(token.text)) openers.push(i);
    if (")]}".includes(token.text)) {
      const open = openers.pop();
      if (open === undefined || i === open + 1 || isSplat(open + 1)) continue;
      const before = tokens[open - 1];
      const isIndex =
        token.text === "]" && before !== undefined && (before.kind === "identifier" || ")]}".includes(before.text));
      const isParens = token.text === ")" && before?.kind !== "identifier";
      if (!isIndex && !isParens) return undefined;
    }
  }
  const longest = tokens.reduce((a, t) => (t.text.length > a.text.length ? t : a), tokens[0]);
  return `one ${longest.kind} of ${longest.text.length} characters`;
}

describe("the expression toolkit over every interpolation of the published modules", () => {
  let samples: Sample[];
  let occurrences: number;
  /** Every distinct layout, at both widths (short expressions look the same at both). */
  const layouts = () => [...new Set(samples.flatMap((s) => [s.formatted, s.narrow]))];
  beforeAll(() => {
    ({ samples, occurrences } = collect([
      awsModuleBundle(),
      digitalOceanModuleBundle(),
      dockerModuleBundle(),
      googleModuleBundle(),
      kubernetesModuleBundle(),
    ]));
  });

  it("finds the modules' expressions, including the long one-line ones cdktf writes", () => {
    const longest = Math.max(...samples.map((s) => s.expression.length));
    const longestAfter = Math.max(...samples.flatMap((s) => `  x = ${s.formatted}`.split("\n").map((l) => l.length)));
    console.log(
      `${samples.length} distinct expressions (${occurrences} interpolations); longest line ${longest + 6} columns before, ${longestAfter} after`,
    );
    expect(samples.length).toBeGreaterThan(300);
    expect(longest).toBeGreaterThan(1000);
  });

  it("keeps each expression's meaning and is idempotent, at both widths", () => {
    const changed = samples
      .filter((s) => [s.formatted, s.narrow].some((f) => canonicalExpression(f) !== canonicalExpression(s.expression)))
      .map((s) => s.where);
    expect(changed).toEqual([]);
    const unstable = samples
      .filter(
        (s) =>
          formatExpression(s.formatted, OPTIONS) !== s.formatted || formatExpression(s.narrow, NARROW) !== s.narrow,
      )
      .map((s) => s.where);
    expect(unstable).toEqual([]);
    expect(samples.filter((s) => s.narrow !== s.formatted).length).toBeGreaterThan(samples.length / 4);
  });

  it("keeps each expression's meaning and is idempotent at other widths and indents", () => {
    const failures: string[] = [];
    for (const s of samples) {
      const canonical = canonicalExpression(s.expression);
      for (const [i, width] of SWEEP.entries()) {
        const options = { indent: 2 * (i % 3), width, column: 2 * (i % 3) + 4 };
        const out = formatExpression(s.expression, options);
        if (canonicalExpression(out) !== canonical || formatExpression(out, options) !== out)
          failures.push(`${s.where} at ${width}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("writes attributes HCL parses (hcl2json), one per layout", async () => {
    const text = layouts()
      .map((layout, i) => `x_${i} = ${layout}\n`)
      .join("");
    let parsed: Record<string, unknown>;
    try {
      parsed = await parse("x.tf", text);
    } catch (error) {
      const failing: string[] = [];
      for (const layout of layouts()) await parse("x.tf", `x = ${layout}\n`).catch(() => failing.push(`x = ${layout}`));
      throw new Error(`${(error as Error).message}\n${failing.join("\n")}`, { cause: error });
    }
    expect(Object.keys(parsed)).toHaveLength(layouts().length);
  });

  it("is left as it is by terraform fmt (hclwrite), at both widths", async () => {
    const blocks = layouts().map(block);
    const text = blocks.join("\n");
    const formatted = await format(text);
    if (formatted !== text) {
      const after = formatted.split("\n\n").map((b) => `${b.replace(/\n+$/, "")}\n`);
      expect(blocks.filter((b, i) => after[i] !== b).slice(0, 3)).toEqual([]);
    }
    expect(formatted).toBe(text);
  });

  it("keeps every line that can be broken within the width, and says why the others cannot", () => {
    const overWide = samples.flatMap((s) =>
      `  x = ${s.formatted}`
        .split("\n")
        .filter((l) => l.length > WIDTH)
        .map((l) => ({ where: s.where, line: l, reason: unbreakableReason(l) })),
    );
    const reasons = new Map<string, number>();
    for (const { reason } of overWide) {
      const kind = (reason ?? "BREAKABLE").replace(/ of \d+ characters/, "");
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    console.log(
      `${overWide.length} lines over ${WIDTH} columns that cannot be broken: ${JSON.stringify(Object.fromEntries(reasons))}`,
    );
    expect(overWide.filter((o) => o.reason === undefined).map((o) => `${o.where}: ${o.line}`)).toEqual([]);
  });
});
