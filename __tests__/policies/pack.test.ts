/** The pack: its rule list, suppressions, and every shipped default passing every rule. */
import * as fs from "fs";
import * as path from "path";
import {
  MATHESAR_RULES,
  PolicySuppressionError,
  SINGLE_AZ_DEFAULT_REASON,
  SINGLE_AZ_DEFAULT_SUPPRESSION,
  runPolicies,
  violations,
  type PolicyFinding,
  type PolicySuppression,
} from "../../modules/policies";
import { renderAwsModule, renderDigitalOceanModule, synthAws, synthDigitalOcean } from "../support/synth";
import { app, awsResources, bootstrapJob, cluster, env, googleResources, rootConfig } from "./fixtures";

const RULES_MD = fs.readFileSync(path.join(__dirname, "../../modules/policies/RULES.md"), "utf8");

/** "ruleId address: message" of every non-compliant finding, so a failure says what broke. */
function nonCompliant(findings: readonly PolicyFinding[]): string[] {
  return findings.filter((f) => f.status === "non_compliant").map((f) => `${f.ruleId} ${f.address}: ${f.message}`);
}

describe("the rule list", () => {
  test("ids are unique and upper snake case", () => {
    const ids = MATHESAR_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(DO|AWS|GOOGLE|MATHESAR|DOCKER)_[A-Z0-9_]+$/);
  });

  test("every rule says what it checks, why, and how to fix it", () => {
    for (const rule of MATHESAR_RULES) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.explanation.length).toBeGreaterThan(rule.description.length / 2);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(rule.remediation.length).toBeGreaterThan(15);
    }
  });

  test("every Google Cloud scanner rule the pack mirrors has a rule, under its scanner ids; none is left arriving", () => {
    // The Google Cloud scanner rules of docs/architecture.md, "Decisions and their evidence" (CKV_GCP_51–56 spelled out).
    const anchors = [
      "CKV_GCP_6",
      "GCP-0015",
      "CKV_GCP_60",
      "CKV_GCP_11",
      "GCP-0017",
      "CKV_GCP_14",
      "GCP-0024",
      "CKV_GCP_51",
      "CKV_GCP_52",
      "CKV_GCP_53",
      "CKV_GCP_54",
      "CKV_GCP_55",
      "CKV_GCP_56",
      "CKV_GCP_109",
      "CKV_GCP_110",
      "CKV_GCP_102",
      "CKV_GCP_26",
      "CKV_GCP_74",
      "GCP-0029",
      "CKV_GCP_4",
      "GCP-0039",
    ];
    const implemented = new Set(MATHESAR_RULES.flatMap((rule) => rule.scannerIds));
    expect(anchors.filter((id) => !implemented.has(id))).toEqual([]);
    expect(RULES_MD).not.toMatch(/arrives with the (Google Cloud|AWS) target/);
    // Rules with no stock scanner rule (same section): Cloud SQL deletion protection, ingress, IAP.
    const ids = MATHESAR_RULES.map((rule) => rule.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "GOOGLE_SQL_DELETION_PROTECTION",
        "GOOGLE_CLOUD_RUN_INGRESS_LOAD_BALANCER",
        "GOOGLE_IAP_ENABLED",
      ]),
    );
  });

  test("each Google Cloud scanner id belongs to exactly one rule", () => {
    const gcpIds = MATHESAR_RULES.flatMap((rule) => rule.scannerIds).filter((id) => /GCP/.test(id));
    expect(new Set(gcpIds).size).toBe(gcpIds.length);
  });

  test("every AWS scanner rule the pack mirrors has a rule, under its scanner ids", () => {
    // The AWS scanner rules of docs/architecture.md, "Decisions and their evidence" (CKV_AWS_158, KMS for log groups, is optional by design).
    const anchors = [
      "CKV_AWS_16",
      "AWS-0080",
      "CKV_AWS_17",
      "AWS-0180",
      "CKV_AWS_133",
      "AWS-0077",
      "CKV_AWS_293",
      "AWS-0177",
      "CKV_AWS_353",
      "AWS-0133",
      "CKV_AWS_157",
      "CKV_AWS_129",
      "CKV_AWS_226",
      "CKV2_AWS_69",
      "CKV2_AWS_20",
      "AWS-0054",
      "CKV_AWS_103",
      "AWS-0047",
      "CKV_AWS_131",
      "AWS-0052",
      "CKV_AWS_91",
      "CKV_AWS_150",
      "CKV_AWS_328",
      "CKV_AWS_261",
      "CKV_AWS_336",
      "CKV_AWS_334",
      "CKV_AWS_333",
      "AWS-0036",
      "CKV_AWS_249",
      "CKV_AWS_65",
      "AWS-0034",
      "CKV_AWS_338",
      "CKV2_AWS_11",
      "AWS-0178",
    ];
    const implemented = new Set(MATHESAR_RULES.flatMap((rule) => rule.scannerIds));
    expect(anchors.filter((id) => !implemented.has(id))).toEqual([]);
  });

  test("each AWS scanner id belongs to exactly one rule", () => {
    const awsIds = MATHESAR_RULES.flatMap((rule) => rule.scannerIds).filter((id) => /AWS/.test(id));
    expect(new Set(awsIds).size).toBe(awsIds.length);
  });

  test("runPolicies runs every rule, in the pack's order", () => {
    const config = rootConfig({
      digitalocean_app: { this: app() },
      digitalocean_database_cluster: { this: cluster() },
      digitalocean_database_firewall: { this: { cluster_id: "${digitalocean_database_cluster.this.id}", rule: [] } },
      digitalocean_firewall: {
        web: { inbound_rule: [{ protocol: "tcp", port_range: "443", source_addresses: ["0.0.0.0/0"] }] },
      },
      digitalocean_loadbalancer: { web: { forwarding_rule: [{ entry_protocol: "https", entry_port: 443 }] } },
      ...awsResources(),
      ...googleResources(),
      docker_image: {
        postgres: { name: "docker.io/library/postgres:17.6" },
        mathesar: { name: "docker.io/mathesar/mathesar:0.11.0" },
      },
      docker_container: {
        postgres: { image: "${docker_image.postgres.image_id}", env: [] },
        web: { image: "${docker_image.mathesar.image_id}", env: [] },
      },
    });
    const seen = [...new Set(runPolicies(config).map((finding) => finding.ruleId))];
    expect(seen).toEqual(MATHESAR_RULES.map((rule) => rule.id));
  });
});

