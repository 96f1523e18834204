/** checkExample: the HCL examples shipped with each module parse and call the module correctly. */
import { normalizeHclJson, parseHcl } from "../support/hcl";
import { checkExample, type TerraformJson } from "../support/structure";
import { renderDigitalOceanModule } from "../support/synth";

/** A module root with one required and one optional variable and two outputs (one sensitive). */
function rootModule(): TerraformJson {
  return {
    variable: {
      region: { type: "string", description: "Region." },
      name: { type: "string", description: "Name.", default: "mathesar" },
    },
    output: {
      url: { value: "https://example.org/", description: "URL." },
      admin_password: { value: "${random_password.this.result}", description: "Password.", sensitive: true },
    },
  };
}

const example = (moduleBody: string, rest = "") => `
terraform {
  required_version = ">= 1.9"
}

provider "digitalocean" {}

variable "region" {
  type    = string
  default = "nyc3"
}

module "mathesar" {
  source = "../.."
${moduleBody}
}

output "url" {
  value = module.mathesar.url
}

output "admin_password" {
  value     = module.mathesar.admin_password
  sensitive = true
}
${rest}`;

describe("parseHcl", () => {
  test("turns hcl2json's block arrays into Terraform JSON shape", async () => {
    const parsed = await parseHcl("main.tf", example('  region = var.region\n  tags = { a = "b" }'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.json.module.mathesar).toEqual({ source: "../..", region: "${var.region}", tags: { a: "b" } });
    expect(parsed.json.terraform).toEqual({ required_version: ">= 1.9" });
    expect(parsed.json.variable.region.type).toBe("${string}");
  });

  test("unwraps required_providers and backend blocks", async () => {
    const parsed = await parseHcl(
      "main.tf",
      'terraform {\n  backend "local" {\n    path = "state/x.tfstate"\n  }\n  required_providers {\n    ' +
        'random = {\n      source  = "hashicorp/random"\n      version = "3.7.2"\n    }\n  }\n}\n',
    );
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.json.terraform).toEqual({
      backend: { local: { path: "state/x.tfstate" } },
      required_providers: { random: { source: "hashicorp/random", version: "3.7.2" } },
    });
  });

  test("reports a syntax error with file and line", async () => {
    const parsed = await parseHcl("main.tf", 'module "m" {\n  source = \n}\n');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.error).toMatch(/main\.tf:2,/);
  });

  test("reports duplicate blocks", () => {
    const problems: string[] = [];
    normalizeHclJson(
      { module: { m: [{ source: "a" }, { source: "b" }] }, locals: [{ a: 1 }, { a: 2 }] },
      "main.tf",
      problems,
    );
    expect(problems).toEqual(["main.tf: module.m is declared 2 times", "main.tf: local.a is declared twice"]);
  });
});

describe("checkExample on hand-written examples", () => {
  test("a correct example", async () => {
    expect(await checkExample(example("  region = var.region"), rootModule())).toEqual([]);
  });

  test("broken HCL", async () => {
    const problems = await checkExample(example('  region = "nyc3'), rootModule());
    expect(problems).toEqual([expect.stringMatching(/^main\.tf: HCL does not parse: .*main\.tf:\d+/)]);
  });

  test("passing a variable the module does not declare", async () => {
    expect(await checkExample(example("  region = var.region\n  regoin = var.region"), rootModule())).toEqual([
      'main.tf: module.mathesar.regoin: module "mathesar" has no variable "regoin"',
    ]);
  });

  test("not passing a required variable", async () => {
    expect(await checkExample(example('  name = "x"'), rootModule())).toEqual([
      'main.tf: module.mathesar: required variable "region" of module "mathesar" is not passed',
    ]);
  });

  test("reading an output the module does not declare", async () => {
    expect(
      await checkExample(
        example("  region = var.region", 'output "logs" {\n  value = module.mathesar.logs\n}\n'),
        rootModule(),
      ),
    ).toEqual([
      'main.tf: output.logs.value: module.mathesar.logs names no output of module "mathesar" (it has url, admin_password)',
    ]);
  });

  test("passing on a sensitive output without sensitive = true", async () => {
    const text = example("  region = var.region").replace("  sensitive = true\n", "");
    expect(await checkExample(text, rootModule())).toEqual([
      "main.tf: output.admin_password: must be sensitive: module.mathesar.admin_password is sensitive",
    ]);
  });

  test("an undeclared variable in the example itself", async () => {
    expect(await checkExample(example("  region = var.location"), rootModule())).toEqual([
      'main.tf: module.mathesar.region: var.location refers to undeclared variable "location"',
    ]);
  });

  test("an example that does not use the module", async () => {
    const text = example("  region = var.region").replace('source = "../.."', 'source = "../../modules/app"');
    expect(await checkExample(text, rootModule())).toEqual([
      expect.stringMatching(/no module block has source = "\.\.\/\.\."/),
    ]);
  });
});

describe("checkExample on the examples of dist/terraform-digitalocean-mathesar", () => {
  const rendered = renderDigitalOceanModule();
  const folders = Object.keys(rendered.examples).sort();

  test("there are examples", () => {
    expect(folders).toEqual(
      expect.arrayContaining(["examples/minimal", "examples/complete", "examples/existing-database"]),
    );
  });

  for (const folder of folders) {
    test(folder, async () => {
      expect(await checkExample(rendered.examples[folder], rendered.modules[""], `${folder}/main.tf`)).toEqual([]);
    });
  }
});
