/**
 * Every shipped Google Cloud default passes every rule of the pack, but for one reasoned exception: IAP is
 * optional (Mathesar's own login is the sign-in, as on every other target). Turning IAP on needs no waiver.
 */
import {
  GOOGLE_IAP_OFF_REASON,
  GOOGLE_IAP_OFF_SUPPRESSION,
  MATHESAR_RULES,
  type PolicyFinding,
  runPolicies,
  violations,
} from "../../modules/policies";
import type { MathesarOnGoogleCloudProps } from "../../modules/google";
import { renderGoogleModule, synthGoogle } from "../support/synth";

const nonCompliant = (findings: readonly PolicyFinding[]) =>
  findings.filter((f) => f.status === "non_compliant" && f.suppression === undefined);
const suppressed = (findings: readonly PolicyFinding[]) =>
  findings.filter((f) => f.suppression !== undefined).map((f) => [f.ruleId, f.address]);
const compliantRules = (findings: readonly PolicyFinding[]) =>
  [...new Set(findings.filter((f) => f.status === "compliant").map((f) => f.ruleId))].sort();
const suppressions = [GOOGLE_IAP_OFF_SUPPRESSION];
const IAP = { iap: { members: ["group:lab@example.org"] } };

describe("the deployable Google Cloud stacks", () => {
  test("Cloud Run defaults: no violation, only IAP-off waived, and every Google rule that concerns it is compliant", () => {
    const findings = runPolicies(synthGoogle(), { suppressions });
    expect(nonCompliant(findings)).toEqual([]);
    expect(suppressed(findings)).toEqual([["GOOGLE_IAP_ENABLED", "google_compute_backend_service.this"]]);
    // The pack really looked: these rules said "compliant" about something in the configuration.
    expect(compliantRules(findings)).toEqual(
      expect.arrayContaining([
        "GOOGLE_CLOUD_RUN_INGRESS_LOAD_BALANCER",
        "GOOGLE_CLOUD_RUN_NOT_PUBLIC",
        "GOOGLE_HTTP_REDIRECTS_TO_HTTPS",
        "GOOGLE_SECRETS_NOT_IN_STATE",
        "GOOGLE_SQL_BACKUPS",
        "GOOGLE_SQL_DELETION_PROTECTION",
        "GOOGLE_SQL_LOG_FLAGS",
        "GOOGLE_SQL_NO_PUBLIC_IP",
        "GOOGLE_SQL_SSL_REQUIRED",
        "GOOGLE_SSL_POLICY_MODERN",
        "GOOGLE_SUBNET_FLOW_LOGS_PRIVATE_ACCESS",
        "MATHESAR_NO_CLAIMABLE_SETUP",
        "MATHESAR_PINNED_IMAGE",
        "MATHESAR_POSTGRES_CONNECTION_SET",
        "MATHESAR_POSTGRES_SSL_REQUIRED",
        "MATHESAR_SECRETS_TYPED_SECRET",
      ]),
    );
  });

  test("with IAP on, nothing is waived and both IAP rules are compliant", () => {
    const findings = runPolicies(synthGoogle(IAP));
    expect(nonCompliant(findings)).toEqual([]);
    expect(compliantRules(findings)).toEqual(
      expect.arrayContaining(["GOOGLE_IAP_ACCESS_GRANTED", "GOOGLE_IAP_ENABLED"]),
    );
  });

  test.each<[string, Partial<MathesarOnGoogleCloudProps>]>([
    ["size large", { size: "large" }],
    ["Cloud Armor with an allow-list", { cloudArmor: { allowedIpRanges: ["192.0.2.0/24"] } }],
    ["the VM behind the load balancer", { runtime: "vm" }],
    [
      "an existing network and database",
      {
        network: {
          existing: {
            networkId: "projects/lab-project-123/global/networks/lab",
            subnetworkId: "projects/lab-project-123/regions/us-central1/subnetworks/lab",
          },
        },
        database: { existing: { host: "10.20.0.3", passwordSecretId: "mathesar-db-password" } },
      },
    ],
  ])("%s: no violation beyond the IAP waiver", (_name, props) => {
    expect(nonCompliant(runPolicies(synthGoogle(props), { suppressions }))).toEqual([]);
  });

  test("the VM with Caddy has no load balancer, so nothing is waived and nothing violated", () => {
    const findings = runPolicies(synthGoogle({ runtime: "vm", vm: { edge: "caddy" } }));
    expect(nonCompliant(findings)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === "GOOGLE_IAP_ENABLED")).toEqual([]);
  });
});

describe("documented Google Cloud relaxations are caught", () => {
  const violated = (props: Partial<MathesarOnGoogleCloudProps>) =>
    [...new Set(violations(runPolicies(synthGoogle({ ...IAP, ...props }))).map((f) => f.ruleId))].sort();

  test("deletion protection off", () => {
    expect(violated({ database: { managed: { deletionProtection: false } } })).toEqual([
      "GOOGLE_SQL_DELETION_PROTECTION",
    ]);
  });

  test("admin.enabled = false opens /complete_installation/", () => {
    expect(violated({ admin: { enabled: false } })).toEqual(["MATHESAR_NO_CLAIMABLE_SETUP"]);
  });

  test("IAP off without the waiver is reported: the rule is not weakened", () => {
    expect(violations(runPolicies(synthGoogle())).map((f) => f.ruleId)).toEqual(["GOOGLE_IAP_ENABLED"]);
    expect(GOOGLE_IAP_OFF_SUPPRESSION.reason).toBe(GOOGLE_IAP_OFF_REASON);
  });
});

describe("the published Google Cloud module", () => {
  test("no module folder of dist/terraform-google-mathesar has a violation (IAP follows a variable: not applicable, never guessed)", () => {
    const { modules } = renderGoogleModule();
    for (const [folder, config] of Object.entries(modules)) {
      expect({ folder, violations: nonCompliant(runPolicies(config)) }).toEqual({ folder, violations: [] });
    }
  });

  test("the database module proves Cloud SQL private, encrypted-only, backed up and logged from its literals", () => {
    const findings = runPolicies(renderGoogleModule().modules["modules/database"]);
    expect(compliantRules(findings)).toEqual(
      expect.arrayContaining([
        "GOOGLE_SQL_BACKUPS",
        "GOOGLE_SQL_LOG_FLAGS",
        "GOOGLE_SQL_NO_PUBLIC_IP",
        "GOOGLE_SQL_SSL_REQUIRED",
        "GOOGLE_SECRETS_NOT_IN_STATE",
      ]),
    );
  });

  test("every Google rule of the pack is exercised by a shipped configuration", () => {
    const all = [synthGoogle(IAP), synthGoogle({ runtime: "vm" }), ...Object.values(renderGoogleModule().modules)];
    const looked = new Set(
      all.flatMap((config) =>
        runPolicies(config)
          .filter((f) => f.status !== "not_applicable")
          .map((f) => f.ruleId),
      ),
    );
    const googleRules = MATHESAR_RULES.map((rule) => rule.id).filter((id) => id.startsWith("GOOGLE_"));
    expect(googleRules.filter((id) => !looked.has(id))).toEqual([]);
  });
});
