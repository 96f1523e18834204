/**
 * The Cloud Run + IAP example of terraform-google-mathesar planned by real Terraform with the stand-in google
 * provider (the real 6.50.0 schema): through the root module and the cloud-run module, the service keeps its
 * invoker check and one roles/run.invoker grant is planned, its member built from the project number read at
 * apply (Terraform evaluates that member's expression in google-expressions.test.ts); the minimal example (no IAP) has
 * neither the grant nor the lookup. That IAP then really reaches the service only a real project shows.
 */
import * as path from "path";
import { planWithStandin, standinWithModuleCopy } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";
import type { PlannedChange } from "./google-standin-state";

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "IAP and Cloud Run's invoker check, planned (stand-in google provider)",
  () => {
    const { standin, work } = standinWithModuleCopy(["google", "random"], "terraform-google-mathesar", "iap-plan");

    const plan = (example: string): PlannedChange[] => {
      const result = planWithStandin(
        path.join(work, "terraform-google-mathesar", "examples", example),
        standin.reattach,
      );
      if (!result.ok) throw new Error(result.output);
      return result.plan!.resource_changes as PlannedChange[];
    };

    test("with iap_members: invoker check on, one roles/run.invoker grant whose member is built from the project number read at apply", () => {
      const changes = plan("cloud-run-iap");
      const service = changes.find(
        (c) => c.address === "module.mathesar.module.cloud_run[0].google_cloud_run_v2_service.this",
      )!;
      expect(service.change.after.invoker_iam_disabled).toBe(false);
      const grants = changes.filter((c) => c.type === "google_cloud_run_v2_service_iam_member") as Array<
        PlannedChange & { change: { after_unknown?: Record<string, unknown> } }
      >;
      expect(grants.map((g) => [g.address, g.change.after.role])).toEqual([
        ["module.mathesar.module.cloud_run[0].google_cloud_run_v2_service_iam_member.iap[0]", "roles/run.invoker"],
      ]);
      // The member names the project number, read at apply (the module waits for the secrets and the database).
      expect(grants[0].change.after_unknown?.member).toBe(true);
      expect(changes.filter((c) => c.type === "google_project").map((c) => [c.address, c.change.actions])).toEqual([
        ["module.mathesar.module.cloud_run[0].data.google_project.this[0]", ["read"]],
      ]);
    });

    test("without IAP: no invoker check (the load balancer's requests are unauthenticated), no grant", () => {
      const changes = plan("minimal");
      const service = changes.find(
        (c) => c.address === "module.mathesar.module.cloud_run[0].google_cloud_run_v2_service.this",
      )!;
      expect(service.change.after.invoker_iam_disabled).toBe(true);
      expect(changes.filter((c) => c.type === "google_cloud_run_v2_service_iam_member")).toEqual([]);
    });
  },
);
