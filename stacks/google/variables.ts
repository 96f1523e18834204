/**
 * Terraform variables of the published Google Cloud modules, declared once and shared by the root module and
 * the submodules that take the same input. Rules are the TypeScript ones, named per module.
 */
import {
  CONTRACT_DEFAULTS,
  DEFAULT_SIZE,
  MATHESAR_IMAGE_REPOSITORY,
  OPTIONAL_EMAIL_RULE,
  SIZE_RULE,
} from "../../modules/mathesar";
import {
  DEFAULT_GOOGLE_REGION,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DNS_ZONE_RULE,
  GOOGLE_BACKUP_RETENTION_RULE,
  GOOGLE_IMAGE_REPOSITORY_RULE,
  GOOGLE_POSTGRES_VERSION_RULE,
  INSTANCE_COUNT_RULE,
  MACHINE_TYPE_RULE,
  OAUTH_CLIENT_ID_RULE,
  PASSWORD_VERSION_RULE,
  GOOGLE_NAME_MAX_LENGTH,
  GOOGLE_NAME_RULE,
  PROJECT_ID_RULE,
  PSA_CIDR_RULE,
  RATE_LIMIT_RULE,
  REGION_RULE,
  RUNTIME_RULE,
  SECRET_ID_RULE,
  SECURITY_POLICY_RULE,
  SQL_DISK_RULE,
  SQL_TIER_RULE,
  SUBNET_CIDR_RULE,
  VM_EDGE_RULE,
  ZONE_RULE,
} from "../../modules/google";
import type { VariableSpec } from "../../modules/terraform";
import { CONTRACT_VARIABLES, nameVariable } from "../shared/contract-variables";

const v = (spec: VariableSpec): VariableSpec => spec;

