/**
 * The usage block at the top of a module README: a root configuration a reader pastes as it is. The module
 * comes from its registry address at this release's version constraint, every required input has a value
 * (from readme-examples.ts, from the input's validation, or a sensitive variable of the reader's), and the
 * lines are aligned as `terraform fmt` aligns them.
 */
import { literalString } from "./hcl/strings";
import type { Json } from "./module-json";
import { type ModuleTarget, moduleVersionConstraint, registryModuleSource } from "../../modules/project";
import { USAGE_EXAMPLES } from "./readme-examples";
import { isRequired, requiredProviders } from "./readme-tables";

type Block = Record<string, Json>;

/** Which module a usage block is for. */
export interface UsageTarget {
  /** The target whose registry address the block uses. */
  readonly target: ModuleTarget;
  /** A submodule's folder under `modules/`. @default the root module */
  readonly submodule?: string;
}

/** The module block's label: `mathesar` for the root, the folder's name as an identifier for a submodule. */
export function usageModuleName(usage: UsageTarget): string {
  return usage.submodule ? usage.submodule.replace(/-/g, "_") : "mathesar";
}

/** The `source` a reader writes: the registry address, and `//modules/<folder>` for a submodule. */
export function usageSource(usage: UsageTarget): string {
  const root = registryModuleSource(usage.target);
  return usage.submodule ? `${root}//modules/${usage.submodule}` : root;
}


