/**
 * "Plan after Cloud SQL grew the disk", with real Terraform and the stand-in google provider (the real
 * 6.50.0 schema from the binding, tools/tf-standin): the published database module is planned once, its
 * instance written to a state as created but with a disk that grew on its own, and planned again. The
 * module must keep the grown size (the provider would replace the instance to shrink it: "Size of a running
 * instance cannot be reduced"); without the module's ignore_changes the same plan sets it back, which shows
 * the check can fail. The stand-in knows no ForceNew, so the replacement itself only a real provider shows.
 */
import { planWithStandin } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";
import { DATABASE_VARS, type PlannedChange, deployedDatabaseModule } from "./google-standin-state";

const GROWN = 37;

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "a Cloud SQL disk that grew on its own (stand-in google provider)",
  () => {
    const { standin, deployed } = deployedDatabaseModule("disk-growth");

    /** Plans the module (optionally without its ignore_changes) from a state whose disk grew; returns the instance's planned size. */
    function sizeAfterGrowth(keepIgnoreChanges: boolean): { size: unknown; actions: string[] } {
      // GIVEN the instance as the first apply would create it, AND Cloud SQL has grown its disk since
      const dir = deployed(
        keepIgnoreChanges ? undefined : (main) => delete main.resource.google_sql_database_instance.this.lifecycle,
        (address, attributes) => {
          if (address !== "google_sql_database_instance.this") return;
          const settings = attributes.settings as Array<{ disk_size: number }>;
          expect(settings[0].disk_size).toBe(10);
          settings[0].disk_size = GROWN;
        },
      );
      // WHEN Terraform plans again
      const second = planWithStandin(dir, standin.reattach, DATABASE_VARS);
      if (!second.ok) throw new Error(second.output);
      const instance = (second.plan!.resource_changes as PlannedChange[]).find(
        (r) => r.address === "google_sql_database_instance.this",
      )!;
      return {
        size: (instance.change.after.settings as Array<{ disk_size: unknown }>)[0].disk_size,
        actions: instance.change.actions,
      };
    }

    test("the module keeps the grown size in the plan; without its ignore_changes the plan would set it back to 10 GB", () => {
      // THEN the published module proposes nothing for the size
      const kept = sizeAfterGrowth(true);
      expect(kept.size).toBe(GROWN);
      expect(kept.actions).not.toContain("create");
      // AND the same configuration without ignore_changes proposes the shrink the real provider answers with a replacement
      const reverted = sizeAfterGrowth(false);
      expect(reverted.size).toBe(10);
    });
  },
);
