/** The pack: its rule list, suppressions, and every shipped default passing every rule. */
import * as fs from "fs";
import * as path from "path";
import {
  MATHESAR_RULES,
  PolicySuppressionError,
  runPolicies,
  violations,
  type PolicyFinding,
  type PolicySuppression,
} from "../../modules/policies";
import { renderDigitalOceanModule, synthDigitalOcean } from "../support/synth";
import { app, bootstrapJob, cluster, env, rootConfig } from "./fixtures";

const RULES_MD = fs.readFileSync(path.join(__dirname, "../../modules/policies/RULES.md"), "utf8");

/** "ruleId address: message" of every non-compliant finding, so a failure says what broke. */
function nonCompliant(findings: readonly PolicyFinding[]): string[] {
  return findings.filter((f) => f.status === "non_compliant").map((f) => `${f.ruleId} ${f.address}: ${f.message}`);
}

describe("the rule list", () => {
  test("ids are unique and upper snake case", () => {
    const ids = MATHESAR_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(DO|MATHESAR)_[A-Z0-9_]+$/);
  });

  test("every rule says what it checks and why", () => {
    for (const rule of MATHESAR_RULES) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.explanation.length).toBeGreaterThan(rule.description.length / 2);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
    }
  });

  test("RULES.md has a table row for every rule, with its scanner ids", () => {
    for (const rule of MATHESAR_RULES) {
      const row = RULES_MD.split("\n").find((line) => line.startsWith(`| \`${rule.id}\` |`));
      expect(row).toBeDefined();
      for (const scannerId of rule.scannerIds) expect(row).toContain(scannerId);
    }
  });

  test("AWS and Google Cloud rules are listed as arriving with their targets, not implemented", () => {
    const section = RULES_MD.slice(RULES_MD.indexOf("## Rules for other targets"));
    expect(section).toMatch(/CKV_AWS_16 \/ AWS-0080 .* arrives with the AWS target/);
    expect(section).toMatch(/CKV_GCP_6 \/ GCP-0015 .* arrives with the Google Cloud target/);
    const types = MATHESAR_RULES.flatMap((rule) => rule.resourceTypes);
    expect(types.filter((type) => type.startsWith("aws_") || type.startsWith("google_"))).toEqual([]);
  });

  test("runPolicies runs every rule, in the pack's order", () => {
    const config = rootConfig({
      digitalocean_app: { this: app() },
      digitalocean_database_cluster: { this: cluster() },
      digitalocean_database_firewall: { this: { cluster_id: "${digitalocean_database_cluster.this.id}", rule: [] } },
      digitalocean_firewall: { web: { inbound_rule: [{ protocol: "tcp", port_range: "443", source_addresses: ["0.0.0.0/0"] }] } },
      digitalocean_loadbalancer: { web: { forwarding_rule: [{ entry_protocol: "https", entry_port: 443 }] } },
    });
    const seen = [...new Set(runPolicies(config).map((finding) => finding.ruleId))];
    expect(seen).toEqual(MATHESAR_RULES.map((rule) => rule.id));
  });
});

