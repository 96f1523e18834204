/** checkModuleCalls: a root module's calls match its submodules' variables and outputs. */
import * as fs from "fs";
import * as path from "path";
import { checkModuleCalls, type TerraformJson } from "../support/structure";
import { DIST, distModuleConfig, distModuleFolders, distModuleNames } from "../support/dist-modules";
import { renderDigitalOceanModule } from "../support/synth";

function child(): TerraformJson {
  return {
    variable: {
      name: { type: "string", description: "Name.", default: "x" },
      vpc_id: { type: "string", description: "VPC." },
      token: { type: "string", description: "Token.", default: null },
    },
    output: {
      id: { value: "${terraform_data.this.id}", description: "Id." },
      password: { value: "${random_password.this.result}", description: "Password.", sensitive: true },
    },
  };
}

function root(): TerraformJson {
  return {
    variable: { vpc_id: { type: "string", description: "VPC." } },
    module: {
      db: { source: "./modules/db", vpc_id: "${var.vpc_id}", count: "${var.vpc_id == null ? 0 : 1}" },
      app: {
        source: "./modules/db/",
        vpc_id: "${one(module.db[*].id)}",
        name: "app",
        depends_on: ["module.db"],
        providers: {},
      },
      registry: { source: "terraform-aws-modules/vpc/aws", version: "~> 5.0", anything: "goes" },
    },
    output: {
      id: { value: "${module.app.id}", description: "Id." },
      password: { value: "${module.app.password}", description: "Password.", sensitive: true },
    },
  };
}

const submodules = () => ({ "modules/db": child() });

describe("checkModuleCalls on hand-written fixtures", () => {
  test("a consistent root and submodule", () => {
    expect(checkModuleCalls(root(), submodules())).toEqual([]);
  });

  test("a local source with no submodule there", () => {
    const config = root();
    config.module.app.source = "./modules/dbb";
    expect(checkModuleCalls(config, submodules())).toEqual([
      'module.app.source: no submodule at "./modules/dbb" (have modules/db)',
    ]);
  });

  test("an argument the submodule does not declare", () => {
    const config = root();
    config.module.db.vpc = "${var.vpc_id}";
    expect(checkModuleCalls(config, submodules())).toEqual(['module.db.vpc: module "db" has no variable "vpc"']);
  });

  test("a required submodule variable that is not passed", () => {
    const config = root();
    delete config.module.app.vpc_id;
    expect(checkModuleCalls(config, submodules())).toEqual([
      'module.app: required variable "vpc_id" of module "app" is not passed',
    ]);
  });

  test("a variable with a null default is optional", () => {
    const config = root();
    expect(config.module.db.token).toBeUndefined();
    expect(checkModuleCalls(config, submodules())).toEqual([]);
  });

  test("references to outputs the submodule does not declare, with and without splat", () => {
    const config = root();
    config.output.id.value = "${module.app.ident}";
    config.module.app.vpc_id = "${one(module.db[*].vpc)}";
    expect(checkModuleCalls(config, submodules())).toEqual([
      'output.id.value: module.app.ident names no output of module "app" (it has id, password)',
      'module.app.vpc_id: module.db[*].vpc names no output of module "db" (it has id, password)',
    ]);
  });

  test("an argument that can be null passed to a non-nullable variable", () => {
    const config = root();
    const submodule = child();
    (submodule.variable.vpc_id as Record<string, unknown>).nullable = false;
    config.module.app.vpc_id = "${var.vpc_id == null ? null : var.vpc_id}";
    expect(checkModuleCalls(config, { "modules/db": submodule })).toEqual([
      'module.app.vpc_id: the argument can be null but variable "vpc_id" of module "app" is not nullable',
    ]);
    // A comparison with null is not a null value.
    config.module.app.vpc_id = '${var.vpc_id == null ? "a" : var.vpc_id}';
    expect(checkModuleCalls(config, { "modules/db": submodule })).toEqual([]);
    config.module.app.vpc_id = "${var.vpc_id != null ? var.vpc_id : null}";
    expect(checkModuleCalls(config, { "modules/db": submodule })).toHaveLength(1);
  });

  test("an output passing on a sensitive submodule output must be sensitive", () => {
    const config = root();
    delete config.output.password.sensitive;
    expect(checkModuleCalls(config, submodules())).toEqual([
      "output.password: must be sensitive: module.app.password is sensitive",
    ]);
  });
});

describe("checkModuleCalls on dist/terraform-digitalocean-mathesar", () => {
  const rendered = renderDigitalOceanModule();
  const submoduleFolders = Object.keys(rendered.modules).filter((folder) => folder.startsWith("modules/"));

  test("the root calls every submodule it ships", () => {
    const sources = Object.values(rendered.modules[""].module ?? {}).map((call) =>
      (call as { source: string }).source.replace(/^\.\//, ""),
    );
    expect(sources.sort()).toEqual(submoduleFolders.sort());
  });

  test("every call matches the submodule's variables and outputs", () => {
    expect(
      checkModuleCalls(rendered.modules[""], Object.fromEntries(submoduleFolders.map((f) => [f, rendered.modules[f]]))),
    ).toEqual([]);
  });
});

describe("checkModuleCalls on every committed dist/ module", () => {
  // Each module folder's configuration is the JSON its published files are rendered from (support/dist-modules.ts).
  const published = distModuleNames();

  test("every target publishes a root module, and dist/ holds it with the submodules the bundle renders", () => {
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const name of published) {
      expect([name, fs.readdirSync(path.join(DIST, name)).some((f) => /^main\.tf(\.json)?$/.test(f))]).toEqual([
        name,
        true,
      ]);
      const modulesDir = path.join(DIST, name, "modules");
      const onDisk = fs.existsSync(modulesDir) ? fs.readdirSync(modulesDir).map((m) => `${name}/modules/${m}`) : [];
      expect(distModuleFolders(name).slice(1)).toEqual(onDisk.sort());
    }
  });

  test.each(published)("%s: every call matches its submodule's variables, outputs and nullability", (name) => {
    const submodules = Object.fromEntries(
      distModuleFolders(name)
        .slice(1)
        .map((folder) => [folder.slice(name.length + 1), distModuleConfig(folder)]),
    );
    expect(checkModuleCalls(distModuleConfig(name), submodules)).toEqual([]);
  });
});
