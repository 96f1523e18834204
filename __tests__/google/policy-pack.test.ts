/**
 * The project's own rule pack over the Google Cloud deployments this repository ships: every rule that
 * applies must pass, including after the review's fixes (the invoker check with IAP, the disk size ignored,
 * the derived edition).
 */
import { googleIapOffSuppression, runPolicies, violations } from "../../modules/policies";
import { synthGoogle } from "../support/synth";
import type { MathesarOnGoogleCloudProps } from "../../modules/google";

// Mathesar's own login as the only sign-in is a documented choice (IAP off), suppressed as the pack intends.
const IAP_OFF = [googleIapOffSuppression("google_compute_backend_service.this")];

const deployments: Array<[string, Partial<MathesarOnGoogleCloudProps>]> = [
  ["Cloud Run defaults", {}],
  [
    "Cloud Run with IAP and Cloud Armor",
    { iap: { members: ["group:lab@example.org"] }, cloudArmor: { allowedIpRanges: ["192.0.2.0/24"] } },
  ],
  ["a performance-optimized Cloud SQL tier", { database: { managed: { tier: "db-perf-optimized-N-2" } } }],
  ["an existing database", { database: { existing: { host: "10.20.0.3", passwordSecretId: "mathesar-db-password" } } }],
  ["the VM behind the load balancer with IAP", { runtime: "vm", iap: { members: ["group:lab@example.org"] } }],
  ["the VM with Caddy", { runtime: "vm", vm: { edge: "caddy" } }],
];

test.each(deployments)("%s: no rule of the pack is violated", (_name, props) => {
  const found = violations(runPolicies(synthGoogle(props), { suppressions: props.iap ? [] : IAP_OFF })).map(
    (f) => `${f.ruleId} ${f.address}: ${f.message}`,
  );
  expect(found).toEqual([]);
});

test("with IAP the pack sees the Cloud Run service's invoker check on; the grant to IAP's agent is not public", () => {
  const findings = runPolicies(synthGoogle({ iap: { members: ["group:lab@example.org"] } })).filter(
    (f) => f.ruleId === "GOOGLE_CLOUD_RUN_NOT_PUBLIC",
  );
  const byAddress = Object.fromEntries(findings.map((f) => [f.address, f.status]));
  expect(byAddress["google_cloud_run_v2_service.this"]).toBe("compliant");
  // The member names the project number, an expression: the rule leaves it to Terraform, and never flags it.
  expect(byAddress["google_cloud_run_v2_service_iam_member.iap"]).toBe("not_applicable");
});
