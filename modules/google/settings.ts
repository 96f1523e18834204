/**
 * The settings of terraform-google-mathesar, declared once: each root variable with its type, default,
 * description and input rule, bound to the `MathesarOnGoogleCloudProps` path it means. The root module's
 * variables, the props its wiring reads and the construct's single-prop checks all come from this table
 * (modules/terraform/wiring/settings.ts). Variable names are today's published ones; where one differs from
 * the snake_case of its prop, `labels` is Google's word for the tags of other targets and the rest keep
 * their published names (renaming a root variable breaks every caller).
 */
import { OPTIONAL_EMAIL_RULE, SIZE_RULE } from "../mathesar";
import { CONTRACT_VARIABLES, nameVariable, withSsoVersionCheck } from "../mathesar/contract-variables";
import {
  existingDatabaseFieldValidation,
  existingDatabaseValidations,
} from "../mathesar/existing-database-validations";
import type { Settings } from "../terraform/wiring";
import { GOOGLE_DEFAULTS } from "./defaults";
import {
  CLOUD_SQL_SSL_MODE_RULE,
  CLOUD_SQL_VERIFY_FULL_REASON,
  DNS_ZONE_RULE,
  GOOGLE_BACKUP_RETENTION_RULE,
  GOOGLE_DATABASE_HOST_RULE,
  GOOGLE_IMAGE_REPOSITORY_RULE,
  GOOGLE_NAME_MAX_LENGTH,
  GOOGLE_NAME_RULE,
  GOOGLE_POSTGRES_VERSION_RULE,
  IAP_MEMBER_RULE,
  INSTANCE_COUNT_RULE,
  LABEL_KEY_RULE,
  LABEL_VALUE_RULE,
  MACHINE_TYPE_RULE,
  NETWORK_ID_RULE,
  OAUTH_CLIENT_ID_RULE,
  PASSWORD_VERSION_RULE,
  PROJECT_ID_RULE,
  PSA_CIDR_RULE,
  RATE_LIMIT_RULE,
  REGION_RULE,
  RUNTIME_RULE,
  SECRET_ID_RULE,
  SECURITY_POLICY_RULE,
  SOURCE_RANGE_RULE,
  SQL_DISK_RULE,
  SQL_TIER_RULE,
  SUBNETWORK_ID_RULE,
  SUBNET_CIDR_RULE,
  VM_EDGE_RULE,
  ZONE_RULE,
} from "./inputs";

/** Source ranges one Cloud Armor rule may match. */
export const MAX_CLOUD_ARMOR_RANGES = 10;

/** `alltrue` of a rule over every entry of a list variable. */
const every = (list: string, condition: (item: string) => string) =>
  `alltrue([for item in ${list} : ${condition("item")}])`;

