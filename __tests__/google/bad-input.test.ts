/**
 * Every check of validate.ts: the construct throws a MathesarInputError naming the prop and the bad value
 * before it creates anything, so a bad input never reaches a plan.
 */
import { TerraformStack, Testing } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { MathesarOnGoogleCloud, type MathesarOnGoogleCloudProps } from "../../modules/google";
import { MathesarInputError } from "../../modules/mathesar";
import { GOOGLE_SYNTH_DEFAULTS, sensitiveVariable, type TerraformJson } from "../support/synth";
import { GOOGLE_BAD_INPUTS } from "./bad-input-cases";

/** Builds the composite in a fresh stack; returns the stack so a test can show nothing was added to it. */
function attempt(props: Partial<MathesarOnGoogleCloudProps>): { stack: TerraformStack; run: () => void } {
  const stack = new TerraformStack(Testing.app(), "bad");
  new GoogleProvider(stack, "google", { project: GOOGLE_SYNTH_DEFAULTS.project });
  // A fresh construct id per call: a refused construct stays in the tree, and jest may call `run` twice.
  let calls = 0;
  return {
    stack,
    run: () =>
      new MathesarOnGoogleCloud(stack, `Mathesar${calls++}`, {
        ...GOOGLE_SYNTH_DEFAULTS,
        ...props,
      } as MathesarOnGoogleCloudProps),
  };
}

const NETWORK = "projects/lab-project-123/global/networks/campus";
const SUBNETWORK = "projects/lab-project-123/regions/us-central1/subnetworks/campus-us";
const EXISTING_DB = { host: "10.1.2.3", passwordSecretId: "lab-db-password" };
const elevenRanges = Array.from({ length: 11 }, (_, i) => `10.${i}.0.0/16`);