describe("suppressions", () => {
  // GIVEN an app whose admin bootstrap is turned off (DJANGO_SUPERUSER_USERNAME empty)
  const noAdmin = rootConfig({
    digitalocean_app: {
      this: app({ job: [bootstrapJob({}, { DJANGO_SUPERUSER_USERNAME: env("DJANGO_SUPERUSER_USERNAME", "") })] }),
    },
  });
  const reason = "Reachable only through the office VPN; the admin is created by hand.";

  test("the unsuppressed configuration is a violation", () => {
    expect(violations(runPolicies(noAdmin)).map((f) => f.ruleId)).toEqual(["MATHESAR_NO_CLAIMABLE_SETUP"]);
  });

  test("a suppressed finding is reported with its reason, not dropped", () => {
    const findings = runPolicies(noAdmin, { suppressions: [{ ruleId: "MATHESAR_NO_CLAIMABLE_SETUP", reason }] });
    const suppressed = findings.filter((f) => f.suppression !== undefined);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({
      ruleId: "MATHESAR_NO_CLAIMABLE_SETUP",
      status: "non_compliant",
      suppression: { reason },
    });
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
    expect(() => runPolicies(noAdmin, { suppressions: [suppression] })).toThrow(
      /MATHESAR_NO_CLAIMABLE_SETUP: reason .* must explain why/,
    );
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
    const concerned = MATHESAR_RULES.map((rule) => rule.id).filter(
      (id) =>
        !id.startsWith("AWS_") &&
        !id.startsWith("GOOGLE_") &&
        !id.startsWith("DOCKER_") &&
        !["DO_FIREWALL_NO_PUBLIC_INGRESS", "DO_LOADBALANCER_HTTPS"].includes(id),
    );
    expect([...compliant].sort()).toEqual(concerned.sort());
  });

  test.each([
    ["a custom domain in a DigitalOcean zone", { domainName: "data.example.org", domainZone: "example.org" }],
    [
      "size medium with a standby database",
      { size: "medium" as const, database: { managed: { highAvailability: true } } },
    ],
    [
      "size large in another region with another release",
      { size: "large" as const, region: "fra1", mathesarVersion: "0.10.0" },
    ],
  ])("the deployable stack with %s has no violation", (_name, props) => {
    expect(nonCompliant(runPolicies(synthDigitalOcean(props)))).toEqual([]);
  });

  test("every module folder of dist/terraform-digitalocean-mathesar has no violation", () => {
    const { modules } = renderDigitalOceanModule();
    expect(Object.keys(modules)).toEqual(
      expect.arrayContaining(["", "modules/app", "modules/database", "modules/database-firewall"]),
    );
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
    const suppressions = [
      { ruleId: "DO_DATABASE_DELETION_PROTECTION", reason: "Throwaway review environment, destroyed nightly." },
    ];
    expect(violations(runPolicies(config, { suppressions }))).toEqual([]);
  });
});

