/**
 * Terraform evaluates a validation's error message during `terraform validate` of a module call even when the
 * condition holds. A message that shows a field of an object variable (`var.existing_database.host`) then
 * fails when the caller passes `null` for the object: an error in HCL, a warning Terraform promises to turn
 * into an error in Terraform JSON. Found when the published modules became HCL (the Kubernetes parity tier
 * passes `existing_database = null`). These tests hold the message helpers to a shape that survives it, and
 * run Terraform on both spellings of a message to show why.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { shownValue, validationFor, type InputRule } from "../../modules/terraform/input-rule";
import { describeWithTool, hasTool } from "../support/tools";

const SHORT_HOST: InputRule<string> = {
  allowed: "longer than 3 characters",
  test: (value) => value.length > 3,
  condition: (ref) => `length(${ref}) > 3`,
};

test("a field of an object is shown through try(), so a null object cannot fail the message", () => {
  expect(shownValue("var.existing_database.host")).toBe('try(jsonencode(var.existing_database.host), "null")');
  expect(shownValue("var.name")).toBe("jsonencode(var.name)");
  expect(validationFor("existing_database.host", SHORT_HOST).errorMessage).toBe(
    'Invalid existing_database.host ${try(jsonencode(var.existing_database.host), "null")}: must be longer than 3 characters.',
  );
});

/** `terraform validate` of a root that calls a one-variable module with `db = null`; the module's message is `message`. */
function validateNullCall(message: string): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-null-message-"));
  try {
    fs.mkdirSync(path.join(dir, "module"));
    fs.writeFileSync(
      path.join(dir, "module", "main.tf"),
      [
        'variable "db" {',
        "  type    = object({ host = string })",
        "  default = null",
        "  validation {",
        "    condition     = var.db == null ? true : length(var.db.host) > 3",
        `    error_message = "${message}"`,
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "main.tf"), 'module "m" {\n  source = "./module"\n  db     = null\n}\n');
    const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" };
    spawnSync("terraform", ["init", "-backend=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    const result = spawnSync("terraform", ["validate", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "terraform validate of a module call with null",
  () => {
    test("a message reading the field directly fails (why the helper uses try)", () => {
      const result = validateNullCall("Invalid host ${jsonencode(var.db.host)}.");
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("Attempt to get attribute from null value");
    });

    test("the helper's message validates cleanly, with no warning", () => {
      const result = validateNullCall(`Invalid host \${${shownValue("var.db.host")}}.`);
      expect(result.output).toContain("The configuration is valid.");
      expect(result.output).not.toMatch(/Warning|Error/);
    });
  },
);