/** Variables by name; each module picks the ones it takes. */
export const GOOGLE_VARIABLES = {
  project: v({ type: "string", description: "Google Cloud project to deploy into.", rule: PROJECT_ID_RULE }),
  region: v({
    type: "string",
    description: "Region of Cloud Run, Cloud SQL, the subnetwork and the VM.",
    default: DEFAULT_GOOGLE_REGION,
    rule: REGION_RULE,
  }),
  name: nameVariable(GOOGLE_NAME_RULE, GOOGLE_NAME_MAX_LENGTH),
  domain_name: CONTRACT_VARIABLES.domain_name,
  dns_zone: v({
    type: "string",
    description:
      "Cloud DNS managed zone of domain_name in project: an A record is created there. Null: point the domain at the ip_address output yourself.",
    default: null,
    rule: DNS_ZONE_RULE,
  }),
  mathesar_version: CONTRACT_VARIABLES.mathesar_version,
  image_repository: v({
    type: "string",
    description: "Image repository without tag: Docker Hub's mathesar/mathesar, or your Artifact Registry mirror.",
    default: MATHESAR_IMAGE_REPOSITORY,
    rule: GOOGLE_IMAGE_REPOSITORY_RULE,
  }),
  size: v({
    type: "string",
    description:
      "small, medium or large: picks Cloud Run CPU/memory and instance counts (or the VM's machine type), the Cloud SQL tier and disk, REGIONAL for large (see the cost table).",
    default: DEFAULT_SIZE,
    rule: SIZE_RULE,
  }),
  runtime: v({
    type: "string",
    description: "cloud_run (managed, the default) or vm (one Compute Engine VM running Container-Optimized OS).",
    default: "cloud_run",
    rule: RUNTIME_RULE,
  }),
  vm_edge: v({
    type: "string",
    description:
      "With runtime = vm: load_balancer (no public IP, behind the HTTPS load balancer; IAP and Cloud Armor available) or caddy (a static public IP, Caddy gets a Let's Encrypt certificate).",
    default: "load_balancer",
    rule: VM_EDGE_RULE,
  }),
  vm_zone: v({
    type: "string",
    description:
      "Zone of the VM; null: the region's first zone that is up when the VM is created (not every region has a zone a), then kept in state so a zone that is down later never moves the VM and its data disk.",
    default: null,
    rule: ZONE_RULE,
  }),
  vm_machine_type: v({
    type: "string",
    description: "Machine type of the VM overriding the one size picks; null: the size's.",
    default: null,
    rule: MACHINE_TYPE_RULE,
  }),
  vm_cloud_nat: v({
    type: "bool",
    description:
      "With runtime = vm behind the load balancer: create a Cloud Router and Cloud NAT so the VM (no public IP) can pull the image. False when your network already NATs the subnetwork.",
    default: true,
  }),
  acme_email: v({
    type: "string",
    description:
      "E-mail Let's Encrypt may write to about the certificate (vm_edge = caddy); null: none (no expiry notices).",
    default: null,
    rule: OPTIONAL_EMAIL_RULE,
  }),
  subnet_cidr: v({
    type: "string",
    description: "CIDR of the new subnetwork (Cloud Run's Direct VPC egress takes addresses from it: /26 or larger).",
    default: "10.10.0.0/24",
    rule: SUBNET_CIDR_RULE,
  }),
  private_service_access_cidr: v({
    type: "string",
    description:
      "Range reserved for Private Service Access (Cloud SQL's private addresses), /16 to /24; null: a /20 Google picks.",
    default: null,
    rule: PSA_CIDR_RULE,
  }),
  database_version: v({
    type: "number",
    description: "PostgreSQL major version of the Cloud SQL instance (14 to 17).",
    default: CONTRACT_DEFAULTS.databaseVersion,
    rule: GOOGLE_POSTGRES_VERSION_RULE,
  }),
  database_tier: v({
    type: "string",
    description:
      "Cloud SQL machine tier overriding the one size picks, e.g. db-custom-2-7680. A db-perf-optimized-N-* tier makes the instance the ENTERPRISE_PLUS edition (the only one that has them; it costs more). Null: the size's.",
    default: null,
    rule: SQL_TIER_RULE,
  }),
  database_disk_size_gb: v({
    type: "number",
    description:
      "Cloud SQL SSD size at creation in GB, overriding the size's; grows automatically, and later changes are ignored (Cloud SQL cannot shrink a disk: grow it with gcloud sql instances patch --storage-size). Null: the size's.",
    default: null,
    rule: SQL_DISK_RULE,
  }),
  database_high_availability: v({
    type: "bool",
    description: "REGIONAL Cloud SQL (a standby in a second zone); null follows size (on for large).",
    default: null,
  }),
  backup_retention_days: v({
    type: "number",
    description: "Daily Cloud SQL backups kept (7 to 365); point-in-time recovery covers the last 7 days.",
    default: 7,
    rule: GOOGLE_BACKUP_RETENTION_RULE,
  }),
  database_password_version: v({
    type: "number",
    description:
      "Version of the mathesar database user's generated password. Raise it (2, 3, ...) to write one new password to the user and, as a new version, to its secret in the same run — the recovery when an apply failed between the two, or to rotate it.",
    default: 1,
    rule: PASSWORD_VERSION_RULE,
  }),
  deletion_protection: v({
    type: "bool",
    description:
      "Cloud SQL deletion protection (Terraform's and the API's), Cloud Run's, and a guard that refuses terraform destroy (or replacement) of the deployment — secrets, uploads, service — while on. With existing_database the guard still keeps the SECRET_KEY secret (it decrypts what Mathesar saved there).",
    default: true,
  }),
  admin_enabled: CONTRACT_VARIABLES.admin_enabled,
  admin_username: CONTRACT_VARIABLES.admin_username,
  admin_email: CONTRACT_VARIABLES.admin_email,
  sso_config_secret_id: v({
    type: "string",
    description:
      "Secret Manager secret holding Mathesar's SSO configuration JSON (SSO_CONFIG_DICT); null: password login only.",
    default: null,
    rule: SECRET_ID_RULE,
  }),
  require_sso_login: CONTRACT_VARIABLES.require_sso_login,
  iap_oauth_client_id: v({
    type: "string",
    description:
      "OAuth client for IAP, needed when members sign in with accounts outside your Workspace organization; null: Google's managed client.",
    default: null,
    rule: OAUTH_CLIENT_ID_RULE,
  }),
  iap_oauth_client_secret: v({
    type: "string",
    description:
      "Secret of iap_oauth_client_id (kept in Terraform state, marked sensitive); null with a null iap_oauth_client_id.",
    default: null,
    sensitive: true,
  }),
  cloud_armor_enabled: v({
    type: "bool",
    description:
      "Create a Cloud Armor policy: per-IP rate limit with a five-minute ban, optional source allow-list, adaptive protection (alerts only without Cloud Armor Enterprise) (~$8/month).",
    default: false,
  }),
  cloud_armor_rate_limit_per_minute: v({
    type: "number",
    description: "Requests per minute one client IP may send before Cloud Armor bans it for five minutes.",
    default: DEFAULT_RATE_LIMIT_PER_MINUTE,
    rule: RATE_LIMIT_RULE,
  }),
  security_policy: v({
    type: "string",
    description:
      "An existing Cloud Armor policy to attach instead of creating one; null: none (or the one cloud_armor_enabled creates).",
    default: null,
    rule: SECURITY_POLICY_RULE,
  }),
  min_instances: v({
    type: "number",
    description:
      "Cloud Run instances kept warm, overriding the size's (at least 1: a cold start migrates before it answers); null: the size's.",
    default: null,
    rule: INSTANCE_COUNT_RULE,
  }),
  max_instances: v({
    type: "number",
    description: "Most Cloud Run instances, overriding the size's; null: the size's.",
    default: null,
    rule: INSTANCE_COUNT_RULE,
  }),
  labels: v({ type: "map(string)", description: "Labels added to every resource that takes them.", default: {} }),
} as const;
