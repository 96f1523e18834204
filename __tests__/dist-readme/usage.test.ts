/**
 * The usage block at the top of every module README, taken out of the README as a reader copies it: it parses
 * as HCL, calls the module from its registry address at this release's constraint, sets every required input
 * and nothing the module does not take, and is `terraform fmt`-clean. Then Terraform itself runs it: against
 * a module holding exactly the real module's variables and outputs (every target, no provider needed), where
 * `plan` checks each value's type and validation rules and the outputs' sensitivity; and, where the
 * hashicorp/aws provider mirror is, against the real AWS modules with `terraform validate`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { moduleVersionConstraint, registryModuleSource } from "../../modules/project";
import { moduleConfig, type Json } from "../../stacks/dist/module-json";
import { moduleReadme } from "../../stacks/dist/readme";
import { derivedExample, usageHcl } from "../../stacks/dist/readme-usage";
import { parseHcl } from "../support/hcl";
import { TerraformWorkspace, awsProviderMirror } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";
import { BUNDLES, type ReadmeCase, readmeCases } from "./readmes";

type Block = Record<string, Json>;

/** The first `hcl` block under `## Usage`, as a reader copies it. */
function usageBlock(readme: string): string {
  const match = /^## Usage\n[\s\S]*?^```hcl\n([\s\S]*?)^```$/m.exec(readme);
  if (!match) throw new Error("no hcl block under ## Usage");
  return match[1];
}

const CASES = readmeCases().map((c) => [c.label, c] as [string, ReadmeCase]);
const variablesOf = (c: ReadmeCase) => (c.config.variable ?? {}) as Record<string, Block>;
const outputsOf = (c: ReadmeCase) => (c.config.output ?? {}) as Record<string, Block>;
const moduleName = (c: ReadmeCase) => (c.submodule ? c.submodule.replace(/-/g, "_") : "mathesar");

