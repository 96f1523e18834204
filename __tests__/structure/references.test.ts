/** checkReferences: every reference resolves to something declared in the same configuration. */
import { checkReferences, referencesInExpression, referencesInTemplate } from "../support/structure";
import { renderDigitalOceanModule, synthDigitalOcean } from "../support/synth";
import { copy, validModule } from "./fixtures";

const texts = (template: string, scope: string[] = []) => referencesInTemplate(template, scope).map((r) => r.text);

describe("reference extraction", () => {
  test("finds variables, locals, modules, resources and data sources", () => {
    expect(texts("${var.a}-${local.b}/${module.c.d}:${aws_vpc.main.id} ${data.aws_ami.ubuntu.id}")).toEqual([
      "var.a",
      "local.b",
      "module.c.d",
      "aws_vpc.main.id",
      "data.aws_ami.ubuntu.id",
    ]);
  });

  test("reads splats and indexes, and references inside an index", () => {
    const refs = referencesInTemplate("${one(module.database[*].cluster_id)} ${var.m[local.k].x} ${aws_x.y[0].id}");
    expect(refs.map((r) => [r.kind, r.text, r.names])).toEqual([
      ["module", "module.database[*].cluster_id", ["database", "cluster_id"]],
      ["var", "var.m[…].x", ["m", "x"]],
      ["local", "local.k", ["k"]],
      ["resource", "aws_x.y[…].id", ["y", "id"]],
    ]);
  });

  test("escaped $${...} (App Platform bindings) and %%{ are literal text, also inside string literals", () => {
    expect(texts("$${APP_DOMAIN}")).toEqual([]);
    expect(texts("%%{ if x }")).toEqual([]);
    expect(texts('${(var.domain_name == null) ? "" : "${var.domain_name},"}$${APP_DOMAIN}')).toEqual([
      "var.domain_name",
      "var.domain_name",
    ]);
    expect(texts('${"$${NOT_A_REF}"}')).toEqual([]);
  });

  test("for-expression variables are local names; the collection is a reference", () => {
    expect(texts('${[for key, value in var.tags : "${key}:${value}"]}')).toEqual(["var.tags"]);
    expect(texts("${{ for k, v in var.m : k => v.id if v != null }}")).toEqual(["var.m"]);
    // Outside its brackets the name is not in scope any more.
    expect(texts("${[for x in var.l : x]}${x.y}")).toEqual(["var.l", "x.y"]);
  });

  test("template for directives scope their variables until endfor", () => {
    expect(texts("%{ for s in var.list ~}${s}%{ endfor }${s.t}")).toEqual(["var.list", "s.t"]);
    expect(texts("%{ if var.on }on%{ else }off%{ endif }")).toEqual(["var.on"]);
  });

  test("function names, object keys and keywords are not references; conditional branches are", () => {
    expect(texts('${lookup({ small = "a", medium = 2 }, var.size)}')).toEqual(["var.size"]);
    expect(texts("${{ a = var.x ? local.y : local.z, b: true }}")).toEqual(["var.x", "local.y", "local.z"]);
    expect(texts("${provider::time::rfc3339_parse(var.t)} ${null == false}")).toEqual(["var.t"]);
  });

  test("each, count, self, path and terraform are meta references; scope names are skipped", () => {
    const refs = referencesInTemplate(
      "${each.value} ${count.index} ${self.input.protected} ${path.module} ${terraform.workspace}",
    );
    expect(refs.map((r) => r.kind)).toEqual(["meta", "meta", "meta", "meta", "meta"]);
    expect(texts("${setting.value}", ["setting"])).toEqual([]);
  });

  test("quoted strings with escaped quotes inside expressions", () => {
    expect(texts('${self.input.protected ? "echo \\"no ${var.x}\\" && exit 1" : "exit 0"}')).toEqual([
      "self.input.protected",
      "var.x",
    ]);
  });

  test("a lone name is reported as bare", () => {
    expect(referencesInTemplate("${foo}").map((r) => r.kind)).toEqual(["bare"]);
  });

  test("bare expressions (depends_on) are read without ${}", () => {
    expect(referencesInExpression("digitalocean_database_cluster.this").map((r) => r.text)).toEqual([
      "digitalocean_database_cluster.this",
    ]);
    expect(referencesInExpression("${module.m}").map((r) => r.text)).toEqual(["module.m"]);
  });

  test("malformed expressions throw", () => {
    expect(() => referencesInTemplate("${var.a")).toThrow(/unterminated/);
    expect(() => referencesInTemplate('${"abc}')).toThrow(/unterminated/);
    expect(() => referencesInTemplate("${(var.a}")).toThrow();
    expect(() => referencesInTemplate("%{ endfor }")).toThrow(/endfor/);
  });
});