// [what, props, the message: prop and bad value]
const cases: Array<[string, Partial<MathesarOnGoogleCloudProps>, RegExp]> = [
  // project, region, zone
  ["no project", { project: undefined }, /Invalid project undefined: must be set/],
  ["a project id with capitals", { project: "My_Project" }, /Invalid project "My_Project": must be a project id/],
  ["a project id too short", { project: "lab" }, /Invalid project "lab"/],
  ["a malformed region", { region: "us-central" }, /Invalid region "us-central": must be a region name/],
  [
    "a malformed zone",
    { runtime: "vm", vm: { zone: "uscentral1a" } },
    /Invalid vm.zone "uscentral1a": must be a zone name/,
  ],
  [
    "a zone outside the given region",
    { region: "us-east1", runtime: "vm", vm: { zone: "us-central1-a" } },
    /Invalid vm.zone "us-central1-a": must be a zone of region "us-east1"/,
  ],
  [
    "a zone outside the default region",
    { runtime: "vm", vm: { zone: "europe-west4-a" } },
    /Invalid vm.zone "europe-west4-a": must be a zone of region "us-central1"/,
  ],
  // domain and DNS
  ["no domain", { domainName: undefined }, /Invalid domainName undefined: must be set on Google Cloud/],
  [
    "an invalid domain",
    { domainName: "bad domain" },
    /Invalid domainName "bad domain": must be a lowercase DNS host name/,
  ],
  [
    "a malformed DNS zone",
    { dnsZone: "Lab_Zone" },
    /Invalid dnsZone "Lab_Zone": must be a Cloud DNS managed zone name/,
  ],
  // shared props
  ["a name with capitals", { name: "Mathesar" }, /Invalid name "Mathesar"/],
  ["latest", { mathesarVersion: "latest" }, /Invalid mathesarVersion "latest"/],
  ["an unknown size", { size: "xl" as never }, /Invalid size "xl": must be one of "small", "medium", "large"/],
  ["an unknown runtime", { runtime: "gke" as never }, /Invalid runtime "gke": must be one of "cloud_run", "vm"/],
  ["a bad admin username", { admin: { username: "ad min" } }, /Invalid admin.username "ad min"/],
  ["a bad admin e-mail", { admin: { email: "nobody" } }, /Invalid admin.email "nobody"/],
  [
    "a bad SSO secret id",
    { sso: { configSecretId: "my secret" } },
    /Invalid sso.configSecretId "my secret": must be a Secret Manager secret id/,
  ],
  [
    "an image repository with a tag",
    { imageRepository: "mathesar/mathesar:latest" },
    /Invalid imageRepository "mathesar\/mathesar:latest": must be an image repository without a tag/,
  ],
  [
    "an image repository in capitals",
    { imageRepository: "Mathesar/Mathesar" },
    /Invalid imageRepository "Mathesar\/Mathesar"/,
  ],
  // tags are labels on Google Cloud
  ["a tag key with capitals", { tags: { Team: "lab" } }, /Invalid tags key "Team": must be a label key/],
  [
    "a tag value with spaces",
    { tags: { team: "Data Lab" } },
    /Invalid tags\["team"\] "Data Lab": must be a label value/,
  ],
  // instances
  ["no warm instance", { minInstances: 0 }, /Invalid minInstances 0: must be a whole number from 1 to 100/],
  ["too many instances", { maxInstances: 101 }, /Invalid maxInstances 101: must be a whole number from 1 to 100/],
  // IAP
  ["IAP for nobody", { iap: { members: [] } }, /Invalid iap.members \[\]: must list at least one member/],
  [
    "an IAP member without a type",
    { iap: { members: ["ada@example.org"] } },
    /Invalid iap.members\[0\] "ada@example.org": must be an IAM member/,
  ],
  [
    "an IAP member that is not an address",
    { iap: { members: ["group:lab@example.org", "user:ada"] } },
    /Invalid iap.members\[1\] "user:ada"/,
  ],
  ["allUsers behind IAP", { iap: { members: ["allUsers"] } }, /Invalid iap.members\[0\] "allUsers"/],
  [
    "a malformed OAuth client id",
    { iap: { members: ["user:ada@example.org"], oauthClientId: "my-client" } },
    /Invalid iap.oauthClientId "my-client": must be an OAuth client id/,
  ],
  // Cloud Armor and policies
  [
    "Cloud Armor and an existing policy",
    { cloudArmor: {}, securityPolicy: "campus-edge" },
    /Invalid cloudArmor with securityPolicy: give one/,
  ],
  [
    "a rate limit below 60 per minute",
    { cloudArmor: { rateLimitPerMinute: 10 } },
    /Invalid cloudArmor.rateLimitPerMinute 10: must be a whole number from 60 to 10000/,
  ],
  [
    "a rate limit above Cloud Armor's",
    { cloudArmor: { rateLimitPerMinute: 20000 } },
    /Invalid cloudArmor.rateLimitPerMinute 20000: must be a whole number from 60 to 10000/,
  ],
  [
    "an allowed range without a prefix",
    { cloudArmor: { allowedIpRanges: ["203.0.113.7"] } },
    /Invalid cloudArmor.allowedIpRanges\[0\] "203.0.113.7": must be an IPv4 CIDR block/,
  ],
  [
    "an empty allow-list",
    { cloudArmor: { allowedIpRanges: [] } },
    /Invalid cloudArmor.allowedIpRanges \[\]: must list 1 to 10/,
  ],
  [
    "more ranges than a Cloud Armor rule takes",
    { cloudArmor: { allowedIpRanges: elevenRanges } },
    /Invalid cloudArmor.allowedIpRanges \["10.0.0.0\/16",.*\]: must list 1 to 10/,
  ],
  [
    "a malformed policy name",
    { securityPolicy: "Campus Edge" },
    /Invalid securityPolicy "Campus Edge": must be a Cloud Armor policy/,
  ],
  // the VM and its edge
  [
    "vm props on Cloud Run",
    { vm: { machineType: "e2-small" } },
    /Invalid vm: set runtime "vm" to use it \(runtime is "cloud_run"\)/,
  ],
  [
    "a malformed machine type",
    { runtime: "vm", vm: { machineType: "E2 Medium" } },
    /Invalid vm.machineType "E2 Medium"/,
  ],
  [
    "an unknown VM edge",
    { runtime: "vm", vm: { edge: "nginx" as never } },
    /Invalid vm.edge "nginx": must be one of "load_balancer", "caddy"/,
  ],
  ["a bad ACME e-mail", { runtime: "vm", vm: { edge: "caddy", acmeEmail: "ops" } }, /Invalid vm.acmeEmail "ops"/],
  [
    "a bad Caddy source range",
    { runtime: "vm", vm: { edge: "caddy", allowedSourceRanges: ["0.0.0.0"] } },
    /Invalid vm.allowedSourceRanges\[0\] "0.0.0.0"/,
  ],
  // network
  [
    "a malformed existing network id",
    { network: { existing: { networkId: "campus", subnetworkId: SUBNETWORK } } },
    /Invalid network.existing.networkId "campus": must be a network id/,
  ],
  [
    "a malformed existing subnetwork id",
    { network: { existing: { networkId: NETWORK, subnetworkId: "campus-us" } } },
    /Invalid network.existing.subnetworkId "campus-us": must be a subnetwork id/,
  ],
  [
    "a subnet CIDR beside an existing network",
    { network: { existing: { networkId: NETWORK, subnetworkId: SUBNETWORK }, subnetCidr: "10.10.0.0/24" } },
    /Invalid network: subnetCidr describes a new network/,
  ],
  [
    "a subnet too small",
    { network: { subnetCidr: "10.10.0.0/30" } },
    /Invalid network.subnetCidr "10.10.0.0\/30": must be an IPv4 CIDR block from \/8 to \/26/,
  ],
  [
    "a subnet too small for Direct VPC egress",
    { network: { subnetCidr: "10.10.0.0/27" } },
    /Invalid network.subnetCidr "10.10.0.0\/27": .*needs a \/26 or larger/,
  ],
  [
    "a PSA range with an existing database",
    {
      network: { privateServiceAccessCidr: "10.20.0.0/20" },
      database: { existing: { host: "10.0.0.3", passwordSecretId: "db" } },
    },
    /Invalid network.privateServiceAccessCidr with database.existing/,
  ],
  [
    "a PSA range on a network already connected",
    {
      network: {
        privateServiceAccessCidr: "10.20.0.0/20",
        existing: {
          networkId: "projects/lab-project-123/global/networks/lab",
          subnetworkId: "projects/lab-project-123/regions/us-central1/subnetworks/lab",
        },
      },
    },
    /Invalid network.privateServiceAccessCidr: Private Service Access is already connected/,
  ],
  ["a subnet CIDR that is not one", { network: { subnetCidr: "10.10.0.0" } }, /Invalid network.subnetCidr "10.10.0.0"/],
  [
    "a PSA range too small",
    { network: { privateServiceAccessCidr: "10.20.0.0/28" } },
    /Invalid network.privateServiceAccessCidr "10.20.0.0\/28": must be an IPv4 CIDR block from \/16 to \/24/,
  ],
  // database
  [
    "both databases",
    { database: { managed: {}, existing: EXISTING_DB } },
    /Invalid database: give either database.managed or database.existing, not both/,
  ],
  [
    "an existing database without a password secret",
    { database: { existing: { host: "10.1.2.3" } as never } },
    /Invalid database.existing.passwordSecretId undefined: must name the Secret Manager secret/,
  ],
  [
    "an existing database whose password secret is not an id",
    { database: { existing: { host: "10.1.2.3", passwordSecretId: "hunter2 !" } } },
    /Invalid database.existing.passwordSecretId "hunter2 !"/,
  ],
  [
    "an existing database without host",
    { database: { existing: { host: "", passwordSecretId: "lab-db-password" } } },
    /Invalid database.existing.host: must be set/,
  ],
  [
    "a Cloud SQL socket path as host (nothing mounts it on Google Cloud)",
    {
      database: {
        existing: { host: "/cloudsql/lab-project-123:us-central1:lab", passwordSecretId: "lab-db-password" },
      },
    },
    /Invalid database\.existing\.host "\/cloudsql\/lab-project-123:us-central1:lab": must be a host name or an IP address .*no Unix-socket path/,
  ],
  [
    "an existing database with a bad sslmode",
    { database: { existing: { ...EXISTING_DB, sslMode: "verify-full" as never } } },
    /Invalid database.existing.sslMode "verify-full"/,
  ],
  [
    "PostgreSQL 13",
    { database: { managed: { version: 13 } } },
    /Invalid database.managed.version 13: must be a whole number from 14 to 17/,
  ],
  [
    "a tier without db-",
    { database: { managed: { tier: "n1-standard-2" } } },
    /Invalid database.managed.tier "n1-standard-2": must be a Cloud SQL tier/,
  ],
  [
    "a custom tier without memory",
    { database: { managed: { tier: "db-custom-2" } } },
    /Invalid database.managed.tier "db-custom-2"/,
  ],
  [
    "a disk below 10 GB",
    { database: { managed: { diskSizeGb: 5 } } },
    /Invalid database.managed.diskSizeGb 5: must be a whole number from 10 to 65536 GB/,
  ],
  [
    "backups shorter than a week",
    { database: { managed: { backupRetentionDays: 3 } } },
    /Invalid database.managed.backupRetentionDays 3: must be a whole number from 7 to 365/,
  ],
  [
    "backups longer than a year",
    { database: { managed: { backupRetentionDays: 400 } } },
    /Invalid database.managed.backupRetentionDays 400/,
  ],
];