describe("the usage block of each module README", () => {
  test.each(CASES)("%s: comes first after the description, before the hand-written body", (_label, c) => {
    const headings = [...c.readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings[0]).toBe("Usage");
    if (c.body) expect(c.readme.indexOf(c.body.trim())).toBeGreaterThan(c.readme.indexOf("## Usage"));
  });

  test.each(CASES)(
    "%s: parses, and calls the module from the registry with every required input",
    async (_label, c) => {
      const parsed = await parseHcl("usage.tf", usageBlock(c.readme));
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.problems).toEqual([]);
      const modules = parsed.json.module as Record<string, Block>;
      expect(Object.keys(modules)).toEqual([moduleName(c)]);
      const { source, version, ...inputs } = modules[moduleName(c)];
      const registry = registryModuleSource(c.target);
      expect(source).toBe(c.submodule ? `${registry}//modules/${c.submodule}` : registry);
      expect(version).toBe(moduleVersionConstraint());
      const variables = variablesOf(c);
      const unknown = Object.keys(inputs).filter((name) => !(name in variables));
      const missing = Object.keys(variables).filter((name) => !("default" in variables[name]) && !(name in inputs));
      expect({ unknown, missing }).toEqual({ unknown: [], missing: [] });
      // No value is a placeholder a reader must notice and replace.
      expect(JSON.stringify(inputs)).not.toMatch(/<[a-z ]+>|\.\.\.|TODO|CHANGE|REPLACE/i);
    },
  );

  test.each(CASES)("%s: outputs it passes on exist, and a sensitive one is marked so", async (_label, c) => {
    const parsed = await parseHcl("usage.tf", usageBlock(c.readme));
    if (!parsed.ok) throw new Error(parsed.error);
    const outputs = (parsed.json.output ?? {}) as Record<string, Block>;
    if (c.submodule) expect(outputs).toEqual({});
    else expect(Object.keys(outputs).length).toBeGreaterThan(0);
    for (const [name, output] of Object.entries(outputs)) {
      const from = /^\$\{module\.mathesar\.([a-z0-9_]+)\}$/.exec(String(output.value))?.[1];
      expect({ name, from: from && from in outputsOf(c) }).toEqual({ name, from: true });
      expect({ name, sensitive: output.sensitive === true }).toEqual({
        name,
        sensitive: outputsOf(c)[from!].sensitive === true,
      });
    }
  });

  test.each(CASES)(
    "%s: is the README's only call of the module (the body repeats none, with no stand-in source)",
    (_l, c) => {
      const calls = [...c.readme.matchAll(/^```hcl\n([\s\S]*?)^```$/gm)].filter((m) => /^module "/m.test(m[1]));
      expect(calls).toHaveLength(1);
      expect(c.readme).not.toMatch(/<path or git URL>|source\s*=\s*"\.\.?\//);
    },
  );

  test("a root module whose providers are not hashicorp's declares their sources (else init asks for hashicorp/<name>)", () => {
    for (const c of readmeCases().filter((r) => !r.submodule)) {
      const providers = ((c.config.terraform as Block).required_providers ?? {}) as Record<string, { source: string }>;
      const foreign = Object.entries(providers).filter(([, p]) => !p.source.startsWith("hashicorp/"));
      const block = usageBlock(c.readme);
      for (const [name, p] of foreign)
        expect({
          target: c.target,
          declared: new RegExp(`${name}\\s*=\\s*\\{\\s*source\\s*=\\s*"${p.source}"`).test(block),
        }).toEqual({
          target: c.target,
          declared: true,
        });
      if (foreign.length === 0) expect(block).not.toContain("required_providers");
    }
  });
});

describe("example values the rules give", () => {
  const rule = (condition: string) => ({
    type: "string",
    validation: [{ condition: `\${${condition}}`, error_message: "no" }],
  });

  test("the first value contains() allows, the lower bound of a range, false for a bool", () => {
    expect(derivedExample("mode", rule('contains(["disable", "require"], var.mode)'))).toBe('"disable"');
    expect(derivedExample("port", rule("var.port >= 1 && var.port <= 65535"))).toBe("1");
    expect(derivedExample("publish", { type: "bool" })).toBe("false");
  });

  test("nothing from a pattern, another variable's rule, or no rule", () => {
    expect(derivedExample("zone", rule('can(regex("^[a-z]+$", var.zone))'))).toBeUndefined();
    expect(derivedExample("mode", rule('contains(["a"], var.mode_other)'))).toBeUndefined();
    expect(derivedExample("size", { type: "number" })).toBeUndefined();
  });

  test("a required input with no example stops the README with its name and where to add one", () => {
    const config = { terraform: {}, variable: { vpc_uuid: { type: "string" }, ok: { type: "bool" } } };
    expect(() => usageHcl(config, { target: "digitalocean", submodule: "network" })).toThrow(
      /modules\/network of digitalocean: required input\(s\) "vpc_uuid" have no example value\. Add one to USAGE_EXAMPLES in stacks\/dist\/readme-examples\.ts/,
    );
  });

  test("a required sensitive input comes from a sensitive variable of the reader's, never a literal", async () => {
    const config = { terraform: {}, variable: { token: { type: "string", sensitive: true } } };
    const parsed = await parseHcl("usage.tf", usageHcl(config, { target: "docker", submodule: "app" }));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.json.variable).toEqual({ token: { type: "${string}", sensitive: true } });
    expect((parsed.json.module as Record<string, Block>).app.token).toBe("${var.token}");
  });

  test("without a target the README has no usage block (and the rest is unchanged)", () => {
    const c = readmeCases().find((r) => r.submodule === "network" && r.target === "aws")!;
    const without = moduleReadme({ title: "t", description: "d" }, c.config);
    expect(without).not.toContain("## Usage");
    expect(without).toContain("## Inputs");
  });
});