describe("checkReferences on hand-written fixtures", () => {
  test("the valid fixture has no problems", () => {
    expect(checkReferences(validModule())).toEqual([]);
  });

  test("an undeclared variable", () => {
    const config = validModule();
    config.output.prefix.value = "${var.nmae}";
    expect(checkReferences(config)).toEqual(['output.prefix.value: var.nmae refers to undeclared variable "nmae"']);
  });

  test("an undeclared local, module, resource and data source", () => {
    const config = validModule();
    config.locals.other = "${local.missing} ${module.gone.x} ${random_password.that.result} ${data.x_y.z.id}";
    expect(checkReferences(config)).toEqual([
      'local.other: local.missing refers to undeclared local value "missing"',
      'local.other: module.gone.x refers to undeclared module "gone"',
      "local.other: random_password.that.result refers to undeclared resource random_password.that",
      "local.other: data.x_y.z.id refers to undeclared data source data.x_y.z",
    ]);
  });

  test("references inside validation conditions and error messages are checked", () => {
    const config = validModule();
    config.variable.name.validation[0].condition = "${length(var.label) >= 2}";
    expect(checkReferences(config)).toEqual([
      'variable.name.validation[0].condition: var.label refers to undeclared variable "label"',
    ]);
  });

  test("depends_on and replace_triggered_by entries must resolve (bare references)", () => {
    const config = validModule();
    config.resource.terraform_data.guard.depends_on = ["random_password.other"];
    config.resource.terraform_data.guard.lifecycle.replace_triggered_by = ["var.name"];
    expect(checkReferences(config)).toEqual([
      "resource.terraform_data.guard.depends_on[0]: random_password.other refers to undeclared resource random_password.other",
      "resource.terraform_data.guard.lifecycle.replace_triggered_by[0]: replace_triggered_by entry var.name must be a managed resource",
    ]);
  });

  test("a for-expression variable used outside its expression", () => {
    const config = validModule();
    config.resource.terraform_data.guard.input.tags = '${[for key, value in var.tags : "${key}:${value}"]} ${key}';
    expect(checkReferences(config)).toEqual([
      'resource.terraform_data.guard.input.tags: key uses "key", which is neither a reference nor a local name',
    ]);
  });

  test("a dynamic block's iterator is in scope only inside its content", () => {
    const config = validModule();
    config.resource.terraform_data.guard.dynamic = {
      setting: { for_each: "${var.tags}", content: { name: "${setting.key}", value: "${each.value}" } },
      other: { for_each: "${other.value}", iterator: "item", content: { name: "${item.key} ${other.key}" } },
    };
    expect(checkReferences(config)).toEqual([
      "resource.terraform_data.guard.dynamic.other.for_each: other.value refers to undeclared resource other.value",
      "resource.terraform_data.guard.dynamic.other.content.name: other.key refers to undeclared resource other.key",
    ]);
  });

  test("an expression that does not parse", () => {
    const config = copy(validModule());
    config.output.prefix.value = "${local.prefix";
    expect(checkReferences(config)).toEqual([
      expect.stringMatching(/^output\.prefix\.value: cannot parse .*unterminated/),
    ]);
  });
});

test("a depends_on or replace_triggered_by entry written as a template is a problem (Terraform refuses it in JSON)", () => {
  const config = copy(validModule());
  config.resource.terraform_data.guard.lifecycle.replace_triggered_by = ["${random_password.this}"];
  config.resource.terraform_data.guard.depends_on = ["${random_password.this}"];
  expect(checkReferences(config)).toEqual([
    'resource.terraform_data.guard.depends_on[0]: depends_on entry "${random_password.this}" must be a bare reference, not a "${...}" template',
    "resource.terraform_data.guard.lifecycle.replace_triggered_by[0]: replace_triggered_by entry " +
      '"${random_password.this}" must be a bare reference, not a "${...}" template',
  ]);
});

describe("checkReferences on the real outputs", () => {
  test("the deployable DigitalOcean stack with defaults", () => {
    expect(checkReferences(synthDigitalOcean())).toEqual([]);
  });

  test("the deployable DigitalOcean stack with a custom domain in a DigitalOcean zone", () => {
    expect(checkReferences(synthDigitalOcean({ domainName: "data.example.org", domainZone: "example.org" }))).toEqual(
      [],
    );
  });

  const rendered = renderDigitalOceanModule();
  const folders = Object.keys(rendered.modules).sort();

  test("the bundle has a root and submodules", () => {
    expect(folders).toEqual(
      expect.arrayContaining(["", "modules/app", "modules/database", "modules/network", "modules/secrets"]),
    );
  });

  for (const folder of folders) {
    test(`terraform-digitalocean-mathesar/${folder || "(root)"}`, () => {
      expect(checkReferences(rendered.modules[folder])).toEqual([]);
    });
  }
});
