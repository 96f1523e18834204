/**
 * The Google Cloud building blocks, each declared once (modules/terraform/wiring/block-spec.ts): the
 * construct the composite creates and the submodule of terraform-google-mathesar come from the same spec.
 * A submodule variable is the snake_case of the block prop it sets; where libpq's own word wins
 * (`database_sslmode` for `database.sslMode`) a comment says so.
 */
import type { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import {
  DATABASE_LOGIN_RULE,
  NO_DATABASE_CA,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_WITH_CA_RULE,
} from "../mathesar";
import { ifElse, optionalAttribute } from "../terraform";
import type { VariableSpec } from "../terraform";
import type { BlockSpec, BlockVariable } from "../terraform/wiring";
import { type GoogleRuntimeSettings, MathesarGoogleCloudRun, type MathesarGoogleCloudRunProps } from "./cloud-run";
import { googleRuntimeEnvironment } from "./cloud-run";
import { MathesarGoogleDatabase, type MathesarGoogleDatabaseProps } from "./database";
import { MathesarGoogleEdge, type MathesarGoogleEdgeProps } from "./edge";
import {
  GOOGLE_DATABASE_HOST_RULE,
  MACHINE_TYPE_RULE,
  NETWORK_ID_RULE,
  SECRET_ID_RULE,
  SUBNETWORK_ID_RULE,
  VM_EDGE_RULE,
  ZONE_RULE,
} from "./inputs";
import { MathesarGoogleNetwork, type MathesarGoogleNetworkProps } from "./network";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "./providers";
import { MathesarGoogleSecrets, type GoogleSecretSettings } from "./secrets";
import { GOOGLE_SETTINGS } from "./settings";
import { MathesarGoogleVm, type MathesarGoogleVmProps } from "./vm";

/** A root setting's spec (type, default, description, rule) for a block variable bound to `prop`. */
function like(setting: string, prop: string, overrides: Partial<VariableSpec> = {}): BlockVariable {
  const {
    prop: _prop,
    fields: _fields,
    presence: _presence,
    validations: _validations,
    ...spec
  } = GOOGLE_SETTINGS[setting];
  return { ...spec, ...overrides, prop };
}

const google = (scope: Construct) => new GoogleProvider(scope, "google");
const googleAndRandom = (scope: Construct) => {
  new GoogleProvider(scope, "google");
  new RandomProvider(scope, "random");
};
const common = { providers: GOOGLE_MODULE_PROVIDERS, requiredTerraform: GOOGLE_REQUIRED_TERRAFORM };
const secretId = (description: string, prop: string): BlockVariable => ({
  type: "string",
  description,
  rule: SECRET_ID_RULE,
  prop,
});

/** The labels a block puts on its resources (the root adds application = mathesar). */
const LABELS = like("labels", "labels", { description: "Labels added to every resource that takes them." });

/** Name, project and region: every block's first variables. */
const WHERE = {
  name: like("name", "name"),
  project: like("project", "project"),
  region: like("region", "region"),
};

/** The network block. */
export const GOOGLE_NETWORK_BLOCK: BlockSpec<
  MathesarGoogleNetworkProps,
  MathesarGoogleNetwork,
  "network_id" | "subnetwork_id" | "private_service_access"
> = {
  ...common,
  module: "network",
  folder: "network",
  id: "Network",
  description:
    "A VPC network with one subnetwork (Private Google Access, flow logs) and Private Service Access for " +
    "Cloud SQL's private IP — or only Private Service Access on a network you already have.",
  declareProviders: google,
  variables: {
    ...WHERE,
    existing_network_id: {
      type: "string",
      description: "An existing network; null creates one.",
      default: null,
      rule: NETWORK_ID_RULE,
      prop: "existing.networkId",
    },
    existing_subnetwork_id: {
      type: "string",
      description: "A subnetwork of the existing network in region (required with existing_network_id).",
      default: null,
      rule: SUBNETWORK_ID_RULE,
      prop: "existing.subnetworkId",
    },
    subnet_cidr: like("subnet_cidr", "subnetCidr"),
    create_private_service_access: {
      type: "bool",
      description:
        "Reserve a range and connect Private Service Access (once per network; a managed Cloud SQL needs it).",
      default: true,
      prop: "createPrivateServiceAccess",
    },
    private_service_access_cidr: like("private_service_access_cidr", "privateServiceAccessCidr"),
  },
  create: (scope, id, props) => new MathesarGoogleNetwork(scope, id, props),
  outputs: {
    network_id: { description: "Id of the network.", value: (network) => network.networkId },
    subnetwork_id: { description: "Id of the subnetwork.", value: (network) => network.subnetworkId },
    private_service_access: {
      description: "Id of the Private Service Access connection (null when not created here).",
      value: (network) => (network.privateServiceAccess ? optionalAttribute(network.privateServiceAccess, "id") : null),
    },
  },
};

/** The application secrets block. */
export const GOOGLE_SECRETS_BLOCK: BlockSpec<
  GoogleSecretSettings,
  MathesarGoogleSecrets,
  "secret_key_secret_id" | "secret_key_name" | "secret_key_created" | "admin_password_secret_id" | "admin_password_name"
> = {
  ...common,
  module: "secrets",
  folder: "secrets",
  id: "Secrets",
  description:
    "Mathesar's SECRET_KEY and first-admin password in Secret Manager, generated by an ephemeral " +
    "random_password and written through write-only arguments: never in Terraform state or plan files.",
  declareProviders: googleAndRandom,
  variables: { name: WHERE.name, project: WHERE.project, labels: LABELS },
  create: (scope, id, props) => new MathesarGoogleSecrets(scope, id, props),
  outputs: {
    secret_key_secret_id: { description: "Id of the secret holding SECRET_KEY.", value: (s) => s.secretKey.secretId },
    secret_key_name: { description: "Full name of the secret holding SECRET_KEY.", value: (s) => s.secretKey.name },
    secret_key_created: {
      description: "When the SECRET_KEY secret was created (changes only if it is replaced).",
      value: (s) => s.secretKey.secret.createTime,
    },
    admin_password_secret_id: {
      description: "Id of the secret holding the first admin's password.",
      value: (s) => s.adminPassword.secretId,
    },
    admin_password_name: {
      description: "Full name of the secret holding the first admin's password.",
      value: (s) => s.adminPassword.name,
    },
  },
};

/** The Cloud SQL block. */
export const GOOGLE_DATABASE_BLOCK: BlockSpec<
  MathesarGoogleDatabaseProps,
  MathesarGoogleDatabase,
  | "private_ip"
  | "server_ca_certificate"
  | "endpoint"
  | "instance_name"
  | "connection_name"
  | "instance_service_account"
  | "password_secret_id"
> = {
  ...common,
  module: "database",
  folder: "database",
  id: "Database",
  description:
    "Cloud SQL for PostgreSQL with a private IP only, ENCRYPTED_ONLY connections, daily backups with " +
    "point-in-time recovery, both deletion protections, CIS log flags and pgAudit; Mathesar's database " +
    "and user, the user's password generated into Secret Manager and never in state. Call it after " +
    "Private Service Access is connected (depends_on).",
  declareProviders: googleAndRandom,
  variables: {
    ...WHERE,
    network_id: {
      type: "string",
      description: "Network with Private Service Access connected.",
      rule: NETWORK_ID_RULE,
      prop: "networkId",
    },
    // Terraform reserves `version` as a module block argument: the variable says which version.
    postgres_version: like("database_version", "version"),
    tier: like("database_tier", "tier", {
      default: undefined,
      description:
        "Cloud SQL machine tier, e.g. db-custom-1-3840; db-perf-optimized-N-* makes the instance ENTERPRISE_PLUS.",
    }),
    disk_size_gb: like("database_disk_size_gb", "diskSizeGb", {
      default: undefined,
      description: "SSD size at creation in GB (grows automatically; later changes are ignored).",
    }),
    high_availability: {
      type: "bool",
      description: "REGIONAL availability (a standby in a second zone).",
      default: false,
      prop: "highAvailability",
    },
    backup_retention_days: like("backup_retention_days", "backupRetentionDays"),
    password_version: like("database_password_version", "passwordVersion"),
    deletion_protection: like("deletion_protection", "deletionProtection"),
    labels: LABELS,
  },
  create: (scope, id, props) => new MathesarGoogleDatabase(scope, id, props),
  outputs: {
    private_ip: { description: "Private IP address of the instance.", value: (d) => d.privateIp },
    server_ca_certificate: {
      description: "The instance's server CA certificate, PEM (for sslmode verify-ca).",
      value: (d) => d.serverCaCertificate,
    },
    endpoint: { description: "Private host:port.", value: (d) => Fn.format("%s:5432", [d.privateIp]) },
    instance_name: {
      description: "Cloud SQL instance name (for backups and restores).",
      value: (d) => d.instance.name,
    },
    connection_name: {
      description: "Connection name project:region:instance (Cloud SQL Auth Proxy).",
      value: (d) => d.instance.connectionName,
    },
    instance_service_account: {
      description:
        "The instance's own service account: changes only when the instance is replaced (the deletion guard watches it).",
      value: (d) => d.instance.serviceAccountEmailAddress,
    },
    password_secret_id: {
      description: "Id of the secret holding the mathesar user's password.",
      value: (d) => d.passwordSecret.secretId,
    },
  },
};

/** Variables both runtime blocks (Cloud Run and the VM) take: the image, the database, the secrets, the admin. */
const RUNTIME_VARIABLES: Record<string, BlockVariable> = {
  ...WHERE,
  network_id: {
    type: "string",
    description: "Network Mathesar reaches its database through.",
    rule: NETWORK_ID_RULE,
    prop: "networkId",
  },
  subnetwork_id: {
    type: "string",
    description: "Subnetwork in region.",
    rule: SUBNETWORK_ID_RULE,
    prop: "subnetworkId",
  },
  image: { type: "string", description: "Full image reference registry/repository:tag.", prop: "image" },
  domain_name: like("domain_name", "domainName"),
  web_concurrency: { type: "number", description: "Gunicorn workers per instance.", prop: "webConcurrency" },
  database_host: {
    type: "string",
    description: "Host of Mathesar's internal database. Required: without it Mathesar starts a throwaway database.",
    rule: GOOGLE_DATABASE_HOST_RULE,
    prop: "database.host",
  },
  database_port: {
    type: "number",
    description: "PostgreSQL port.",
    default: 5432,
    rule: PORT_RULE,
    prop: "database.port",
  },
  database_name: {
    type: "string",
    description: "Mathesar's internal database.",
    default: "mathesar",
    rule: POSTGRES_IDENTIFIER_RULE,
    prop: "database.name",
  },
  database_user: {
    type: "string",
    description: "Role Mathesar logs in as (a pooler login may contain a dot).",
    default: "mathesar",
    rule: DATABASE_LOGIN_RULE,
    prop: "database.user",
  },
  database_password_secret_id: secretId("Secret holding database_user's password.", "database.passwordSecretId"),
  // libpq's word (PGSSLMODE, sslmode), as the root module's database_sslmode.
  database_sslmode: {
    type: "string",
    description:
      "TLS mode, set as libpq's PGSSLMODE (require for every managed database; verify-ca/verify-full need database_ca_certificate).",
    default: "require",
    rule: SSL_MODE_WITH_CA_RULE,
    prop: "database.sslMode",
  },
  database_ca_certificate: {
    type: "string",
    description: `The database server's CA certificate(s), PEM, written to a file at start and named by PGSSLROOTCERT; "${NO_DATABASE_CA}": none.`,
    default: NO_DATABASE_CA,
    prop: "database.caCertificate",
  },
  secret_key_secret_id: secretId("Secret holding SECRET_KEY.", "secretKeySecretId"),
  admin_enabled: like("admin_enabled", "admin.enabled"),
  admin_username: like("admin_username", "admin.username"),
  admin_email: like("admin_email", "admin.email"),
  admin_password_secret_id: secretId("Secret holding the first admin's password.", "admin.passwordSecretId"),
  sso_config_secret_id: like("sso_config_secret_id", "ssoConfig.secretId"),
  require_sso_login: like("require_sso_login", "requireSsoLogin"),
  labels: LABELS,
};

/** The Cloud Run block. */
export const GOOGLE_CLOUD_RUN_BLOCK: BlockSpec<
  MathesarGoogleCloudRunProps,
  MathesarGoogleCloudRun,
  "service_name" | "service_uri" | "service_account_email" | "media_bucket"
> = {
  ...common,
  module: "cloud_run",
  folder: "cloud-run",
  id: "CloudRun",
  description:
    "Mathesar on Cloud Run: reachable only through the load balancer, Direct VPC egress to private " +
    "ranges, a service account that reads exactly its secrets and uploads bucket, secrets as Secret " +
    "Manager references, the locked bootstrap (migrations, first admin) at every start, a startup probe " +
    "that waits out first-boot migrations.",
  declareProviders: google,
  variables: {
    ...RUNTIME_VARIABLES,
    cpu: { type: "number", description: "vCPUs per instance (1, 2, 4, 6 or 8).", prop: "cpu" },
    memory_mib: { type: "number", description: "Memory per instance in MiB.", prop: "memoryMiB" },
    min_instances: like("min_instances", "minInstances", { default: 1 }),
    max_instances: like("max_instances", "maxInstances", { default: 2 }),
    deletion_protection: like("deletion_protection", "deletionProtection"),
    iap_enabled: {
      type: "bool",
      description:
        "IAP guards the load balancer: the service keeps its invoker check and only IAP's service agent may " +
        "invoke it (false: no invoker check, the load balancer's requests are unauthenticated).",
      default: false,
      prop: "iapEnabled",
    },
  },
  create: (scope, id, props) => new MathesarGoogleCloudRun(scope, id, props),
  outputs: {
    service_name: { description: "Cloud Run service name.", value: (r) => r.service.name },
    service_uri: {
      description: "The run.app URL (answers only through the load balancer).",
      value: (r) => r.service.uri,
    },
    service_account_email: { description: "Identity of the service.", value: (r) => r.serviceAccount.email },
    media_bucket: { description: "Bucket of uploaded files.", value: (r) => r.mediaBucket.name },
  },
};

/** What the VM block takes: the runtime settings and the VM's own. */
export interface GoogleVmBlockProps extends GoogleRuntimeSettings {
  /** Region. */
  readonly region: string;
  /** Zone of the VM. */
  readonly zone: string;
  /** Machine type. */
  readonly machineType: string;
  /** Network. */
  readonly networkId: string;
  /** Subnetwork. */
  readonly subnetworkId: string;
  /** `load_balancer` or `caddy`. */
  readonly edge: string;
  /** With `caddy`: who may reach 80 and 443. @default ["0.0.0.0/0"] */
  readonly allowedSourceRanges?: string[];
  /** ACME account e-mail. @default - none */
  readonly acmeEmail?: string;
  /** Cloud NAT for the subnetwork. @default true */
  readonly createCloudNat?: boolean;
}

/** The VM's props from the runtime settings: its environment, and the secrets it reads by id. */
export function googleVmProps(props: GoogleVmBlockProps): MathesarGoogleVmProps {
  const environment = googleRuntimeEnvironment(props);
  // A secret that may be absent (a null variable) is an empty id: the VM's fetcher and IAM skip it.
  const secretEnvironment = Object.fromEntries(
    Object.entries(environment.secrets)
      .filter(([, secret]) => secret.when !== false)
      .map(([key, secret]) => [
        key,
        secret.when === undefined || secret.when === true ? secret.secretId : ifElse(secret.when, secret.secretId, ""),
      ]),
  );
  const ids = Object.values(secretEnvironment);
  // Only an id that may be "" (a secret a Terraform condition leaves out) needs compact().
  const conditional = Object.values(environment.secrets).some(
    (s) => s.when !== undefined && typeof s.when !== "boolean",
  );
  const ranges = props.allowedSourceRanges;
  return {
    name: props.name,
    project: props.project,
    region: props.region,
    zone: props.zone,
    machineType: props.machineType,
    networkId: props.networkId,
    subnetworkId: props.subnetworkId,
    image: props.image,
    domainName: props.domainName,
    edge: props.edge,
    environment: environment.plain,
    secretEnvironment,
    // (Not coalesce(): it refuses an all-null-or-empty argument list.)
    readableSecretIds: conditional ? Token.asList(Fn.compact(ids)) : ids,
    allowedSourceRanges:
      ranges !== undefined && Token.isUnresolved(ranges)
        ? Token.asList(Fn.coalescelist([ranges, ["0.0.0.0/0"]]))
        : ranges,
    acmeEmail: props.acmeEmail,
    createCloudNat: props.createCloudNat,
    labels: props.labels,
  };
}

/** The VM block. */
export const GOOGLE_VM_BLOCK: BlockSpec<
  GoogleVmBlockProps,
  MathesarGoogleVm,
  "instance_name" | "instance_group" | "ip_address" | "service_account_email"
> = {
  ...common,
  module: "vm",
  folder: "vm",
  id: "Vm",
  description:
    "Mathesar on one Compute Engine VM (Container-Optimized OS, shielded, OS Login) configured by " +
    "cloud-init: secrets fetched from Secret Manager at every start into memory, the locked bootstrap " +
    "then gunicorn in a read-only container; behind the load balancer (no public IP, Cloud NAT) or with " +
    "Caddy doing TLS on a static IP.",
  declareProviders: google,
  variables: {
    ...RUNTIME_VARIABLES,
    zone: { type: "string", description: "Zone of the VM.", rule: ZONE_RULE, prop: "zone" },
    machine_type: {
      type: "string",
      description: "Machine type, e.g. e2-medium.",
      rule: MACHINE_TYPE_RULE,
      prop: "machineType",
    },
    edge: like("vm_edge", "edge", {
      description: "load_balancer (instance group, no public IP) or caddy (static IP, Caddy does TLS).",
      rule: VM_EDGE_RULE,
    }),
    allowed_source_ranges: {
      type: "list(string)",
      description: "With edge = caddy: networks allowed to reach 80 and 443; null: everyone.",
      default: null,
      prop: "allowedSourceRanges",
    },
    acme_email: like("acme_email", "acmeEmail"),
    create_cloud_nat: like("vm_cloud_nat", "createCloudNat", {
      description:
        "With edge = load_balancer: create a Cloud Router and Cloud NAT for the subnetwork (false when the network already has one).",
    }),
  },
  create: (scope, id, props) => new MathesarGoogleVm(scope, id, googleVmProps(props)),
  outputs: {
    instance_name: { description: "Compute Engine instance name.", value: (vm) => vm.instance.name },
    instance_group: {
      description: "Instance group for the load balancer (null with edge = caddy).",
      value: (vm) =>
        vm.instanceGroup === undefined
          ? null
          : vm.instanceGroup.count === undefined
            ? vm.instanceGroup.selfLink
            : optionalAttribute(vm.instanceGroup, "self_link"),
    },
    ip_address: {
      description: "Static external IP (edge = caddy; null behind the load balancer).",
      value: (vm) => vm.externalIp ?? null,
    },
    service_account_email: { description: "Identity of the VM.", value: (vm) => vm.serviceAccount.email },
  },
};

/** The load balancer block. */
export const GOOGLE_EDGE_BLOCK: BlockSpec<
  MathesarGoogleEdgeProps,
  MathesarGoogleEdge,
  "ip_address" | "backend_service_name" | "certificate_name"
> = {
  ...common,
  module: "edge",
  folder: "edge",
  id: "Edge",
  description:
    "A global external HTTPS load balancer: static IP, Google-managed certificate, MODERN SSL policy (TLS " +
    "1.2+), HTTP→HTTPS 301, request logs; Cloud Run (serverless NEG) or the VM (instance group + health " +
    "check) behind it; optional IAP, Cloud Armor and Cloud DNS record.",
  declareProviders: google,
  variables: {
    ...WHERE,
    domain_name: like("domain_name", "domainName"),
    backend_cloud_run_service: {
      type: "string",
      description: "Cloud Run service behind the load balancer (when backend_use_instance_group is false).",
      default: null,
      prop: "backend.cloudRunService",
    },
    backend_instance_group: {
      type: "string",
      description:
        "The VM's instance group (named port http) behind the load balancer (with backend_use_instance_group).",
      default: null,
      prop: "backend.instanceGroup",
    },
    backend_use_instance_group: {
      type: "bool",
      description:
        "The VM's instance group serves, not Cloud Run. A plain flag because counts must be known at plan " +
        "time, and the group's self link is not until it exists.",
      default: false,
      prop: "backend.useInstanceGroup",
    },
    iap_members: {
      type: "list(string)",
      description: "Members IAP admits (user:, group:, serviceAccount:, domain:); empty: IAP off.",
      default: [],
      prop: "iap.members",
    },
    iap_oauth_client_id: like("iap_oauth_client_id", "iap.oauthClientId"),
    iap_oauth_client_secret: like("iap_oauth_client_secret", "iap.oauthClientSecret"),
    cloud_armor_enabled: like("cloud_armor_enabled", "cloudArmor.enabled"),
    cloud_armor_allowed_ip_ranges: {
      ...like("cloud_armor_allowed_ip_ranges", "cloudArmor.allowedIpRanges"),
      description: "Only these ranges reach Mathesar (1 to 10: one Cloud Armor rule's limit); null: every address.",
      validations: GOOGLE_SETTINGS.cloud_armor_allowed_ip_ranges.validations,
    },
    cloud_armor_rate_limit_per_minute: like("cloud_armor_rate_limit_per_minute", "cloudArmor.rateLimitPerMinute"),
    security_policy: like("security_policy", "securityPolicy"),
    dns_zone: like("dns_zone", "dnsZone"),
    labels: LABELS,
  },
  create: (scope, id, props) => new MathesarGoogleEdge(scope, id, props),
  outputs: {
    ip_address: {
      description: "IPv4 address of the load balancer: point domain_name at it.",
      value: (edge) => edge.ipAddress,
    },
    backend_service_name: {
      description: "Backend service (IAP and Cloud Armor attach here).",
      value: (edge) => edge.backendService.name,
    },
    certificate_name: {
      description: "Google-managed certificate (ACTIVE once DNS points at ip_address).",
      value: (edge) => edge.certificate.name,
    },
  },
};

/** Every block, in the order the root module calls them. */
export const GOOGLE_BLOCKS = [
  GOOGLE_NETWORK_BLOCK,
  GOOGLE_SECRETS_BLOCK,
  GOOGLE_DATABASE_BLOCK,
  GOOGLE_CLOUD_RUN_BLOCK,
  GOOGLE_VM_BLOCK,
  GOOGLE_EDGE_BLOCK,
] as const;