/** Runs terraform in `dir` without any network: the configurations below need no provider. */
function terraform(dir: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync("terraform", [...args, "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_CLI_CONFIG_FILE: path.join(dir, ".terraformrc"),
    },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describeWithTool("terraform", hasTool("terraform", ["version"]), "usage blocks through Terraform", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-readme-usage-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test.each(CASES)("%s: terraform fmt leaves it as it is", (label, c) => {
    const dir = path.join(scratch, `fmt-${label.replace(/\//g, "-")}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, ".terraformrc"), "");
    fs.writeFileSync(path.join(dir, "usage.tf"), usageBlock(c.readme));
    const fmt = terraform(dir, ["fmt", "-check", "-diff", "usage.tf"]);
    expect(fmt.output).toBe("");
    expect(fmt.ok).toBe(true);
  });

  test.each(CASES)(
    "%s: plan accepts every value against the module's own variables, types and rules",
    async (label, c) => {
      const dir = path.join(scratch, `plan-${label.replace(/\//g, "-")}`);
      fs.mkdirSync(path.join(dir, "module"), { recursive: true });
      fs.writeFileSync(path.join(dir, ".terraformrc"), "");
      // The module as a caller sees it: its variables verbatim, its outputs with their sensitivity (and no value).
      const outputs = Object.fromEntries(
        Object.entries(outputsOf(c)).map(([name, o]) => [
          name,
          { value: null, ...(o.sensitive ? { sensitive: true } : {}) },
        ]),
      );
      const stub: Record<string, Json> = { output: outputs };
      if (Object.keys(variablesOf(c)).length > 0) stub.variable = variablesOf(c);
      fs.writeFileSync(path.join(dir, "module", "main.tf.json"), JSON.stringify(stub, null, 2));
      // The reader's configuration without providers (the stub needs none): modules point at the stub.
      const parsed = await parseHcl("usage.tf", usageBlock(c.readme));
      if (!parsed.ok) throw new Error(parsed.error);
      const root: Record<string, Json> = {};
      for (const kind of ["variable", "module", "output"]) if (parsed.json[kind]) root[kind] = parsed.json[kind];
      for (const call of Object.values(root.module as Record<string, Block>)) {
        call.source = "./module";
        delete call.version;
      }
      // hcl2json wraps a variable's type in ${}; Terraform's JSON syntax takes the bare type expression.
      for (const variable of Object.values((root.variable ?? {}) as Record<string, Block>))
        variable.type = String(variable.type).replace(/^\$\{(.*)\}$/, "$1");
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(root, null, 2));
      const init = terraform(dir, ["init", "-backend=false", "-input=false"]);
      expect(init.output).toContain("Terraform has been successfully initialized");
      const vars = Object.keys((root.variable ?? {}) as Block).flatMap((name) => [
        "-var",
        `${name}=example-${name}-value`,
      ]);
      const plan = terraform(dir, ["plan", "-input=false", "-lock=false", ...vars]);
      expect(plan.output.match(/^Error: .*$/gm) ?? []).toEqual([]);
      expect(plan.ok).toBe(true);
    },
  );

  test("plan refuses a value the module's rules refuse (the stub enforces the real validations)", async () => {
    const c = readmeCases().find((r) => r.target === "google" && !r.submodule)!;
    const dir = path.join(scratch, "plan-refused");
    fs.mkdirSync(path.join(dir, "module"), { recursive: true });
    fs.writeFileSync(path.join(dir, ".terraformrc"), "");
    fs.writeFileSync(path.join(dir, "module", "main.tf.json"), JSON.stringify({ variable: variablesOf(c) }));
    const call = { source: "./module", project: "Not_A_Project", domain_name: "data.example.org" };
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ module: { mathesar: call } }));
    terraform(dir, ["init", "-backend=false", "-input=false"]);
    const plan = terraform(dir, ["plan", "-input=false", "-lock=false"]);
    expect(plan.ok).toBe(false);
    expect(plan.output).toContain("Invalid value for variable");
  });
});

const mirror = awsProviderMirror();

describeWithTool(
  "terraform with the hashicorp/aws provider mirror",
  hasTool("terraform", ["version"]) && mirror !== undefined,
  "AWS usage blocks validated against the real modules",
  () => {
    const bundle = BUNDLES.aws();
    const workspace = mirror ? new TerraformWorkspace(mirror, "readme-usage") : undefined;
    beforeAll(() => {
      // The module as published, one JSON file per folder (what cdktf synthesizes, which the published files mean).
      workspace!.write("module/main.tf.json", JSON.stringify(moduleConfig(bundle.root)));
      for (const [dir, stack] of Object.entries(bundle.submodules))
        workspace!.write(`module/modules/${dir}/main.tf.json`, JSON.stringify(moduleConfig(stack)));
    });
    afterAll(() => workspace?.dispose());

    // All of them in one configuration, one file each (errors name the file): one provider schema load, not six.
    test("every AWS usage block (root and submodules): init and validate", () => {
      for (const c of readmeCases().filter((r) => r.target === "aws")) {
        const local = c.submodule ? `../module/modules/${c.submodule}` : "../module";
        const hcl = usageBlock(c.readme)
          .replace(/^(\s*source\s*=\s*)"[^"]*"/m, `$1"${local}"`)
          .replace(/^\s*version\s*=\s*"~>[^"]*"\n/m, "");
        workspace!.write(`usage/${c.label.replace(/\//g, "-")}.tf`, hcl);
      }
      const init = workspace!.run(["init", "-backend=false", "-input=false"], "usage");
      expect(init.output).toContain("Terraform has been successfully initialized");
      const validate = workspace!.run(["validate"], "usage");
      expect(validate.output).toContain("The configuration is valid");
    });
  },
);