describe("every shipped AWS default passes every rule, but for the reasoned Multi-AZ exception", () => {
  const suppressions = [SINGLE_AZ_DEFAULT_SUPPRESSION];
  /** [ruleId, address, reason] of every suppressed finding. */
  const suppressed = (findings: readonly PolicyFinding[]) =>
    findings.filter((f) => f.suppression !== undefined).map((f) => [f.ruleId, f.address, f.suppression?.reason]);
  const MULTI_AZ_WAIVED = [["AWS_RDS_MULTI_AZ", "aws_db_instance.this", SINGLE_AZ_DEFAULT_REASON]];

  test("the exception is documented in RULES.md under Reasoned exceptions, with the suppression's exact reason", () => {
    const section = RULES_MD.slice(RULES_MD.indexOf("## Reasoned exceptions"));
    expect(section).toContain("`AWS_RDS_MULTI_AZ`");
    expect(section).toContain(SINGLE_AZ_DEFAULT_REASON);
    expect(section).toMatch(/highAvailability/);
    expect(section).toMatch(/database_high_availability/);
    expect(SINGLE_AZ_DEFAULT_SUPPRESSION).toEqual({
      ruleId: "AWS_RDS_MULTI_AZ",
      address: "aws_db_instance.this",
      reason: SINGLE_AZ_DEFAULT_REASON,
    });
  });

  test("the deployable AWS stack: no violation, only Multi-AZ waived, and every rule that concerns it is compliant", () => {
    const findings = runPolicies(synthAws(), { suppressions });
    expect(nonCompliant(violations(findings))).toEqual([]);
    expect(suppressed(findings)).toEqual(MULTI_AZ_WAIVED);
    // The pack really looked: every AWS rule but the waived one, and the Mathesar rules that read ECS, said "compliant".
    const compliant = new Set(findings.filter((f) => f.status === "compliant").map((f) => f.ruleId));
    const ecsMathesarRules = [
      "MATHESAR_PINNED_IMAGE",
      "MATHESAR_POSTGRES_SSL_REQUIRED",
      "MATHESAR_NO_CLAIMABLE_SETUP",
      "MATHESAR_POSTGRES_CONNECTION_SET",
    ];
    const concerned = MATHESAR_RULES.map((rule) => rule.id).filter(
      (id) => (id.startsWith("AWS_") && id !== "AWS_RDS_MULTI_AZ") || ecsMathesarRules.includes(id),
    );
    expect([...compliant].sort()).toEqual(concerned.sort());
  });

  test.each([
    ["an internal load balancer", { internal: true }],
    ["DNS in a Route 53 zone", { route53ZoneId: "Z0123456789ABCDEFGHIJ" }],
    ["size medium", { size: "medium" as const }],
  ])("the deployable AWS stack with %s: no violation, only Multi-AZ waived", (_name, props) => {
    const findings = runPolicies(synthAws(props), { suppressions });
    expect(nonCompliant(violations(findings))).toEqual([]);
    expect(suppressed(findings)).toEqual(MULTI_AZ_WAIVED);
  });

  test("size large needs no waiver: Multi-AZ is on and compliant", () => {
    const findings = runPolicies(synthAws({ size: "large" }));
    expect(nonCompliant(findings)).toEqual([]);
    expect(findings.find((f) => f.ruleId === "AWS_RDS_MULTI_AZ")?.status).toBe("compliant");
  });

  test("highAvailability turns Multi-AZ on at the small size, so the waiver has nothing to suppress", () => {
    const findings = runPolicies(synthAws({ database: { managed: { highAvailability: true } } }), { suppressions });
    expect(nonCompliant(findings)).toEqual([]);
    expect(suppressed(findings)).toEqual([]);
  });

  test("without the waiver the small default is reported: the rule is not weakened", () => {
    expect(violations(runPolicies(synthAws())).map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      "AWS_RDS_MULTI_AZ aws_db_instance.this",
    ]);
  });
});

