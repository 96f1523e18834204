/**
 * Bad inputs both Google flavours refuse, in one table: the construct's props and the published module's
 * variables that say the same, and the message both give — with each setting named the way its reader
 * knows it (`name` maps a prop path to itself in TypeScript, to its variable in Terraform). Drives
 * __tests__/google/bad-input.test.ts (the construct) and __tests__/terraform/google-variable-validation.test.ts
 * (Terraform's validation of the module's variables).
 */
import type { MathesarOnGoogleCloudProps } from "../../modules/google";

/** One bad input in both flavours. */
export interface GoogleBadInput {
  /** What is wrong. */
  readonly what: string;
  /** The construct's props (over the synth defaults). */
  readonly props: Partial<MathesarOnGoogleCloudProps>;
  /** The module's variables (HCL values, over a project and a domain). */
  readonly variables: Record<string, string>;
  /** The message, naming settings with `name`. */
  readonly says: (name: (prop: string) => string) => string;
}

const NETWORK = "projects/lab-project-123/global/networks/campus";
const SUBNETWORK = "projects/lab-project-123/regions/us-central1/subnetworks/campus-us";
const MEMBER = "user:ada@example.org";
const CLIENT_ID = "123456789012-abc.apps.googleusercontent.com";

/** The shared table. */
export const GOOGLE_BAD_INPUTS: readonly GoogleBadInput[] = [
  {
    what: "a project id with capitals",
    props: { project: "My_Project" },
    variables: { project: "My_Project" },
    says: (n) => `Invalid ${n("project")} "My_Project": must be a project id`,
  },
  {
    what: "a region name that is a zone",
    props: { region: "us-central1-a" },
    variables: { region: "us-central1-a" },
    says: (n) => `Invalid ${n("region")} "us-central1-a": must be a region name`,
  },
  {
    what: "a malformed zone",
    props: { runtime: "vm", vm: { zone: "uscentral1a" } },
    variables: { runtime: "vm", vm_zone: "uscentral1a" },
    says: (n) => `Invalid ${n("vm.zone")} "uscentral1a": must be a zone name`,
  },
  {
    what: "a zone outside the given region",
    props: { region: "us-east1", runtime: "vm", vm: { zone: "us-central1-a" } },
    variables: { region: "us-east1", runtime: "vm", vm_zone: "us-central1-a" },
    says: (n) => `Invalid ${n("vm.zone")} "us-central1-a": must be a zone of ${n("region")} "us-east1"`,
  },
  {
    what: "a zone outside the default region",
    props: { runtime: "vm", vm: { zone: "europe-west4-a" } },
    variables: { runtime: "vm", vm_zone: "europe-west4-a" },
    says: (n) => `Invalid ${n("vm.zone")} "europe-west4-a": must be a zone of ${n("region")} "us-central1"`,
  },
  {
    what: "an invalid domain",
    props: { domainName: "bad domain" },
    variables: { domain_name: "bad domain" },
    says: (n) => `Invalid ${n("domainName")} "bad domain": must be a lowercase DNS host name`,
  },
  {
    what: "a malformed DNS zone",
    props: { dnsZone: "Lab_Zone" },
    variables: { dns_zone: "Lab_Zone" },
    says: (n) => `Invalid ${n("dnsZone")} "Lab_Zone": must be a Cloud DNS managed zone name`,
  },
  {
    what: "a name with capitals",
    props: { name: "Mathesar" },
    variables: { name: "Mathesar" },
    says: (n) => `Invalid ${n("name")} "Mathesar"`,
  },
  {
    what: "latest",
    props: { mathesarVersion: "latest" },
    variables: { mathesar_version: "latest" },
    says: (n) => `Invalid ${n("mathesarVersion")} "latest": must be a pinned Mathesar release`,
  },
  {
    what: "an unknown size",
    props: { size: "xl" as never },
    variables: { size: "xl" },
    says: (n) => `Invalid ${n("size")} "xl": must be one of "small", "medium", "large"`,
  },
  {
    what: "an unknown runtime",
    props: { runtime: "gke" as never },
    variables: { runtime: "gke" },
    says: (n) => `Invalid ${n("runtime")} "gke": must be one of "cloud_run", "vm"`,
  },
  {
    what: "a bad admin username",
    props: { admin: { username: "ad min" } },
    variables: { admin_username: "ad min" },
    says: (n) => `Invalid ${n("admin.username")} "ad min"`,
  },
  {
    what: "a bad SSO secret id",
    props: { sso: { configSecretId: "my secret" } },
    variables: { sso_config_secret_id: "my secret" },
    says: (n) => `Invalid ${n("sso.configSecretId")} "my secret": must be a Secret Manager secret id`,
  },
  {
    what: "an image repository with a tag",
    props: { imageRepository: "mathesar/mathesar:latest" },
    variables: { image_repository: "mathesar/mathesar:latest" },
    says: (n) =>
      `Invalid ${n("imageRepository")} "mathesar/mathesar:latest": must be an image repository without a tag`,
  },
  {
    what: "no warm instance",
    props: { minInstances: 0 },
    variables: { min_instances: "0" },
    says: (n) => `Invalid ${n("minInstances")} 0: must be a whole number from 1 to 100`,
  },
  {
    what: "too many instances",
    props: { maxInstances: 101 },
    variables: { max_instances: "101" },
    says: (n) => `Invalid ${n("maxInstances")} 101: must be a whole number from 1 to 100`,
  },
  {
    what: "min above max",
    props: { minInstances: 5, maxInstances: 2 },
    variables: { min_instances: "5", max_instances: "2" },
    says: (n) => `Invalid ${n("maxInstances")} 2: must not be below ${n("minInstances")} 5.`,
  },
  {
    what: "a malformed OAuth client id",
    props: { iap: { members: [MEMBER], oauthClientId: "my-client" } },
    variables: { iap_members: `["${MEMBER}"]`, iap_oauth_client_id: "my-client" },
    says: (n) => `Invalid ${n("iap.oauthClientId")} "my-client": must be an OAuth client id`,
  },
  {
    what: "an OAuth client id without its secret",
    props: { iap: { members: [MEMBER], oauthClientId: CLIENT_ID } },
    variables: { iap_members: `["${MEMBER}"]`, iap_oauth_client_id: CLIENT_ID },
    says: (n) =>
      `Invalid ${n("iap.oauthClientSecret")}: ${n("iap.oauthClientId")} and ${n("iap.oauthClientSecret")} go together`,
  },
  {
    what: "Cloud Armor and an existing policy",
    props: { cloudArmor: {}, securityPolicy: "campus-edge" },
    variables: { cloud_armor_enabled: "true", security_policy: "campus-edge" },
    says: (n) => `Invalid ${n("cloudArmor")} with ${n("securityPolicy")}: give one`,
  },
  {
    what: "a rate limit below a request a second",
    props: { cloudArmor: { rateLimitPerMinute: 10 } },
    variables: { cloud_armor_enabled: "true", cloud_armor_rate_limit_per_minute: "10" },
    says: (n) => `Invalid ${n("cloudArmor.rateLimitPerMinute")} 10: must be a whole number from 60 to 10000`,
  },
  {
    what: "a rate limit above Cloud Armor's",
    props: { cloudArmor: { rateLimitPerMinute: 20000 } },
    variables: { cloud_armor_enabled: "true", cloud_armor_rate_limit_per_minute: "20000" },
    says: (n) => `Invalid ${n("cloudArmor.rateLimitPerMinute")} 20000: must be a whole number from 60 to 10000`,
  },
  {
    what: "a policy that is no policy name",
    props: { securityPolicy: "Campus Edge" },
    variables: { security_policy: "Campus Edge" },
    says: (n) => `Invalid ${n("securityPolicy")} "Campus Edge": must be a Cloud Armor policy`,
  },
  {
    what: "Caddy with IAP",
    props: { runtime: "vm", vm: { edge: "caddy" }, iap: { members: [MEMBER] } },
    variables: { runtime: "vm", vm_edge: "caddy", iap_members: `["${MEMBER}"]` },
    says: (n) =>
      `Invalid ${n("vm.edge")} "caddy" with ${n("iap.members")}, ${n("cloudArmor")} or ${n("securityPolicy")}: they live on the load balancer`,
  },
  {
    what: "Caddy with Cloud Armor",
    props: { runtime: "vm", vm: { edge: "caddy" }, cloudArmor: {} },
    variables: { runtime: "vm", vm_edge: "caddy", cloud_armor_enabled: "true" },
    says: (n) =>
      `Invalid ${n("vm.edge")} "caddy" with ${n("iap.members")}, ${n("cloudArmor")} or ${n("securityPolicy")}: they live on the load balancer`,
  },
  {
    what: "Caddy with a policy",
    props: { runtime: "vm", vm: { edge: "caddy" }, securityPolicy: "campus-edge" },
    variables: { runtime: "vm", vm_edge: "caddy", security_policy: "campus-edge" },
    says: (n) =>
      `Invalid ${n("vm.edge")} "caddy" with ${n("iap.members")}, ${n("cloudArmor")} or ${n("securityPolicy")}: they live on the load balancer`,
  },
  {
    what: "Caddy settings behind the load balancer",
    props: { runtime: "vm", vm: { acmeEmail: "ops@example.org" } },
    variables: { runtime: "vm", acme_email: "ops@example.org" },
    says: (n) =>
      `Invalid ${n("vm.acmeEmail")} or ${n("vm.allowedSourceRanges")} with ${n("vm.edge")} "load_balancer": they apply to "caddy" only`,
  },
  {
    what: "a malformed machine type",
    props: { runtime: "vm", vm: { machineType: "E2 Medium" } },
    variables: { runtime: "vm", vm_machine_type: "E2 Medium" },
    says: (n) => `Invalid ${n("vm.machineType")} "E2 Medium"`,
  },
  {
    what: "an unknown VM edge",
    props: { runtime: "vm", vm: { edge: "nginx" as never } },
    variables: { runtime: "vm", vm_edge: "nginx" },
    says: (n) => `Invalid ${n("vm.edge")} "nginx": must be one of "load_balancer", "caddy"`,
  },
  {
    what: "a subnet too small",
    props: { network: { subnetCidr: "10.10.0.0/30" } },
    variables: { subnet_cidr: "10.10.0.0/30" },
    says: (n) => `Invalid ${n("network.subnetCidr")} "10.10.0.0/30": must be an IPv4 CIDR block from /8 to /26`,
  },
  {
    what: "a PSA range with an existing database",
    props: {
      network: { privateServiceAccessCidr: "10.20.0.0/20" },
      database: { existing: { host: "10.0.0.3", passwordSecretId: "db" } },
    },
    variables: {
      private_service_access_cidr: "10.20.0.0/20",
      existing_database: '{ host = "10.0.0.3", password_secret_id = "db" }',
    },
    says: (n) =>
      `Invalid ${n("network.privateServiceAccessCidr")} with ${n("database.existing")}: no Private Service Access is created for an existing database.`,
  },
  {
    what: "a PSA range on a network that has Private Service Access",
    props: {
      network: { existing: { networkId: NETWORK, subnetworkId: SUBNETWORK }, privateServiceAccessCidr: "10.20.0.0/20" },
    },
    variables: {
      existing_network: `{ network_id = "${NETWORK}", subnetwork_id = "${SUBNETWORK}" }`,
      private_service_access_cidr: "10.20.0.0/20",
    },
    says: (n) =>
      `Invalid ${n("network.privateServiceAccessCidr")}: Private Service Access is already connected on ` +
      `${n("network.existing")} (set ${n("network.existing.privateServiceAccessConnected")} false to create ` +
      `it here).`,
  },
  {
    what: "a PSA range too small",
    props: { network: { privateServiceAccessCidr: "10.20.0.0/28" } },
    variables: { private_service_access_cidr: "10.20.0.0/28" },
    says: (n) =>
      `Invalid ${n("network.privateServiceAccessCidr")} "10.20.0.0/28": must be an IPv4 CIDR block from /16 to /24`,
  },
  {
    what: "PostgreSQL 13",
    props: { database: { managed: { version: 13 } } },
    variables: { database_version: "13" },
    says: (n) => `Invalid ${n("database.managed.version")} 13: must be a whole number from 14 to 17`,
  },
  {
    what: "a bad Cloud SQL tier",
    props: { database: { managed: { tier: "n1-standard-2" } } },
    variables: { database_tier: "n1-standard-2" },
    says: (n) => `Invalid ${n("database.managed.tier")} "n1-standard-2": must be a Cloud SQL tier`,
  },
  {
    what: "a disk below Cloud SQL's minimum",
    props: { database: { managed: { diskSizeGb: 5 } } },
    variables: { database_disk_size_gb: "5" },
    says: (n) => `Invalid ${n("database.managed.diskSizeGb")} 5: must be a whole number from 10 to 65536 GB`,
  },
  {
    what: "backups for 3 days",
    props: { database: { managed: { backupRetentionDays: 3 } } },
    variables: { backup_retention_days: "3" },
    says: (n) => `Invalid ${n("database.managed.backupRetentionDays")} 3: must be a whole number from 7 to 365`,
  },
  {
    what: "a password version 0",
    props: { database: { managed: { passwordVersion: 0 } } },
    variables: { database_password_version: "0" },
    says: (n) => `Invalid ${n("database.managed.passwordVersion")} 0: must be a whole number from 1`,
  },
];