/** The validation conditions of a variable, without the `${…}` JSON syntax wraps them in. */
function conditions(variable: Block): string[] {
  const rules = Array.isArray(variable.validation) ? (variable.validation as Block[]) : [];
  return rules
    .map((rule) => (typeof rule.condition === "string" ? rule.condition : ""))
    .map((condition) => condition.replace(/^\$\{([\s\S]*)\}$/, "$1"));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * An example value a variable's own rules give: the first value a `contains([...], var.x)` allows, the lower
 * bound of `var.x >= n`, or `false` for a bool. Undefined when the rules say nothing usable.
 */
export function derivedExample(name: string, variable: Block): string | undefined {
  const self = `var\\.${escapeRegExp(name)}\\b`;
  for (const condition of conditions(variable)) {
    const allowed = new RegExp(`contains\\(\\s*(\\[[^\\]]*\\])\\s*,\\s*${self}\\s*\\)`).exec(condition);
    if (allowed) {
      try {
        const values = JSON.parse(allowed[1]) as Json[];
        if (values.length > 0 && typeof values[0] === "string") return literalString(values[0]);
        if (values.length > 0 && typeof values[0] === "number") return String(values[0]);
      } catch {
        // Not a list of plain literals: no example from this rule.
      }
    }
    const lower = new RegExp(`${self}\\s*>=\\s*(-?\\d+(?:\\.\\d+)?)`).exec(condition);
    if (lower) return lower[1];
  }
  return variable.type === "bool" ? "false" : undefined;
}

/** One `name = value` line (or a multi-line value) of a block body, with an optional trailing comment. */
interface Argument {
  readonly name: string;
  /** An HCL expression; it may span lines (their indentation relative to the argument). */
  readonly value: string;
  /** Written after the value as `# comment`. @default none */
  readonly comment?: string;
}

/**
 * A block body's arguments at `indent`, aligned as `terraform fmt` aligns them: the `=` of consecutive
 * one-line arguments line up, and so do their trailing comments; an argument with a multi-line value is
 * aligned with neither neighbour. A value's own comment (`value # why`) is kept as written.
 */
export function alignedArguments(args: readonly Argument[], indent = 2): string[] {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  let run: Argument[] = [];
  const flush = () => {
    const width = Math.max(...run.map((a) => a.name.length));
    const texts = run.map((a) => `${a.name.padEnd(width)} = ${a.value}`);
    const commented = run.map((a, i) => (a.comment ? texts[i].length : 0));
    const commentAt = Math.max(...commented);
    run.forEach((a, i) => lines.push(`${pad}${a.comment ? `${texts[i].padEnd(commentAt)} # ${a.comment}` : texts[i]}`));
    run = [];
  };
  for (const arg of args) {
    if (!arg.value.includes("\n")) {
      run.push(arg);
      continue;
    }
    // A multi-line value stands alone: fmt aligns it with neither the run above nor the one below.
    if (run.length > 0) flush();
    const [first, ...rest] = arg.value.split("\n");
    run.push({ name: arg.name, value: first, comment: arg.comment });
    flush();
    for (const line of rest) lines.push(`${pad}${line}`);
  }
  if (run.length > 0) flush();
  return lines;
}

/** A `terraform` block with the module's requirements (a root `provider "x"` block needs the real source). */
function terraformBlock(config: Record<string, Json>): string {
  const terraform = (config.terraform ?? {}) as Block;
  const providers = requiredProviders(config);
  const lines = ["terraform {"];
  if (typeof terraform.required_version === "string")
    lines.push(`  required_version = ${literalString(terraform.required_version)}`);
  lines.push("  required_providers {");
  for (const name of Object.keys(providers).sort()) {
    const { source, version } = providers[name];
    const args: Argument[] = [{ name: "source", value: literalString(source ?? `hashicorp/${name}`) }];
    if (version) args.push({ name: "version", value: literalString(version) });
    lines.push(`    ${name} = {`, ...alignedArguments(args, 6), "    }");
  }
  lines.push("  }", "}");
  return lines.join("\n");
}

/** The error a required input without an example value stops the README with. */
function missingExample(usage: UsageTarget, names: string[]): Error {
  const where = usage.submodule ? `modules/${usage.submodule} of ${usage.target}` : `the ${usage.target} root module`;
  return new Error(
    `Usage block of ${where}: required input(s) ${names.map((n) => `"${n}"`).join(", ")} have no example value. ` +
      "Add one to USAGE_EXAMPLES in stacks/dist/readme-examples.ts (an HCL expression), or give the variable " +
      "a validation the example can be derived from (contains([...], var.x), var.x >= n).",
  );
}

/** The usage block's HCL (without the Markdown fence). */
export function usageHcl(config: Record<string, Json>, usage: UsageTarget): string {
  const examples = USAGE_EXAMPLES[usage.target];
  const variables = (config.variable ?? {}) as Record<string, Block>;
  const outputs = (config.output ?? {}) as Record<string, Block>;
  const own = (usage.submodule && examples.moduleValues?.[usage.submodule]) || {};
  const required = Object.keys(variables)
    .filter((name) => isRequired(variables[name]))
    .sort();
  const shown = usage.submodule ? required : [...required, ...(examples.rootOptional ?? []).filter((n) => !required.includes(n))];

  const readerVariables: string[] = [];
  const missing: string[] = [];
  const args: Argument[] = [];
  for (const name of shown) {
    const variable = variables[name];
    if (!variable) throw new Error(`Usage block of ${usage.target}: rootOptional names "${name}", which is not an input.`);
    let value: string | undefined = own[name] ?? examples.values[name];
    if (value === undefined && variable.sensitive === true) {
      // A secret is the reader's: it comes in through a sensitive variable of theirs, never as a literal.
      readerVariables.push(name);
      value = `var.${name}`;
    }
    value ??= derivedExample(name, variable);
    if (value === undefined) missing.push(name);
    else args.push({ name, value, comment: usage.submodule ? undefined : examples.comments?.[name] });
  }
  if (missing.length > 0) throw missingExample(usage, missing);

  const parts: string[] = [];
  if (!usage.submodule) {
    const needsSources = Object.values(requiredProviders(config)).some((p) => !(p.source ?? "hashicorp/").startsWith("hashicorp/"));
    if (needsSources) parts.push(terraformBlock(config));
    parts.push(examples.providers);
  }
  for (const name of readerVariables) {
    const type = typeof variables[name].type === "string" ? (variables[name].type as string) : "string";
    parts.push(`variable "${name}" {\n${alignedArguments([{ name: "type", value: type }, { name: "sensitive", value: "true" }]).join("\n")}\n}`);
  }
  const header = alignedArguments([
    { name: "source", value: literalString(usageSource(usage)) },
    { name: "version", value: literalString(moduleVersionConstraint()) },
  ]);
  const body = args.length > 0 ? ["", ...alignedArguments(args)] : [];
  parts.push([`module "${usageModuleName(usage)}" {`, ...header, ...body, "}"].join("\n"));

  if (!usage.submodule) {
    const outputLines = Object.entries(examples.rootOutputs).map(([name, from]) => {
      const output = outputs[from];
      if (!output) throw new Error(`Usage block of ${usage.target}: rootOutputs names "${from}", which is not an output.`);
      const value = `module.${usageModuleName(usage)}.${from}`;
      if (output.sensitive !== true) return `output "${name}" { value = ${value} }`;
      const lines = alignedArguments([{ name: "value", value }, { name: "sensitive", value: "true" }]);
      return `output "${name}" {\n${lines.join("\n")}\n}`;
    });
    if (outputLines.length > 0) parts.push(outputLines.join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}

/** The `## Usage` section: the block in an `hcl` fence, and for a submodule where it fits. */
export function usageSection(config: Record<string, Json>, usage: UsageTarget): string {
  const intro = usage.submodule
    ? "This submodule is one block of the root module, which wires it to the others. Call it yourself to bring " +
      "your own pieces; the values below are examples of what each required input takes.\n\n"
    : "";
  return `## Usage\n\n${intro}\`\`\`hcl\n${usageHcl(config, usage)}\`\`\`\n`;
}
