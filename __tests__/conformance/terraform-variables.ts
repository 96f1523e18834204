/** Plans a published root module's variable blocks alone, so Terraform evaluates their validations without a provider. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { TerraformJson } from "../support/synth";

/** The variables named, plus every variable their validations refer to (Terraform needs them declared). */
export function variableClosure(all: Record<string, TerraformJson>, names: string[]): Record<string, TerraformJson> {
  const picked: Record<string, TerraformJson> = {};
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (picked[name] || !all[name]) continue;
    picked[name] = all[name];
    for (const match of JSON.stringify(all[name].validation ?? []).matchAll(/var\.([a-z0-9_]+)/g)) queue.push(match[1]);
  }
  return picked;
}

/** A folder holding only those variables; `plan` runs Terraform on it. */
export function variablesOnly(variables: Record<string, TerraformJson>): {
  dir: string;
  plan(vars: Record<string, string>): { ok: boolean; output: string };
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contract-vars-"));
  fs.writeFileSync(path.join(dir, "variables.tf.json"), JSON.stringify({ variable: variables }));
  return {
    dir,
    plan(vars) {
      const args = ["plan", "-input=false", "-refresh=false", "-no-color", "-lock=false"];
      for (const [name, value] of Object.entries(vars)) args.push("-var", `${name}=${value}`);
      const result = spawnSync("terraform", args, {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
      });
      return {
        ok: result.status === 0,
        output: `${result.stdout}${result.stderr}`.replace(/│/g, "").replace(/\s+/g, " "),
      };
    },
  };
}
