/** checkModuleShape: what every published module (root and submodules in dist/) must look like. */
import { checkModuleShape, checkSensitiveOutputs } from "../support/structure";
import { renderDigitalOceanModule } from "../support/synth";
import { validModule } from "./fixtures";

describe("checkModuleShape on hand-written fixtures", () => {
  test("the valid fixture has no problems", () => {
    expect(checkModuleShape(validModule())).toEqual([]);
  });

  test("a variable that does not say whether it accepts null, and a null default that refuses null", () => {
    const config = validModule();
    delete (config.variable.length as Record<string, unknown>).nullable;
    (config.variable.token as Record<string, unknown>).nullable = false;
    expect(checkModuleShape(config)).toEqual([
      "variable.length: must say whether it accepts null (nullable = true or false)",
      "variable.token: a null default needs nullable = true",
    ]);
  });

  test("a provider block", () => {
    const config = validModule();
    config.provider = { random: [{}] };
    expect(checkModuleShape(config)).toEqual([
      expect.stringMatching(/^provider: a module must not configure providers \(found random\)/),
    ]);
  });

  test("a reserved variable name (version), which Terraform refuses in a module", () => {
    const config = validModule();
    config.variable.version = { type: "number", description: "PostgreSQL version.", nullable: false };
    expect(checkModuleShape(config)).toEqual(['variable.version: "version" is a reserved variable name in Terraform']);
  });

  test("a backend", () => {
    const config = validModule();
    config.terraform.backend = { local: { path: "terraform.tfstate" } };
    expect(checkModuleShape(config)).toEqual([
      expect.stringMatching(/^terraform\.backend: a module must not declare a backend/),
    ]);
  });

  test.each(["3.7.2", "= 3.7.2", "< 4.0.0"])("an exact pin or a constraint that is not a range: %s", (version) => {
    const config = validModule();
    config.terraform.required_providers.random.version = version;
    expect(checkModuleShape(config)).toEqual([
      `terraform.required_providers.random: version ${JSON.stringify(version)} must be a range (">= x, < y" ` +
        `or "~> x"), not an exact pin, so callers can upgrade`,
    ]);
  });

  test("~> is a range", () => {
    const config = validModule();
    config.terraform.required_providers.random.version = "~> 3.7";
    expect(checkModuleShape(config)).toEqual([]);
  });

  test("a provider requirement without source or version", () => {
    const config = validModule();
    config.terraform.required_providers.random = { version: ">= 3.7.2" };
    config.terraform.required_providers.other = { source: "example/other" };
    expect(checkModuleShape(config)).toEqual([
      "terraform.required_providers.random: has no source",
      "terraform.required_providers.other: has no version constraint",
    ]);
  });

  test("no required_version", () => {
    const config = validModule();
    delete config.terraform.required_version;
    expect(checkModuleShape(config)).toEqual([expect.stringMatching(/^terraform\.required_version: must be set/)]);
  });

  test("a variable without type or description, an output without description", () => {
    const config = validModule();
    delete config.variable.length.type;
    config.variable.tags.description = "  ";
    delete config.output.prefix.description;
    expect(checkModuleShape(config)).toEqual([
      "variable.length: has no type",
      "variable.tags: has no description",
      "output.prefix: has no description",
    ]);
  });

  test("validations need a condition and an error message that starts with Invalid and ends with a period", () => {
    const config = validModule();
    config.variable.name.validation.push(
      { error_message: "Invalid name." },
      { condition: '${var.name != ""}', error_message: "Name must not be empty." },
      { condition: '${var.name != "x"}', error_message: "Invalid name: x" },
      { condition: '${var.name != "y"}' },
    );
    expect(checkModuleShape(config)).toEqual([
      "variable.name.validation[1]: has no condition",
      'variable.name.validation[2]: error_message "Name must not be empty." must start with "Invalid " and end with "."',
      'variable.name.validation[3]: error_message "Invalid name: x" must start with "Invalid " and end with "."',
      "variable.name.validation[4]: has no error_message",
    ]);
  });

  test("an output of a sensitive variable must be sensitive", () => {
    const config = validModule();
    config.output.token = { value: "${var.token}", description: "The token." };
    expect(checkModuleShape(config)).toEqual(['output.token: must be sensitive: variable "token" is sensitive']);
  });

  test("outputs of known secret attributes must be sensitive", () => {
    const config = validModule();
    delete config.output.password.sensitive;
    config.resource.digitalocean_database_cluster = { this: { name: "x" } };
    config.output.uri = { value: "${digitalocean_database_cluster.this.uri}", description: "Connection URI." };
    config.output.admin_password = { value: "${module.secrets.admin_password}", description: "Admin password." };
    config.output.key = { value: "${one(module.secrets[*].secret_key)}", description: "Django key." };
    expect(checkSensitiveOutputs(config)).toEqual([
      "output.password: must be sensitive: random_password.this.result is a secret",
      "output.uri: must be sensitive: digitalocean_database_cluster.this.uri is a secret",
      "output.admin_password: must be sensitive: module.secrets.admin_password is a secret",
      "output.key: must be sensitive: module.secrets.secret_key is a secret",
    ]);
  });

  test("non-secret outputs need no sensitive flag", () => {
    const config = validModule();
    config.output.id = { value: "${random_password.this.id} ${var.name}", description: "Id." };
    expect(checkSensitiveOutputs(config)).toEqual([]);
  });
});

describe("checkModuleShape on every folder of dist/terraform-digitalocean-mathesar", () => {
  const rendered = renderDigitalOceanModule();
  const folders = Object.keys(rendered.modules).sort();

  test("there are module folders to check", () => {
    expect(folders.length).toBeGreaterThanOrEqual(2);
  });

  for (const folder of folders) {
    test(folder || "(root)", () => {
      expect(checkModuleShape(rendered.modules[folder])).toEqual([]);
    });
  }
});