// The table both flavours share (the module's side: __tests__/terraform/google-variable-validation.test.ts).
describe.each(GOOGLE_BAD_INPUTS.map((c) => [c.what, c] as const))("refuses %s (both flavours)", (_what, bad) => {
  test("with the message the module gives too, naming the props", () => {
    const { run } = attempt(bad.props);
    expect(run).toThrow(bad.says((prop) => prop));
    expect(run).toThrow(MathesarInputError);
  });
});

describe.each(cases)("refuses %s", (_what, props, message) => {
  test("with a MathesarInputError naming the prop and the value", () => {
    const { run } = attempt(props);
    expect(run).toThrow(message);
    expect(run).toThrow(MathesarInputError);
  });

  test("before anything is created", () => {
    // GIVEN the bad props
    const { stack, run } = attempt(props);
    // WHEN the construct refuses them
    expect(run).toThrow(MathesarInputError);
    // THEN the stack holds no resource and no ephemeral value
    const config = JSON.parse(Testing.synth(stack)) as TerraformJson;
    expect(config.resource).toBeUndefined();
    expect(config.ephemeral).toBeUndefined();
  });
});

describe("secrets are refused without being echoed", () => {
  test("secretKey: on Google Cloud the key is never an input", () => {
    const { run } = attempt({ secretKey: "a-very-secret-django-key-that-must-not-leak" });
    expect(run).toThrow(
      /Invalid secretKey: on Google Cloud bring an existing SECRET_KEY by adding it as a new version/,
    );
    expect(run).not.toThrow(/a-very-secret-django-key/);
  });

  test("a literal OAuth client secret", () => {
    const { run } = attempt({
      iap: {
        members: ["user:ada@example.org"],
        oauthClientId: "123456789012-abc.apps.googleusercontent.com",
        oauthClientSecret: "GOCSPX-literal",
      },
    });
    expect(run).toThrow(/Invalid iap.oauthClientSecret: must be a reference to a secret/);
    expect(run).not.toThrow(/GOCSPX-literal/);
  });

  test("an OAuth client secret without its client id", () => {
    const stack = new TerraformStack(Testing.app(), "bad");
    let calls = 0;
    const run = () =>
      new MathesarOnGoogleCloud(stack, `Mathesar${calls++}`, {
        ...GOOGLE_SYNTH_DEFAULTS,
        iap: { members: ["user:ada@example.org"], oauthClientSecret: sensitiveVariable(stack, "oauth_secret") },
      });
    expect(run).toThrow(/Invalid iap.oauthClientSecret: iap.oauthClientId and iap.oauthClientSecret go together/);
  });
});