/** The root module's settings, by variable name. */
export const GOOGLE_SETTINGS: Settings = {
  project: {
    prop: "project",
    type: "string",
    description: "Google Cloud project to deploy into.",
    rule: PROJECT_ID_RULE,
  },
  region: {
    prop: "region",
    type: "string",
    description: "Region of Cloud Run, Cloud SQL, the subnetwork and the VM.",
    default: GOOGLE_DEFAULTS.region,
    rule: REGION_RULE,
  },
  name: { prop: "name", ...nameVariable(GOOGLE_NAME_RULE, GOOGLE_NAME_MAX_LENGTH) },
  domain_name: { prop: "domainName", ...CONTRACT_VARIABLES.domain_name },
  dns_zone: {
    prop: "dnsZone",
    type: "string",
    description:
      "Cloud DNS managed zone of domain_name in project: an A record is created there. Null: point the domain at the ip_address output yourself.",
    default: null,
    rule: DNS_ZONE_RULE,
  },
  mathesar_version: { prop: "mathesarVersion", ...CONTRACT_VARIABLES.mathesar_version },
  image_repository: {
    prop: "imageRepository",
    type: "string",
    description: "Image repository without tag: Docker Hub's mathesar/mathesar, or your Artifact Registry mirror.",
    default: GOOGLE_DEFAULTS.imageRepository,
    rule: GOOGLE_IMAGE_REPOSITORY_RULE,
  },
  size: {
    prop: "size",
    type: "string",
    description:
      "small, medium or large: picks Cloud Run CPU/memory and instance counts (or the VM's machine type), " +
      "the Cloud SQL tier and disk, REGIONAL for large (see the cost table).",
    default: GOOGLE_DEFAULTS.size,
    rule: SIZE_RULE,
  },
  runtime: {
    prop: "runtime",
    type: "string",
    description: "cloud_run (managed, the default) or vm (one Compute Engine VM running Container-Optimized OS).",
    default: GOOGLE_DEFAULTS.runtime,
    rule: RUNTIME_RULE,
  },
  vm_edge: {
    prop: "vm.edge",
    type: "string",
    description:
      "With runtime = vm: load_balancer (no public IP, behind the HTTPS load balancer; IAP and Cloud Armor " +
      "available) or caddy (a static public IP, Caddy gets a Let's Encrypt certificate).",
    default: GOOGLE_DEFAULTS.vmEdge,
    rule: VM_EDGE_RULE,
  },
  vm_zone: {
    prop: "vm.zone",
    type: "string",
    description:
      "Zone of the VM; null: the region's first zone that is up when the VM is created (not every region " +
      "has a zone a), then kept in state so a zone that is down later never moves the VM and its data disk.",
    default: null,
    rule: ZONE_RULE,
  },
  vm_machine_type: {
    prop: "vm.machineType",
    type: "string",
    description: "Machine type of the VM overriding the one size picks; null: the size's.",
    default: null,
    rule: MACHINE_TYPE_RULE,
  },
  vm_cloud_nat: {
    prop: "vm.createCloudNat",
    type: "bool",
    description:
      "With runtime = vm behind the load balancer: create a Cloud Router and Cloud NAT so the VM (no public " +
      "IP) can pull the image. False when your network already NATs the subnetwork.",
    default: GOOGLE_DEFAULTS.vmCloudNat,
  },
  acme_email: {
    prop: "vm.acmeEmail",
    type: "string",
    description:
      "E-mail Let's Encrypt may write to about the certificate (vm_edge = caddy); null: none (no expiry notices).",
    default: null,
    rule: OPTIONAL_EMAIL_RULE,
  },
  subnet_cidr: {
    prop: "network.subnetCidr",
    type: "string",
    description: "CIDR of the new subnetwork (Cloud Run's Direct VPC egress takes addresses from it: /26 or larger).",
    default: GOOGLE_DEFAULTS.subnetCidr,
    rule: SUBNET_CIDR_RULE,
  },
  private_service_access_cidr: {
    prop: "network.privateServiceAccessCidr",
    type: "string",
    description:
      "Range reserved for Private Service Access (Cloud SQL's private addresses), /16 to /24; null: a /20 Google picks.",
    default: null,
    rule: PSA_CIDR_RULE,
  },
  database_version: {
    prop: "database.managed.version",
    type: "number",
    description: "PostgreSQL major version of the Cloud SQL instance (14 to 17).",
    default: GOOGLE_DEFAULTS.databaseVersion,
    rule: GOOGLE_POSTGRES_VERSION_RULE,
  },
  database_tier: {
    prop: "database.managed.tier",
    type: "string",
    description:
      "Cloud SQL machine tier overriding the one size picks, e.g. db-custom-2-7680. A db-perf-optimized-N-* " +
      "tier makes the instance the ENTERPRISE_PLUS edition (the only one that has them; it costs more). " +
      "Null: the size's.",
    default: null,
    rule: SQL_TIER_RULE,
  },
  database_disk_size_gb: {
    prop: "database.managed.diskSizeGb",
    type: "number",
    description:
      "Cloud SQL SSD size at creation in GB, overriding the size's; grows automatically, and later changes " +
      "are ignored (Cloud SQL cannot shrink a disk: grow it with gcloud sql instances patch " +
      "--storage-size). Null: the size's.",
    default: null,
    rule: SQL_DISK_RULE,
  },
  database_high_availability: {
    prop: "database.managed.highAvailability",
    type: "bool",
    description: "REGIONAL Cloud SQL (a standby in a second zone); null follows size (on for large).",
    default: null,
  },
  backup_retention_days: {
    prop: "database.managed.backupRetentionDays",
    type: "number",
    description: "Daily Cloud SQL backups kept (7 to 365); point-in-time recovery covers the last 7 days.",
    default: GOOGLE_DEFAULTS.backupRetentionDays,
    rule: GOOGLE_BACKUP_RETENTION_RULE,
  },
  database_password_version: {
    prop: "database.managed.passwordVersion",
    type: "number",
    description:
      "Version of the mathesar database user's generated password. Raise it (2, 3, ...) to write one new " +
      "password to the user and, as a new version, to its secret in the same run — the recovery when an " +
      "apply failed between the two, or to rotate it.",
    default: GOOGLE_DEFAULTS.passwordVersion,
    rule: PASSWORD_VERSION_RULE,
  },
  deletion_protection: {
    prop: "deletionProtection",
    type: "bool",
    description:
      "Cloud SQL deletion protection (Terraform's and the API's), Cloud Run's, and a guard that refuses " +
      "terraform destroy (or replacement) of the deployment — secrets, uploads, service — while on. With " +
      "existing_database the guard still keeps the SECRET_KEY secret (it decrypts what Mathesar saved " +
      "there).",
    default: GOOGLE_DEFAULTS.deletionProtection,
  },
  admin_enabled: { prop: "admin.enabled", ...CONTRACT_VARIABLES.admin_enabled },
  admin_username: { prop: "admin.username", ...CONTRACT_VARIABLES.admin_username },
  admin_email: { prop: "admin.email", ...CONTRACT_VARIABLES.admin_email },
  sso_config_secret_id: {
    prop: "sso.configSecretId",
    ...withSsoVersionCheck("sso_config_secret_id", {
      type: "string",
      description:
        "Secret Manager secret holding Mathesar's SSO configuration JSON (SSO_CONFIG_DICT); null: password login only.",
      default: null,
      rule: SECRET_ID_RULE,
    }),
  },
  require_sso_login: {
    prop: "sso.requireSsoLogin",
    ...withSsoVersionCheck("require_sso_login", CONTRACT_VARIABLES.require_sso_login, "var.require_sso_login"),
  },
  iap_members: {
    prop: "iap.members",
    type: "list(string)",
    description:
      "Google sign-in at the load balancer (IAP) for these members only: user:, group:, serviceAccount: or " +
      "domain: (e.g. group:lab@example.org). Empty: IAP off, Mathesar's own login only.",
    default: [],
    validations: [
      {
        condition: `\${${every("var.iap_members", (m) => IAP_MEMBER_RULE.condition(m))}}`,
        errorMessage: `Invalid iap_members: every entry must be ${IAP_MEMBER_RULE.allowed}.`,
      },
    ],
  },
  iap_oauth_client_id: {
    prop: "iap.oauthClientId",
    type: "string",
    description:
      "OAuth client for IAP, needed when members sign in with accounts outside your Workspace organization; null: Google's managed client.",
    default: null,
    rule: OAUTH_CLIENT_ID_RULE,
  },
  iap_oauth_client_secret: {
    prop: "iap.oauthClientSecret",
    type: "string",
    description:
      "Secret of iap_oauth_client_id (kept in Terraform state, marked sensitive); null with a null iap_oauth_client_id.",
    default: null,
    sensitive: true,
  },
  cloud_armor_enabled: {
    prop: "cloudArmor",
    presence: true,
    type: "bool",
    description:
      "Create a Cloud Armor policy: per-IP rate limit with a five-minute ban, optional source allow-list, " +
      "adaptive protection (alerts only without Cloud Armor Enterprise) (~$8/month).",
    default: false,
  },
  cloud_armor_allowed_ip_ranges: {
    prop: "cloudArmor.allowedIpRanges",
    type: "list(string)",
    description:
      `Only these source ranges reach Mathesar (up to ${MAX_CLOUD_ARMOR_RANGES}; everyone else gets 403). ` +
      `Null: every address. Needs cloud_armor_enabled.`,
    default: null,
    validations: [
      {
        condition:
          `\${var.cloud_armor_allowed_ip_ranges == null ? true : (length(var.cloud_armor_allowed_ip_ranges) >= ` +
          `1 && length(var.cloud_armor_allowed_ip_ranges) <= ${MAX_CLOUD_ARMOR_RANGES} && ` +
          `${every("var.cloud_armor_allowed_ip_ranges", (r) => SOURCE_RANGE_RULE.condition(r))})}`,
        errorMessage: `Invalid cloud_armor_allowed_ip_ranges: must list 1 to ${MAX_CLOUD_ARMOR_RANGES} entries, each ${SOURCE_RANGE_RULE.allowed}.`,
      },
    ],
  },
  cloud_armor_rate_limit_per_minute: {
    prop: "cloudArmor.rateLimitPerMinute",
    type: "number",
    description: "Requests per minute one client IP may send before Cloud Armor bans it for five minutes.",
    default: GOOGLE_DEFAULTS.rateLimitPerMinute,
    rule: RATE_LIMIT_RULE,
  },
  security_policy: {
    prop: "securityPolicy",
    type: "string",
    description:
      "An existing Cloud Armor policy to attach instead of creating one; null: none (or the one cloud_armor_enabled creates).",
    default: null,
    rule: SECURITY_POLICY_RULE,
  },
  min_instances: {
    prop: "minInstances",
    type: "number",
    description:
      "Cloud Run instances kept warm, overriding the size's (at least 1: a cold start migrates before it answers); null: the size's.",
    default: null,
    rule: INSTANCE_COUNT_RULE,
  },
  max_instances: {
    prop: "maxInstances",
    type: "number",
    description: "Most Cloud Run instances, overriding the size's; null: the size's.",
    default: null,
    rule: INSTANCE_COUNT_RULE,
  },
  // Google's word: the same setting as the other targets' tags.
  labels: {
    prop: "tags",
    type: "map(string)",
    description: "Labels added to every resource that takes them (besides application = mathesar).",
    default: {},
    validations: [
      {
        condition: `\${alltrue([for key, value in var.labels : ${LABEL_KEY_RULE.condition("key")} && ${LABEL_VALUE_RULE.condition("value")}])}`,
        errorMessage: `Invalid labels: every key must be ${LABEL_KEY_RULE.allowed}, every value ${LABEL_VALUE_RULE.allowed}.`,
      },
    ],
  },
  caddy_allowed_source_ranges: {
    prop: "vm.allowedSourceRanges",
    type: "list(string)",
    description:
      "With vm_edge = caddy: networks allowed to reach ports 80 and 443. Let's Encrypt validates from the " +
      "internet, so a narrower list needs another way to get the certificate. Null: everyone.",
    default: null,
    validations: [
      {
        condition: `\${var.caddy_allowed_source_ranges == null ? true : ${every("var.caddy_allowed_source_ranges", (r) => SOURCE_RANGE_RULE.condition(r))}}`,
        errorMessage: `Invalid caddy_allowed_source_ranges: every entry must be ${SOURCE_RANGE_RULE.allowed}.`,
      },
    ],
  },
  existing_network: {
    prop: "network.existing",
    fields: {
      networkId: { attribute: "network_id" },
      subnetworkId: { attribute: "subnetwork_id" },
      privateServiceAccessConnected: { attribute: "private_service_access_connected", kind: "boolean" },
    },
    type: "object({ network_id = string, subnetwork_id = string, private_service_access_connected = optional(bool, true) })",
    description:
      "A network you already have: its id, a subnetwork in region, and whether Private Service Access is " +
      "connected on it already (false: a range and the connection are created). Null creates a network.",
    default: null,
    validations: [
      {
        condition:
          `\${var.existing_network == null ? true : ` +
          `(${NETWORK_ID_RULE.condition("var.existing_network.network_id")} && ${SUBNETWORK_ID_RULE.condition("var.existing_network.subnetwork_id")})}`,
        errorMessage: `Invalid existing_network: network_id must be ${NETWORK_ID_RULE.allowed}, subnetwork_id ${SUBNETWORK_ID_RULE.allowed}.`,
      },
    ],
  },
  database_sslmode: {
    prop: "database.managed.sslMode",
    type: "string",
    description:
      "TLS to the Cloud SQL instance the module creates, set as libpq's PGSSLMODE: require (encrypted; the " +
      "instance refuses anything else) or verify-ca (also verified against the instance's own server CA, " +
      "read from the instance; apply again after a server CA rotation). Not verify-full: Cloud SQL's server " +
      "certificates do not name the private IP.",
    default: GOOGLE_DEFAULTS.sslMode,
    rule: CLOUD_SQL_SSL_MODE_RULE,
    validations: [
      {
        condition: '${var.database_sslmode != "verify-full"}',
        errorMessage: `Invalid database_sslmode "verify-full": ${CLOUD_SQL_VERIFY_FULL_REASON}.`,
      },
    ],
  },
  existing_database: {
    prop: "database.existing",
    fields: {
      host: { attribute: "host" },
      port: { attribute: "port", kind: "number" },
      databaseName: { attribute: "database_name" },
      user: { attribute: "user" },
      sslMode: { attribute: "sslmode" },
      passwordSecretId: { attribute: "password_secret_id" },
      caCertificate: { attribute: "ca_certificate" },
    },
    type:
      'object({ host = string, port = optional(number, 5432), database_name = optional(string, "mathesar"), ' +
      'user = optional(string, "mathesar"), sslmode = optional(string, "require"), password_secret_id = ' +
      "string, ca_certificate = optional(string) })",
    description:
      "A Cloud SQL instance or any PostgreSQL you already run, reachable from the network (the internal " +
      "database must exist and belong to user; see docs/existing-database.md). The password comes from the " +
      "Secret Manager secret password_secret_id. ca_certificate: the server's CA, PEM, for sslmode " +
      "verify-ca/verify-full (for Cloud SQL only verify-ca: its certificates do not name the private IP). " +
      "Null creates Cloud SQL.",
    default: null,
    validations: [
      ...existingDatabaseValidations({ withCaCertificate: true }),
      // The shared rule admits Unix-socket paths; nothing provides one on Google Cloud.
      existingDatabaseFieldValidation(
        "host",
        (ref) => GOOGLE_DATABASE_HOST_RULE.condition(ref),
        GOOGLE_DATABASE_HOST_RULE.allowed,
      ),
      existingDatabaseFieldValidation(
        "password_secret_id",
        (ref) => SECRET_ID_RULE.condition(ref),
        `${SECRET_ID_RULE.allowed} — the password is never a plain input`,
      ),
    ],
  },
};
