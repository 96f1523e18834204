/**
 * `terraform fmt -check -recursive dist` passes: what users and reviewers run on a module is clean. The
 * renderer formats with Terraform's own formatter, so this holds by construction; the real CLI proves it (and
 * would catch a formatter that drifted from the Terraform version users have).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeWithTool, hasTool } from "../support/tools";

const DIST = path.join(__dirname, "..", "..", "dist");

/** Every file under `dir` whose name ends with `suffix`, relative to it. */
function filesEnding(dir: string, suffix: string, relative = ""): string[] {
  return fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return filesEnding(dir, suffix, child);
    return entry.name.endsWith(suffix) ? [child] : [];
  });
}

test("dist/ holds HCL modules and no Terraform JSON", () => {
  expect(filesEnding(DIST, ".tf.json")).toEqual([]);
  const tf = filesEnding(DIST, ".tf");
  for (const target of ["aws", "digitalocean", "docker", "google", "kubernetes"]) {
    for (const file of ["main.tf", "variables.tf", "outputs.tf", "versions.tf"])
      expect(tf).toContain(`terraform-${target}-mathesar/${file}`);
  }
});

describeWithTool("terraform", hasTool("terraform", ["version"]), "terraform fmt", () => {
  test("terraform fmt -check -recursive dist finds nothing to change", () => {
    const result = spawnSync("terraform", ["fmt", "-check", "-recursive", "-list=true", DIST], {
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    });
    expect({ status: result.status, unformatted: result.stdout.trim() }).toEqual({ status: 0, unformatted: "" });
  });

  test("the check would catch an unformatted file (so the test above can fail)", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-fmt-probe-"));
    try {
      fs.writeFileSync(path.join(scratch, "main.tf"), 'locals {\nx=1\n  longer_name = "y"\n}\n');
      const result = spawnSync("terraform", ["fmt", "-check", "-recursive", scratch], {
        encoding: "utf8",
        env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
      });
      expect(result.status).not.toBe(0);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