describe("documented AWS relaxations are caught", () => {
  const suppressions = [SINGLE_AZ_DEFAULT_SUPPRESSION];
  const violated = (props: Parameters<typeof synthAws>[0]) =>
    violations(runPolicies(synthAws(props), { suppressions }))
      .map((f) => f.ruleId)
      .sort();

  test("admin.enabled = false opens /complete_installation/", () => {
    expect(violated({ admin: { enabled: false } })).toEqual(["MATHESAR_NO_CLAIMABLE_SETUP"]);
  });

  test("deletion protection off for the database and the load balancer", () => {
    expect(
      violated({ database: { managed: { deletionProtection: false } }, loadBalancerDeletionProtection: false }),
    ).toEqual(["AWS_LB_DELETION_PROTECTION", "AWS_RDS_DELETION_PROTECTION"]);
  });

  test("a writable root filesystem and application logs kept less than a year", () => {
    expect(violated({ readonlyRootFilesystem: false, logRetentionDays: 30 })).toEqual([
      "AWS_ECS_READONLY_ROOT_FILESYSTEM",
      "AWS_LOG_GROUP_RETENTION",
    ]);
  });
});

describe("the published AWS module", () => {
  test("every module folder of dist/terraform-aws-mathesar has no violation", () => {
    const { modules } = renderAwsModule();
    expect(Object.keys(modules)).toEqual(
      expect.arrayContaining(["", "modules/network", "modules/database", "modules/edge", "modules/service"]),
    );
    for (const [folder, config] of Object.entries(modules)) {
      expect({ folder, violations: nonCompliant(runPolicies(config)) }).toEqual({ folder, violations: [] });
    }
  });

  test("the service module's container definitions, unquoted ${var.…} included, are read rather than skipped", () => {
    const findings = runPolicies(renderAwsModule().modules["modules/service"]);
    const status = (ruleId: string) => findings.find((f) => f.ruleId === ruleId);
    expect(status("AWS_ECS_NOT_PRIVILEGED")?.status).toBe("compliant");
    expect(status("AWS_ECS_READONLY_ROOT_FILESYSTEM")).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.readonly_root_filesystem/),
    });
  });

  test("values the module leaves to its variables are not applicable, naming the variable, never compliant by guess", () => {
    const findings = runPolicies(renderAwsModule().modules["modules/database"]);
    expect(findings.find((f) => f.ruleId === "AWS_RDS_MULTI_AZ")).toMatchObject({
      status: "not_applicable",
      message: expect.stringMatching(/var\.high_availability/),
    });
  });
});
