/**
 * The root of terraform-google-mathesar: composes the block submodules the way `MathesarOnGoogleCloud`
 * composes the constructs, with Terraform conditionals where TypeScript branches (runtime, an existing
 * network or database are variables here).
 */
import { Construct } from "constructs";
import { TerraformLocal } from "cdktf";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import { DataGoogleComputeZones } from "@cdktf/provider-google/lib/data-google-compute-zones";
import { DnsRecordSet } from "@cdktf/provider-google/lib/dns-record-set";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { CONTRACT_OUTPUTS, NO_DATABASE_CA, hclString, webConcurrency } from "../../modules/mathesar";
import {
  CLOUD_SQL_SSL_MODE_RULE,
  CLOUD_SQL_VERIFY_FULL_REASON,
  DOCKER_HUB_REGISTRY,
  GOOGLE_DATABASE_HOST_RULE,
  GOOGLE_DELETION_PROTECTION_MESSAGE,
  GOOGLE_SIZES,
  REGISTRY_HOST_PATTERN,
  IAP_MEMBER_RULE,
  LABEL_KEY_RULE,
  LABEL_VALUE_RULE,
  NETWORK_ID_RULE,
  SECRET_ID_RULE,
  SOURCE_RANGE_RULE,
  SUBNETWORK_ID_RULE,
  vmInstanceName,
} from "../../modules/google";
import { DeletionGuard, ModuleStack, hclObject, stableAddress } from "../../modules/terraform";
import { existingDatabaseFieldValidation, existingDatabaseValidations } from "../shared/existing-database-validations";
import { withSsoVersionCheck } from "../shared/contract-variables";
import { GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM } from "./providers";
import { GOOGLE_VARIABLES } from "./variables";

/** Submodules of the root, by Terraform module name and folder. */
export const GOOGLE_SUBMODULES = {
  network: "network",
  secrets: "secrets",
  database: "database",
  cloud_run: "cloud-run",
  vm: "vm",
  edge: "edge",
} as const;

const MANAGED = "var.existing_database == null";
const CLOUD_RUN = 'var.runtime == "cloud_run"';
const BEHIND_LOAD_BALANCER = '(var.runtime == "cloud_run" || var.vm_edge == "load_balancer")';

/** Terraform object literal of a size table column. */
const sizeMap = (column: (size: keyof typeof GOOGLE_SIZES) => string | number | boolean) =>
  hclObject(
    Object.fromEntries(
      (Object.keys(GOOGLE_SIZES) as Array<keyof typeof GOOGLE_SIZES>).map((size) => [size, column(size)]),
    ),
  );

/** `alltrue` of a rule over every entry of a list variable. */
const every = (ref: string, condition: (item: string) => string) =>
  `alltrue([for item in ${ref} : ${condition("item")}])`;

/** The root module: everything with safe defaults; runtime, existing network and database as options. */
export class GoogleRootModule extends ModuleStack {
  public readonly description =
    "Mathesar on Google Cloud: Cloud Run (or one VM) reaching Cloud SQL for PostgreSQL on a private IP, behind a global HTTPS load balancer with a Google-managed certificate — optional Google sign-in (IAP) and Cloud Armor — or a VM with Caddy; secrets in Secret Manager and never in Terraform state. Bring your own network or PostgreSQL with one variable each.";