test("accepts the documented variants", () => {
  const variants: Array<Partial<MathesarOnGoogleCloudProps>> = [
    {},
    {
      region: "europe-west4",
      runtime: "vm",
      vm: { zone: "europe-west4-b", edge: "caddy", acmeEmail: "ops@example.org", allowedSourceRanges: ["0.0.0.0/0"] },
    },
    { runtime: "vm", vm: { zone: "us-central1-c" } },
    {
      network: {
        existing: { networkId: NETWORK, subnetworkId: SUBNETWORK, privateServiceAccessConnected: false },
        privateServiceAccessCidr: "10.60.0.0/16",
      },
    },
    {
      database: { existing: { ...EXISTING_DB, passwordSecretId: "projects/lab-project-123/secrets/lab-db-password" } },
    },
    {
      database: {
        managed: {
          version: 14,
          tier: "db-perf-optimized-N-2",
          diskSizeGb: 100,
          backupRetentionDays: 365,
          highAvailability: true,
        },
      },
    },
    {
      iap: {
        members: [
          "user:ada@example.org",
          "group:lab@example.org",
          "serviceAccount:ci@lab-project-123.iam.gserviceaccount.com",
          "domain:example.edu",
        ],
      },
    },
    { cloudArmor: { allowedIpRanges: Array.from({ length: 10 }, (_, i) => `10.${i}.0.0/16`), rateLimitPerMinute: 60 } },
    { securityPolicy: "projects/lab-project-123/global/securityPolicies/campus-edge" },
    { imageRepository: "us-docker.pkg.dev/lab-project-123/mirror/mathesar", mathesarVersion: "0.10.1" },
    { tags: { team: "data-lab", cost_center: "42" }, minInstances: 2, maxInstances: 2 },
  ];
  for (const props of variants) expect(attempt(props).run).not.toThrow();
});
