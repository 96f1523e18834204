/**
 * The database user's password and its secret stay one value, checked by real Terraform with the stand-in
 * google provider over a state "as applied": raising password_version updates the user and replaces the
 * secret's version in the same plan (one ephemeral value feeds both), and a replaced user replaces the
 * secret's version too. Without the module's replace_triggered_by, a replaced user would leave the old
 * secret version in place (the control below). The values themselves are write-only: only a real apply
 * shows that the user and the secret then hold the same password.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planWithStandin, Standin, terraform } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";
import { type PlannedChange, writeStateAsApplied } from "./google-standin-state";

const MODULE = path.join(__dirname, "..", "..", "dist", "terraform-google-mathesar", "modules", "database");
const VARS = {
  project: "standin-project",
  network_id: "projects/standin-project/global/networks/lab",
  tier: "db-custom-1-3840",
  disk_size_gb: "10",
};
const USER = "google_sql_user.mathesar";
const VERSION = "google_secret_manager_secret_version.database_password";

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "one password version for the database user and its secret (stand-in google provider)",
  () => {
    const standin = new Standin(["google", "random"]);
    const dirs: string[] = [];
    beforeAll(() => standin.start(), 240000);
    afterAll(async () => {
      await standin.stop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A copy of the database module with a state as the first apply leaves it. */
    function deployed(withTriggers = true): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-password-version-"));
      dirs.push(dir);
      fs.cpSync(MODULE, dir, { recursive: true });
      if (!withTriggers) {
        const main = JSON.parse(fs.readFileSync(path.join(dir, "main.tf.json"), "utf8"));
        delete main.resource.google_secret_manager_secret_version.database_password.lifecycle;
        fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(main));
      }
      const first = planWithStandin(dir, standin.reattach, VARS);
      if (!first.ok) throw new Error(first.output);
      writeStateAsApplied(dir, standin.reattach, first.plan!.resource_changes as PlannedChange[]);
      return dir;
    }

    /** The planned actions of the user and the secret's version for `vars` and extra plan arguments. */
    function planned(
      dir: string,
      vars: Record<string, string>,
      extra: string[] = [],
    ): Record<string, { actions: string[]; reason?: string; after: Record<string, unknown> }> {
      const args = Object.entries({ ...VARS, ...vars }).flatMap(([k, v]) => ["-var", `${k}=${v}`]);
      const plan = terraform(
        dir,
        ["plan", "-refresh=false", "-input=false", "-lock=false", "-out=second.bin", ...args, ...extra],
        standin.reattach,
      );
      if (!plan.ok) throw new Error(plan.output);
      const shown = terraform(dir, ["show", "-json", "second.bin"], standin.reattach);
      const changes = (JSON.parse(shown.output) as { resource_changes: PlannedChange[] }).resource_changes;
      return Object.fromEntries(
        changes
          .filter((c) => [USER, VERSION].includes(c.address))
          .map((c) => [c.address, { actions: c.change.actions, reason: c.action_reason, after: c.change.after }]),
      );
    }

    const replaced = (actions: string[]) => actions.includes("delete") && actions.includes("create");

    test("an unchanged version replaces nothing", () => {
      const plan = planned(deployed(), {});
      expect(replaced(plan[USER].actions)).toBe(false);
      expect(replaced(plan[VERSION].actions)).toBe(false);
    });

    test("raising password_version gives the user and the secret the new version in one plan, the secret's version replaced", () => {
      const plan = planned(deployed(), { password_version: "2" });
      expect(plan[USER].after.password_wo_version).toBe(2);
      expect(replaced(plan[USER].actions)).toBe(false);
      expect(plan[VERSION].after.secret_data_wo_version).toBe(2);
      expect(replaced(plan[VERSION].actions)).toBe(true);
      expect(plan[VERSION].reason).toBe("replace_by_triggers");
    });

    test("a replaced user replaces the secret's version (its id is unknown again); without the trigger it would not", () => {
      const plan = planned(deployed(), {}, [`-replace=${USER}`]);
      expect(replaced(plan[USER].actions)).toBe(true);
      expect(replaced(plan[VERSION].actions)).toBe(true);
      expect(plan[VERSION].reason).toBe("replace_by_triggers");
      // the control: the same module without replace_triggered_by keeps a version the new user does not match
      const control = planned(deployed(false), {}, [`-replace=${USER}`]);
      expect(replaced(control[VERSION].actions)).toBe(false);
    });
  },
);