describe("suppressions", () => {
  // GIVEN an app whose admin bootstrap is turned off (DJANGO_SUPERUSER_USERNAME empty)
  const noAdmin = rootConfig({
    digitalocean_app: { this: app({ job: [bootstrapJob({}, { DJANGO_SUPERUSER_USERNAME: env("DJANGO_SUPERUSER_USERNAME", "") })] }) },
  });
  const reason = "Reachable only through the office VPN; the admin is created by hand.";

  test("the unsuppressed configuration is a violation", () => {
    expect(violations(runPolicies(noAdmin)).map((f) => f.ruleId)).toEqual(["MATHESAR_NO_CLAIMABLE_SETUP"]);
  });

  test("a suppressed finding is reported with its reason, not dropped", () => {
    const findings = runPolicies(noAdmin, { suppressions: [{ ruleId: "MATHESAR_NO_CLAIMABLE_SETUP", reason }] });
    const suppressed = findings.filter((f) => f.suppression !== undefined);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({ ruleId: "MATHESAR_NO_CLAIMABLE_SETUP", status: "non_compliant", suppression: { reason } });
    expect(violations(findings)).toEqual([]);
  });

  test("a suppression for another address leaves the finding a violation", () => {
    const suppressions = [{ ruleId: "MATHESAR_NO_CLAIMABLE_SETUP", address: "digitalocean_app.other", reason }];
    expect(violations(runPolicies(noAdmin, { suppressions }))).toHaveLength(1);
  });

  test("compliant findings are never marked suppressed", () => {
    const findings = runPolicies(noAdmin, { suppressions: [{ ruleId: "MATHESAR_PINNED_IMAGE", reason }] });
    expect(findings.filter((f) => f.ruleId === "MATHESAR_PINNED_IMAGE" && f.suppression !== undefined)).toEqual([]);
  });

  test.each([
    ["an empty reason", ""],
    ["a blank reason", "    "],
    ["a token reason", "ok"],
    ["no reason at all", undefined],
  ])("a suppression with %s throws", (_name, badReason) => {
    const suppression = { ruleId: "MATHESAR_NO_CLAIMABLE_SETUP", reason: badReason } as unknown as PolicySuppression;
    expect(() => runPolicies(noAdmin, { suppressions: [suppression] })).toThrow(PolicySuppressionError);
    expect(() => runPolicies(noAdmin, { suppressions: [suppression] })).toThrow(/MATHESAR_NO_CLAIMABLE_SETUP: reason .* must explain why/);
  });

  test("a suppression of a rule the pack does not have throws", () => {
    expect(() => runPolicies(noAdmin, { suppressions: [{ ruleId: "MATHESAR_NO_CLAIMABLE_SETUPP", reason }] })).toThrow(
      /no rule "MATHESAR_NO_CLAIMABLE_SETUPP" in the pack/,
    );
  });
});

describe("every shipped default passes every rule", () => {
  test("the deployable DigitalOcean stack: no violation, and the rules that concern it are compliant", () => {
    const findings = runPolicies(synthDigitalOcean());
    expect(nonCompliant(findings)).toEqual([]);
    // The pack really looked: each rule that concerns an App Platform + managed-database stack said "compliant".
    const compliant = new Set(findings.filter((f) => f.status === "compliant").map((f) => f.ruleId));
    const concerned = MATHESAR_RULES.map((rule) => rule.id).filter((id) => !["DO_FIREWALL_NO_PUBLIC_INGRESS", "DO_LOADBALANCER_HTTPS"].includes(id));
    expect([...compliant].sort()).toEqual(concerned.sort());
  });

  test.each([
    ["a custom domain in a DigitalOcean zone", { domainName: "data.example.org", domainZone: "example.org" }],
    ["size medium with a standby database", { size: "medium" as const, database: { managed: { highAvailability: true } } }],
    ["size large in another region with another release", { size: "large" as const, region: "fra1", mathesarVersion: "0.10.0" }],
  ])("the deployable stack with %s has no violation", (_name, props) => {
    expect(nonCompliant(runPolicies(synthDigitalOcean(props)))).toEqual([]);
  });

  test("every module folder of dist/terraform-digitalocean-mathesar has no violation", () => {
    const { modules } = renderDigitalOceanModule();
    expect(Object.keys(modules)).toEqual(expect.arrayContaining(["", "modules/app", "modules/database", "modules/database-firewall"]));
    for (const [folder, config] of Object.entries(modules)) {
      expect({ folder, violations: nonCompliant(runPolicies(config)) }).toEqual({ folder, violations: [] });
    }
  });

  test("the published database module still proves its cluster is in a VPC", () => {
    const findings = runPolicies(renderDigitalOceanModule().modules["modules/database"]);
    expect(findings.find((f) => f.ruleId === "DO_DATABASE_IN_VPC")?.status).toBe("compliant");
  });
});

describe("documented relaxations are caught, and can be waived with a reason", () => {
  test("admin.enabled = false opens /complete_installation/", () => {
    const findings = runPolicies(synthDigitalOcean({ admin: { enabled: false } }));
    expect(violations(findings).map((f) => f.ruleId)).toEqual(["MATHESAR_NO_CLAIMABLE_SETUP"]);
  });

  test("deletionProtection = false is a violation until suppressed with a reason", () => {
    const config = synthDigitalOcean({ database: { managed: { deletionProtection: false } } });
    expect(violations(runPolicies(config)).map((f) => f.ruleId)).toEqual(["DO_DATABASE_DELETION_PROTECTION"]);
    const suppressions = [{ ruleId: "DO_DATABASE_DELETION_PROTECTION", reason: "Throwaway review environment, destroyed nightly." }];
    expect(violations(runPolicies(config, { suppressions }))).toEqual([]);
  });
});
