/**
 * The switchable deletion guard, applied and destroyed by Terraform itself (terraform_data needs no
 * provider, so this runs offline): protection on refuses destroy and replacement, and nothing it protects
 * is destroyed first — neither the key resource nor the others (in a deployment: the database inside the
 * cluster, the secret key); switching it off is an apply, after which destroy works; in-place changes are
 * never blocked.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import { DeletionGuard, stableAddress } from "../../modules/terraform";
import { describeWithTool, hasTool } from "../support/tools";

let dir: string;

function terraform(args: string[], vars: Record<string, string> = {}): { ok: boolean; output: string } {
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ["-var", `${k}=${v}`]);
  const result = spawnSync("terraform", [...args, "-input=false", "-no-color", ...varArgs], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const state = () => JSON.parse(fs.readFileSync(path.join(dir, "terraform.tfstate"), "utf8"));
const names = () =>
  state()
    .resources.map((r: { name: string }) => r.name)
    .sort();
const protectedId = () => state().resources.find((r: { name: string }) => r.name === "db").instances[0].attributes.id;

describeWithTool("terraform", hasTool("terraform", ["version"]), "deletion guard, applied by Terraform", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-guard-"));
    const stack = new TerraformStack(Testing.app(), "guard");
    const name = new TerraformVariable(stack, "name", { type: "string" });
    const size = new TerraformVariable(stack, "size", { type: "string" });
    const enabled = new TerraformVariable(stack, "protect", { type: "bool" });
    // Stands in for the database cluster: a new name forces replacement, a new size is an in-place update.
    const db = stableAddress(
      new DataResource(stack, "Db", { triggersReplace: { name: name.stringValue }, input: { size: size.stringValue } }),
      "db",
    );
    // Stands in for what lives beside it (Mathesar's database in the cluster, the secret key).
    const inside = stableAddress(new DataResource(stack, "Inside", { input: { of: db.id } }), "inside");
    const secret = stableAddress(new DataResource(stack, "Secret", { input: { value: "key" } }), "secret");
    new DeletionGuard(stack, "Guard", {
      protects: [db, inside, secret],
      replaceWhenChanged: db.id,
      enabled: enabled.stringValue,
      message: "Deletion protection is on.",
    });
    fs.writeFileSync(path.join(dir, "main.tf.json"), Testing.synth(stack));
    const init = terraform(["init", "-backend=false"]);
    if (!init.ok) throw new Error(init.output);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("creates the resource and its guard", () => {
    expect(terraform(["apply", "-auto-approve"], { name: "one", size: "s", protect: "true" }).ok).toBe(true);
    expect(names()).toEqual(["db", "deletion_guard", "inside", "secret"]);
  });

  test("an in-place change goes through while protected", () => {
    const before = protectedId();
    expect(terraform(["apply", "-auto-approve"], { name: "one", size: "m", protect: "true" }).ok).toBe(true);
    expect(protectedId()).toBe(before);
  });

  test("a replacement is refused while protected, and the resource survives", () => {
    const before = protectedId();
    const result = terraform(["apply", "-auto-approve"], { name: "two", size: "m", protect: "true" });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Deletion protection is on.");
    expect(protectedId()).toBe(before);
  });

  test("destroy is refused while protected, and nothing it protects is destroyed first", () => {
    const before = protectedId();
    const result = terraform(["destroy", "-auto-approve"], { name: "one", size: "m", protect: "true" });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Deletion protection is on.");
    expect(protectedId()).toBe(before);
    expect(names()).toEqual(["db", "deletion_guard", "inside", "secret"]);
  });

  test("switching protection off is an apply; destroy then works", () => {
    expect(terraform(["apply", "-auto-approve"], { name: "one", size: "m", protect: "false" }).ok).toBe(true);
    const result = terraform(["destroy", "-auto-approve"], { name: "one", size: "m", protect: "false" });
    expect(result.output).toContain("Destroy complete");
    expect(state().resources).toEqual([]);
  });
});
