/**
 * Small hand-written Terraform JSON configurations for the structural checks: each `valid*` fixture passes
 * every check it is meant for, and the tests break one thing at a time in a fresh copy.
 */
import type { TerraformJson } from "../support/structure";

/** A published child module that passes `checkModuleShape` and `checkReferences`. */
export function validModule(): TerraformJson {
  return {
    terraform: {
      required_version: ">= 1.9",
      required_providers: { random: { source: "hashicorp/random", version: ">= 3.7.2, < 4.0.0" } },
    },
    variable: {
      name: {
        type: "string",
        description: "Prefix of every name.",
        default: "mathesar",
        nullable: false,
        validation: [
          { condition: "${length(var.name) >= 2}", error_message: "Invalid name ${jsonencode(var.name)}: too short." },
        ],
      },
      length: { type: "number", description: "Password length.", nullable: false },
      token: { type: "string", description: "An API token.", sensitive: true, default: null, nullable: true },
      tags: { type: "map(string)", description: "Tags.", default: {}, nullable: false },
    },
    locals: { prefix: "${var.name}-x" },
    resource: {
      random_password: { this: { "//": { metadata: { path: "x" } }, length: "${var.length}", special: false } },
      terraform_data: {
        guard: {
          input: { tags: '${[for key, value in var.tags : "${key}:${value}"]}' },
          depends_on: ["random_password.this"],
          lifecycle: { replace_triggered_by: ["random_password.this.id"] },
        },
      },
    },
    output: {
      password: { value: "${random_password.this.result}", description: "The password.", sensitive: true },
      prefix: { value: "${local.prefix}", description: "The prefix." },
    },
  };
}

/** A copy of `value` that a test may change. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