  constructor(scope: Construct, id: string) {
    super(scope, id, GOOGLE_MODULE_PROVIDERS, GOOGLE_REQUIRED_TERRAFORM);
    new GoogleProvider(this, "google");
    new RandomProvider(this, "random");
    this.variables({
      ...GOOGLE_VARIABLES,
      vm_zone: {
        ...GOOGLE_VARIABLES.vm_zone,
        validations: [
          {
            condition: '${var.vm_zone == null ? true : startswith(var.vm_zone, "${var.region}-")}',
            errorMessage: "Invalid vm_zone: must be a zone of region (the subnetwork and the database are there).",
          },
        ],
      },
      require_sso_login: withSsoVersionCheck(
        "require_sso_login",
        {
          ...GOOGLE_VARIABLES.require_sso_login,
          validations: [
            {
              condition: "${!var.require_sso_login || var.sso_config_secret_id != null}",
              errorMessage:
                "Invalid require_sso_login true without sso_config_secret_id: Mathesar would keep password login and only log a warning.",
            },
          ],
        },
        "var.require_sso_login",
      ),
      sso_config_secret_id: withSsoVersionCheck("sso_config_secret_id", GOOGLE_VARIABLES.sso_config_secret_id),
      iap_oauth_client_secret: {
        ...GOOGLE_VARIABLES.iap_oauth_client_secret,
        validations: [
          {
            condition: "${(var.iap_oauth_client_id == null) == (var.iap_oauth_client_secret == null)}",
            errorMessage:
              "Invalid iap_oauth_client_secret: iap_oauth_client_id and iap_oauth_client_secret go together (both, or neither for Google's managed client).",
          },
        ],
      },
      max_instances: {
        ...GOOGLE_VARIABLES.max_instances,
        validations: [
          {
            condition:
              "${var.min_instances == null || var.max_instances == null ? true : var.min_instances <= var.max_instances}",
            errorMessage: "Invalid max_instances: must not be below min_instances.",
          },
        ],
      },
      labels: {
        ...GOOGLE_VARIABLES.labels,
        validations: [
          {
            condition: `\${alltrue([for key, value in var.labels : ${LABEL_KEY_RULE.condition("key")} && ${LABEL_VALUE_RULE.condition("value")}])}`,
            errorMessage: `Invalid labels: every key must be ${LABEL_KEY_RULE.allowed}, every value ${LABEL_VALUE_RULE.allowed}.`,
          },
        ],
      },
      iap_members: {
        type: "list(string)",
        description:
          "Google sign-in at the load balancer (IAP) for these members only: user:, group:, serviceAccount: or domain: (e.g. group:lab@example.org). Empty: IAP off, Mathesar's own login only.",
        default: [],
        validations: [
          {
            condition: `\${${every("var.iap_members", (m) => IAP_MEMBER_RULE.condition(m))}}`,
            errorMessage: `Invalid iap_members: every entry must be ${IAP_MEMBER_RULE.allowed}.`,
          },
          {
            condition: `\${length(var.iap_members) == 0 || ${BEHIND_LOAD_BALANCER}}`,
            errorMessage:
              'Invalid iap_members with vm_edge = "caddy": IAP lives on the load balancer, which a VM with Caddy does not use.',
          },
        ],
      },
      cloud_armor_allowed_ip_ranges: {
        type: "list(string)",
        description:
          "Only these source ranges reach Mathesar (up to 10; everyone else gets 403). Null: every address. Needs cloud_armor_enabled.",
        default: null,
        validations: [
          {
            condition: `\${var.cloud_armor_allowed_ip_ranges == null ? true : (length(var.cloud_armor_allowed_ip_ranges) >= 1 && length(var.cloud_armor_allowed_ip_ranges) <= 10 && ${every("var.cloud_armor_allowed_ip_ranges", (r) => SOURCE_RANGE_RULE.condition(r))})}`,
            errorMessage: `Invalid cloud_armor_allowed_ip_ranges: must list 1 to 10 entries, each ${SOURCE_RANGE_RULE.allowed}.`,
          },
          {
            condition: "${var.cloud_armor_allowed_ip_ranges == null || var.cloud_armor_enabled}",
            errorMessage:
              "Invalid cloud_armor_allowed_ip_ranges without cloud_armor_enabled = true: nothing would enforce them.",
          },
        ],
      },
      caddy_allowed_source_ranges: {
        type: "list(string)",
        description:
          "With vm_edge = caddy: networks allowed to reach ports 80 and 443. Let's Encrypt validates from the internet, so a narrower list needs another way to get the certificate. Null: everyone.",
        default: null,
        validations: [
          {
            condition: `\${var.caddy_allowed_source_ranges == null ? true : ${every("var.caddy_allowed_source_ranges", (r) => SOURCE_RANGE_RULE.condition(r))}}`,
            errorMessage: `Invalid caddy_allowed_source_ranges: every entry must be ${SOURCE_RANGE_RULE.allowed}.`,
          },
        ],
      },
      existing_network: {
        type: "object({ network_id = string, subnetwork_id = string, private_service_access_connected = optional(bool, true) })",
        description:
          "A network you already have: its id, a subnetwork in region, and whether Private Service Access is connected on it already (false: a range and the connection are created). Null creates a network.",
        default: null,
        validations: [
          {
            condition: `\${var.existing_network == null ? true : (${NETWORK_ID_RULE.condition("var.existing_network.network_id")} && ${SUBNETWORK_ID_RULE.condition("var.existing_network.subnetwork_id")})}`,
            errorMessage: `Invalid existing_network: network_id must be ${NETWORK_ID_RULE.allowed}, subnetwork_id ${SUBNETWORK_ID_RULE.allowed}.`,
          },
        ],
      },
      database_sslmode: {
        type: "string",
        description:
          "TLS to the Cloud SQL instance the module creates, set as libpq's PGSSLMODE: require (encrypted; the instance refuses anything else) or verify-ca (also verified against the instance's own server CA, read from the instance; apply again after a server CA rotation). Not verify-full: Cloud SQL's server certificates do not name the private IP.",
        default: "require",
        rule: CLOUD_SQL_SSL_MODE_RULE,
        validations: [
          {
            condition: '${var.database_sslmode != "verify-full"}',
            errorMessage: `Invalid database_sslmode "verify-full": ${CLOUD_SQL_VERIFY_FULL_REASON}.`,
          },
          {
            condition: '${var.existing_database == null || var.database_sslmode == "require"}',
            errorMessage:
              "Invalid database_sslmode with existing_database: it describes the Cloud SQL instance the module creates and would be ignored; set existing_database.sslmode (and ca_certificate) instead.",
          },
        ],
      },
      existing_database: {
        type: 'object({ host = string, port = optional(number, 5432), database_name = optional(string, "mathesar"), user = optional(string, "mathesar"), sslmode = optional(string, "require"), password_secret_id = string, ca_certificate = optional(string) })',
        description:
          "A Cloud SQL instance or any PostgreSQL you already run, reachable from the network (the internal database must exist and belong to user; see docs/existing-database.md). The password comes from the Secret Manager secret password_secret_id. ca_certificate: the server's CA, PEM, for sslmode verify-ca/verify-full (for Cloud SQL only verify-ca: its certificates do not name the private IP). Null creates Cloud SQL.",
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
    });

    const zones = stableAddress(
      new DataGoogleComputeZones(this, "Zones", { project: "${var.project}", region: "${var.region}", status: "UP" }),
      "available",
    );
    zones.addOverride("count", `\${!(${CLOUD_RUN}) && var.vm_zone == null ? 1 : 0}`);
    // The zone read when the VM is created, kept in state: re-read at every plan, a zone that is down would
    // replace the VM and its data disk, empty, in another zone. A new project or region chooses again.
    const zonePin = stableAddress(
      new DataResource(this, "VmZone", {
        // A string expression where the binding types a map (terraform_data's input takes any value).
        input: "${one(data.google_compute_zones.available[*].names)[0]}" as unknown as Record<string, unknown>,
        triggersReplace: { project: "${var.project}", region: "${var.region}" },
        lifecycle: { ignoreChanges: ["input"] },
      }),
      "vm_zone",
    );
    zonePin.addOverride("count", `\${!(${CLOUD_RUN}) && var.vm_zone == null ? 1 : 0}`);
    const local = (name: string, expression: string) =>
      new TerraformLocal(this, `local_${name}`, `\${${expression}}`).overrideLogicalId(name);
    local("managed_database", MANAGED);
    local("behind_load_balancer", BEHIND_LOAD_BALANCER);
    local(
      "logs_query",
      `${CLOUD_RUN} ? "resource.type=\\"cloud_run_revision\\" resource.labels.service_name=\\"\${var.name}\\"" : "resource.type=\\"gce_instance\\" labels.\\"compute.googleapis.com/resource_name\\"=\\"${vmInstanceName("${var.name}")}\\""`,
    );
    local(
      "image",
      `"\${can(regex(${hclString(REGISTRY_HOST_PATTERN)}, var.image_repository)) ? var.image_repository : "${DOCKER_HUB_REGISTRY}/\${var.image_repository}"}:\${var.mathesar_version}"`,
    );
    local(
      "database",
      // The CA, or "none" (the start commands then write nothing): Cloud SQL's own server CA for verify-ca.
      `${MANAGED} ? { host = one(module.database[*].private_ip), port = 5432, name = "mathesar", user = "mathesar", sslmode = var.database_sslmode, password_secret_id = one(module.database[*].password_secret_id), ca_certificate = var.database_sslmode == "verify-ca" ? one(module.database[*].server_ca_certificate) : "${NO_DATABASE_CA}" } : { host = var.existing_database.host, port = var.existing_database.port, name = var.existing_database.database_name, user = var.existing_database.user, sslmode = var.existing_database.sslmode, password_secret_id = var.existing_database.password_secret_id, ca_certificate = var.existing_database.ca_certificate == null ? "${NO_DATABASE_CA}" : var.existing_database.ca_certificate }`,
    );

    const module = (name: keyof typeof GOOGLE_SUBMODULES, variables: Record<string, unknown>, when?: string) =>
      this.submodule(name, GOOGLE_SUBMODULES[name], variables, when);
    const common = { name: "${var.name}", project: "${var.project}", region: "${var.region}" };
    const network = module("network", {
      ...common,
      existing_network_id: "${var.existing_network == null ? null : var.existing_network.network_id}",
      existing_subnetwork_id: "${var.existing_network == null ? null : var.existing_network.subnetwork_id}",
      subnet_cidr: "${var.subnet_cidr}",
      create_private_service_access: `\${${MANAGED} && (var.existing_network == null ? true : !var.existing_network.private_service_access_connected)}`,
      private_service_access_cidr: "${var.private_service_access_cidr}",
    });
    const secrets = module("secrets", { name: "${var.name}", project: "${var.project}", labels: "${var.labels}" });
    const database = module(
      "database",
      {
        ...common,
        network_id: "${module.network.network_id}",
        postgres_version: "${var.database_version}",
        tier: `\${coalesce(var.database_tier, lookup(${sizeMap((s) => GOOGLE_SIZES[s].sqlTier)}, var.size))}`,
        disk_size_gb: `\${coalesce(var.database_disk_size_gb, lookup(${sizeMap((s) => GOOGLE_SIZES[s].sqlDiskGb)}, var.size))}`,
        high_availability: `\${coalesce(var.database_high_availability, lookup(${sizeMap((s) => GOOGLE_SIZES[s].regionalByDefault)}, var.size))}`,
        backup_retention_days: "${var.backup_retention_days}",
        password_version: "${var.database_password_version}",
        deletion_protection: "${var.deletion_protection}",
        labels: "${var.labels}",
      },
      MANAGED,
    );
    // Cloud SQL needs the Private Service Access connection first.
    database.addOverride("depends_on", [`module.${network.friendlyUniqueId}`]);

    const runtime = {
      ...common,
      network_id: "${module.network.network_id}",
      subnetwork_id: "${module.network.subnetwork_id}",
      image: "${local.image}",
      domain_name: "${var.domain_name}",
      database_host: "${local.database.host}",
      database_port: "${local.database.port}",
      database_name: "${local.database.name}",
      database_user: "${local.database.user}",
      database_password_secret_id: "${local.database.password_secret_id}",
      database_sslmode: "${local.database.sslmode}",
      database_ca_certificate: "${local.database.ca_certificate}",
      secret_key_secret_id: "${module.secrets.secret_key_secret_id}",
      admin_enabled: "${var.admin_enabled}",
      admin_username: "${var.admin_username}",
      admin_email: "${var.admin_email}",
      admin_password_secret_id: "${module.secrets.admin_password_secret_id}",
      sso_config_secret_id: "${var.sso_config_secret_id}",
      require_sso_login: "${var.require_sso_login}",
      labels: "${var.labels}",
    };
    const cloudRun = module(
      "cloud_run",
      {
        ...runtime,
        cpu: `\${lookup(${sizeMap((s) => GOOGLE_SIZES[s].cloudRunCpu)}, var.size)}`,
        memory: `\${lookup(${sizeMap((s) => GOOGLE_SIZES[s].cloudRunMemoryMiB)}, var.size)}`,
        web_concurrency: `\${lookup(${sizeMap((s) => webConcurrency(GOOGLE_SIZES[s].cloudRunCpu, GOOGLE_SIZES[s].cloudRunMemoryMiB))}, var.size)}`,
        min_instances: `\${coalesce(var.min_instances, lookup(${sizeMap((s) => GOOGLE_SIZES[s].minInstances)}, var.size))}`,
        max_instances: `\${max(coalesce(var.max_instances, lookup(${sizeMap((s) => GOOGLE_SIZES[s].maxInstances)}, var.size)), coalesce(var.min_instances, 1))}`,
        // With an existing database the service is stateless and nothing else of ours is guarded (as in the construct).
        deletion_protection: `\${var.deletion_protection && ${MANAGED}}`,
        // IAP on the load balancer: the service keeps its invoker check for IAP's service agent.
        iap_enabled: "${length(var.iap_members) > 0}",
      },
      CLOUD_RUN,
    );
    const vm = module(
      "vm",
      {
        ...runtime,
        // Not every region has a zone "a": the first zone that is up, unless vm_zone says otherwise.
        zone: "${var.vm_zone != null ? var.vm_zone : one(terraform_data.vm_zone[*].output)}",
        machine_type: `\${coalesce(var.vm_machine_type, lookup(${sizeMap((s) => GOOGLE_SIZES[s].vmMachineType)}, var.size))}`,
        web_concurrency: `\${lookup(${sizeMap((s) => webConcurrency(GOOGLE_SIZES[s].vmVcpus, GOOGLE_SIZES[s].vmMemoryMiB))}, var.size)}`,
        edge: "${var.vm_edge}",
        allowed_source_ranges: "${var.caddy_allowed_source_ranges}",
        acme_email: "${var.acme_email}",
        create_cloud_nat: "${var.vm_cloud_nat}",
      },
      `!(${CLOUD_RUN})`,
    );
    // The first revision (or boot) reads each secret's `latest` version: they must exist first.
    for (const runtimeModule of [cloudRun, vm])
      runtimeModule.addOverride("depends_on", [
        `module.${secrets.friendlyUniqueId}`,
        `module.${database.friendlyUniqueId}`,
      ]);

    const edge = module(
      "edge",
      {
        ...common,
        domain_name: "${var.domain_name}",
        cloud_run_service: "${one(module.cloud_run[*].service_name)}",
        instance_group: "${one(module.vm[*].instance_group)}",
        use_instance_group: `\${!(${CLOUD_RUN})}`,
        iap_members: "${var.iap_members}",
        iap_oauth_client_id: "${var.iap_oauth_client_id}",
        iap_oauth_client_secret: "${var.iap_oauth_client_secret}",
        cloud_armor_enabled: "${var.cloud_armor_enabled}",
        cloud_armor_allowed_ip_ranges: "${var.cloud_armor_allowed_ip_ranges}",
        cloud_armor_rate_limit_per_minute: "${var.cloud_armor_rate_limit_per_minute}",
        security_policy: "${var.security_policy}",
        dns_zone: "${var.dns_zone}",
        labels: "${var.labels}",
      },
      BEHIND_LOAD_BALANCER,
    );

    // Behind the load balancer the edge module writes the record; a VM with Caddy gets it here.
    const caddyRecord = new DnsRecordSet(this, "CaddyRecord", {
      project: "${var.project}",
      managedZone: "${var.dns_zone}",
      name: "${var.domain_name}.",
      type: "A",
      ttl: 300,
      rrdatas: ["${one(module.vm[*].ip_address)}"],
    });
    caddyRecord.overrideLogicalId("caddy");
    caddyRecord.addOverride("count", `\${var.dns_zone != null && !${BEHIND_LOAD_BALANCER} ? 1 : 0}`);

    // One guard over every module (see DeletionGuard): Terraform must destroy it first, and it refuses. With
    // an existing database too: it keeps SECRET_KEY, which decrypts what Mathesar saved there.
    new DeletionGuard(this, "DeletionGuard", {
      protects: [network, secrets, database, cloudRun, vm, edge],
      replaceWhenChanged: [
        "${one(module.database[*].instance_service_account)}",
        "${module.secrets.secret_key_created}",
      ],
      enabled: "${var.deletion_protection}",
      message: GOOGLE_DELETION_PROTECTION_MESSAGE,
    });

    this.outputs({
      [CONTRACT_OUTPUTS.url.name]: {
        value: "https://${var.domain_name}/",
        description: CONTRACT_OUTPUTS.url.description,
      },
      [CONTRACT_OUTPUTS.adminUsername.name]: {
        value: '${var.admin_enabled ? var.admin_username : ""}',
        description: CONTRACT_OUTPUTS.adminUsername.description,
      },
      [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
        value: "${module.secrets.admin_password_name}",
        description:
          "Secret Manager secret holding the first admin's password (gcloud secrets versions access latest --secret=<name>).",
      },
      [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
        value: "${local.database.host}:${local.database.port}",
        description: CONTRACT_OUTPUTS.databaseEndpoint.description,
      },
      [CONTRACT_OUTPUTS.logs.name]: {
        value:
          "https://console.cloud.google.com/logs/query;query=${urlencode(local.logs_query)}?project=${var.project}",
        description: "Cloud Logging query of Mathesar's logs.",
      },
      ip_address: {
        value: `\${${BEHIND_LOAD_BALANCER} ? one(module.edge[*].ip_address) : one(module.vm[*].ip_address)}`,
        description: "IPv4 address to point domain_name at (an A record) when DNS is not in Cloud DNS.",
      },
      secret_key_secret: {
        value: "${module.secrets.secret_key_name}",
        description:
          "Secret holding SECRET_KEY (back it up with the database; add an old installation's key as a new version to restore).",
      },
      network_id: { value: "${module.network.network_id}", description: "Id of the network." },
      database_instance_name: {
        value: "${one(module.database[*].instance_name)}",
        description: "Cloud SQL instance name (null with an existing database).",
      },
      cloud_run_service_name: {
        value: "${one(module.cloud_run[*].service_name)}",
        description: "Cloud Run service (null with runtime = vm).",
      },
      vm_instance_name: {
        value: "${one(module.vm[*].instance_name)}",
        description: "Compute Engine instance (null with runtime = cloud_run).",
      },
      backend_service_name: {
        value: "${one(module.edge[*].backend_service_name)}",
        description: "Backend service of the load balancer (null with vm_edge = caddy).",
      },
    });
  }
}
