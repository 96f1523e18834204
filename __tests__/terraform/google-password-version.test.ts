/**
 * The database user's password and its secret stay one value, checked by real Terraform with the stand-in
 * google provider over a state "as applied": raising password_version updates the user and replaces the
 * secret's version in the same plan (one ephemeral value feeds both), and a replaced user replaces the
 * secret's version too. Without the module's replace_triggered_by, a replaced user would leave the old
 * secret version in place (the control below). The values themselves are write-only: only a real apply
 * shows that the user and the secret then hold the same password.
 */
import { terraform } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";
import { DATABASE_VARS as VARS, type PlannedChange, deployedDatabaseModule } from "./google-standin-state";

const USER = "google_sql_user.mathesar";
const VERSION = "google_secret_manager_secret_version.database_password";

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "one password version for the database user and its secret (stand-in google provider)",
  () => {
    const { standin, deployed: deployedWith } = deployedDatabaseModule("password-version");

    /** A copy of the database module with a state as the first apply leaves it (optionally without the trigger). */
    const deployed = (withTriggers = true): string =>
      deployedWith(
        withTriggers
          ? undefined
          : (main) => delete main.resource.google_secret_manager_secret_version.database_password.lifecycle,
      );

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
