/**
 * The root of terraform-digitalocean-mathesar: composes the block submodules the way
 * `MathesarOnDigitalOcean` composes the constructs, with Terraform conditionals where TypeScript branches
 * (an existing VPC or database is a variable here, known only to Terraform).
 */
import { Construct } from "constructs";
import { TerraformHclModule } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { CONTRACT_OUTPUTS, NO_DATABASE_CA } from "../../modules/mathesar";
import { DataDigitaloceanDatabaseCa } from "@cdktf/provider-digitalocean/lib/data-digitalocean-database-ca";
import { DataDigitaloceanVpc } from "@cdktf/provider-digitalocean/lib/data-digitalocean-vpc";
import {
  DO_ADMIN_PASSWORD_OUTPUT,
  DO_DELETION_PROTECTION_MESSAGE,
  DO_MANAGED_SSL_MODE_RULE,
  DO_REGIONS,
  DO_SIZES,
  DO_STANDBY_MIN_MEMORY_GB,
} from "../../modules/digitalocean";
import { DeletionGuard, ModuleStack, hclObject } from "../../modules/terraform";
import { existingDatabaseValidations } from "../shared/existing-database-validations";
import { withSsoVersionCheck } from "../shared/contract-variables";
import { DO_MODULE_PROVIDERS } from "./providers";
import { DO_VARIABLES } from "./variables";

/** Submodules of the root, by Terraform module name and folder. */
export const DO_SUBMODULES = {
  network: "network",
  secrets: "secrets",
  database: "database",
  app: "app",
  database_firewall: "database-firewall",
} as const;

const MANAGED = "var.existing_database == null";
const NEW_VPC = "var.existing_vpc_id == null";
/** The memory at the end of a database node slug (`db-s-1vcpu-2gb` → "2"), as an HCL string literal. */
const NODE_MEMORY_REGEX = '"-([0-9.]+)gb$"';

/** Terraform object literal of a size table column, e.g. `{ small = "apps-s-1vcpu-1gb", ... }`. */
const sizeMap = (column: (size: keyof typeof DO_SIZES) => string | number) =>
  hclObject(
    Object.fromEntries((Object.keys(DO_SIZES) as Array<keyof typeof DO_SIZES>).map((size) => [size, column(size)])),
  );

/** The root module: everything with safe defaults, existing VPC and database as options. */
export class DoRootModule extends ModuleStack {
  public readonly description =
    "Mathesar on DigitalOcean App Platform with managed PostgreSQL in a private VPC: HTTPS, generated secrets, a ready first admin, a database firewall that admits only the app, and deletion protection. Bring your own VPC or PostgreSQL with two variables.";

  constructor(scope: Construct, id: string) {
    super(scope, id, DO_MODULE_PROVIDERS);
    new DigitaloceanProvider(this, "digitalocean");
    new RandomProvider(this, "random");
    this.variables({
      ...DO_VARIABLES,
      database_high_availability: {
        ...DO_VARIABLES.database_high_availability,
        validations: [
          {
            condition: `\${!var.database_high_availability || var.size != "small" || var.database_node_size != null}`,
            errorMessage:
              'Invalid database_high_availability true with size "small": DigitalOcean\'s smallest database plan cannot have a standby node; use size "medium" or larger, or set database_node_size.',
          },
          {
            // DigitalOcean: standby nodes need a plan with 2 GB of RAM or more; the slug ends in its memory.
            condition: `\${!var.database_high_availability || var.database_node_size == null ? true : (can(regex(${NODE_MEMORY_REGEX}, var.database_node_size)) ? tonumber(regex(${NODE_MEMORY_REGEX}, var.database_node_size)[0]) >= ${DO_STANDBY_MIN_MEMORY_GB} : true)}`,
            errorMessage: `Invalid database_node_size \${jsonencode(var.database_node_size)} with database_high_availability: standby nodes need a plan with ${DO_STANDBY_MIN_MEMORY_GB} GB of RAM or more (DigitalOcean), e.g. "db-s-1vcpu-2gb".`,
          },
        ],
      },
      domain_zone: {
        ...DO_VARIABLES.domain_zone,
        validations: [
          ...(DO_VARIABLES.domain_zone.validations ?? []),
          {
            condition:
              '${var.domain_zone == null ? true : (var.domain_name == null ? false : (var.domain_name == var.domain_zone || endswith(var.domain_name, ".${var.domain_zone}")))}',
            errorMessage: "Invalid domain_zone: needs domain_name, a host name equal to or inside that zone.",
          },
        ],
      },
      vpc_ip_range: {
        ...DO_VARIABLES.vpc_ip_range,
        validations: [
          ...(DO_VARIABLES.vpc_ip_range.validations ?? []),
          {
            condition: "${var.vpc_ip_range == null || var.existing_vpc_id == null}",
            errorMessage: "Invalid vpc_ip_range: it only applies to a new VPC; remove it or existing_vpc_id.",
          },
        ],
      },
      require_sso_login: withSsoVersionCheck(
        "require_sso_login",
        {
          ...DO_VARIABLES.require_sso_login,
          validations: [
            {
              condition: "${!var.require_sso_login || var.sso_config != null}",
              errorMessage:
                "Invalid require_sso_login true without an SSO configuration: Mathesar would keep password login and only log a warning.",
            },
          ],
        },
        "var.require_sso_login",
      ),
      sso_config: withSsoVersionCheck("sso_config", DO_VARIABLES.sso_config),
      existing_database: {
        type: 'object({ host = string, port = optional(number, 5432), database_name = optional(string, "mathesar"), user = optional(string, "mathesar"), sslmode = optional(string, "require"), ca_certificate = optional(string) })',
        description:
          "A PostgreSQL server you already run (its internal database must exist and belong to user; see docs/existing-database.md). Null creates a managed cluster. Nothing on it is overwritten and no firewall is attached. sslmode becomes libpq's PGSSLMODE; verify-ca/verify-full need ca_certificate (the server's CA, PEM).",
        default: null,
        validations: existingDatabaseValidations({ withCaCertificate: true }),
      },
      database_sslmode: {
        type: "string",
        description:
          "TLS to the managed cluster: require (encrypted), or verify-ca/verify-full (also verified against the cluster's CA, read with digitalocean_database_ca). Ignored with existing_database (its sslmode applies).",
        default: "require",
        rule: DO_MANAGED_SSL_MODE_RULE,
      },
      existing_database_password: {
        type: "string",
        description:
          "Password of existing_database.user. Pass it from a secret (TF_VAR_existing_database_password), never in code.",
        default: null,
        sensitive: true,
        validations: [
          {
            condition: "${var.existing_database == null || var.existing_database_password != null}",
            errorMessage: "Invalid existing_database_password: must be set when existing_database is set.",
          },
        ],
      },
    });

    const module = (name: keyof typeof DO_SUBMODULES, variables: Record<string, unknown>, when?: string) =>
      this.submodule(name, DO_SUBMODULES[name], variables, when);

    const modules: Record<string, TerraformHclModule> = {};
    modules.network = module(
      "network",
      { name: "${var.name}", region: "${var.region}", ip_range: "${var.vpc_ip_range}" },
      NEW_VPC,
    );
    const vpcId = `${NEW_VPC} ? one(module.network[*].vpc_id) : var.existing_vpc_id`;
    // An existing VPC is read once: the firewall admits its range, and it must be in var.region.
    const existingVpc = new DataDigitaloceanVpc(this, "existing_vpc", {
      id: "${var.existing_vpc_id}",
      lifecycle: {
        postcondition: [
          {
            condition: "${self.region == var.region}",
            errorMessage:
              "Invalid existing_vpc_id: the existing VPC ${self.id} is in region ${self.region}; it must be in var.region, the region of the database and the app.",
          },
        ],
      },
    });
    existingVpc.addOverride("count", `\${${NEW_VPC} ? 0 : 1}`);
    existingVpc.overrideLogicalId("existing");
    const vpcIpRange = `\${${NEW_VPC} ? one(module.network[*].ip_range) : one(data.digitalocean_vpc.existing[*].ip_range)}`;
    modules.secrets = module("secrets", {});
    modules.database = module(
      "database",
      {
        name: "${var.name}",
        region: "${var.region}",
        vpc_id: `\${${vpcId}}`,
        node_size: `\${coalesce(var.database_node_size, lookup(${sizeMap((s) => DO_SIZES[s].databaseSize)}, var.size))}`,
        postgres_version: "${var.database_version}",
        high_availability: "${var.database_high_availability}",
        tags: '${[for key, value in var.tags : "${key}:${value}"]}',
      },
      MANAGED,
    );
    const databaseCa = new DataDigitaloceanDatabaseCa(this, "database_ca", {
      clusterId: "${one(module.database[*].cluster_id)}",
    });
    databaseCa.overrideLogicalId("this");
    databaseCa.addOverride("count", `\${${MANAGED} && var.database_sslmode != "require" ? 1 : 0}`);
    const db = (managed: string, existing: string) =>
      `\${${MANAGED} ? one(module.database[*].${managed}) : ${existing}}`;
    modules.app = module("app", {
      name: "${var.name}",
      app_region: `\${lookup(${hclObject(DO_REGIONS)}, var.region)}`,
      vpc_id: `\${${vpcId}}`,
      image_repository: "${var.image_repository}",
      mathesar_version: "${var.mathesar_version}",
      instance_size: `\${coalesce(var.app_instance_size, lookup(${sizeMap((s) => DO_SIZES[s].appInstanceSize)}, var.size))}`,
      database_host: db("private_host", "var.existing_database.host"),
      database_port: db("port", "var.existing_database.port"),
      database_name: db("database_name", "var.existing_database.database_name"),
      database_user: db("user", "var.existing_database.user"),
      database_password: db("password", "var.existing_database_password"),
      database_sslmode: `\${${MANAGED} ? var.database_sslmode : var.existing_database.sslmode}`,
      // The cluster's CA (verify modes), or the existing server's; "none" when none (the start command then writes nothing).
      database_ca_certificate: `\${${MANAGED} ? (var.database_sslmode == "require" ? "${NO_DATABASE_CA}" : one(data.digitalocean_database_ca.this[*].certificate)) : (var.existing_database.ca_certificate == null ? "${NO_DATABASE_CA}" : var.existing_database.ca_certificate)}`,
      database_admin_user: db("admin_user", '""'),
      database_admin_password: db("admin_password", '""'),
      secret_key: "${coalesce(var.secret_key, module.secrets.secret_key)}",
      admin_enabled: "${var.admin_enabled}",
      admin_username: "${var.admin_username}",
      admin_email: "${var.admin_email}",
      admin_password: "${module.secrets.admin_password}",
      domain_name: "${var.domain_name}",
      domain_zone: "${var.domain_zone}",
      sso_config: '${coalesce(var.sso_config, "{}")}',
      require_sso_login: "${var.require_sso_login}",
      ignore_env_changes: "${var.ignore_env_changes}",
    });
    const firewall = module(
      "database_firewall",
      { cluster_id: "${one(module.database[*].cluster_id)}", app_id: "${module.app.app_id}", vpc_ip_range: vpcIpRange },
      MANAGED,
    );
    // One guard over every module: Terraform must destroy it first, and it refuses while protected.
    new DeletionGuard(this, "DeletionGuard", {
      protects: [modules.network, modules.secrets, modules.database, modules.app, firewall],
      // Also with an existing database: the SECRET_KEY decrypts what Mathesar saved there.
      replaceWhenChanged: [
        "${one(module.database[*].cluster_id)}",
        "${sha256(coalesce(var.secret_key, module.secrets.secret_key))}",
      ],
      enabled: "${var.deletion_protection}",
      message: DO_DELETION_PROTECTION_MESSAGE,
    });

    this.outputs({
      [CONTRACT_OUTPUTS.url.name]: {
        value: '${var.domain_name == null ? module.app.live_url : "https://${var.domain_name}/"}',
        description: CONTRACT_OUTPUTS.url.description,
      },
      [CONTRACT_OUTPUTS.adminUsername.name]: {
        value: '${var.admin_enabled ? var.admin_username : ""}',
        description: CONTRACT_OUTPUTS.adminUsername.description,
      },
      [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
        value: `terraform output -raw ${DO_ADMIN_PASSWORD_OUTPUT} (from your root module, which must re-export this module's ${DO_ADMIN_PASSWORD_OUTPUT} output)`,
        description: CONTRACT_OUTPUTS.adminPasswordLocation.description,
      },
      [DO_ADMIN_PASSWORD_OUTPUT]: {
        value: "${module.secrets.admin_password}",
        description: "Generated password of the first admin.",
        sensitive: true,
      },
      [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
        value: `\${${MANAGED} ? one(module.database[*].endpoint) : "\${var.existing_database.host}:\${var.existing_database.port}"}`,
        description: CONTRACT_OUTPUTS.databaseEndpoint.description,
      },
      [CONTRACT_OUTPUTS.logs.name]: {
        value: "https://cloud.digitalocean.com/apps/${module.app.app_id}/logs",
        description: CONTRACT_OUTPUTS.logs.description,
      },
      cname_target: {
        value: "${module.app.cname_target}",
        description:
          "The app's ondigitalocean.app host name: point a CNAME at it when your DNS is not at DigitalOcean.",
      },
      app_id: { value: "${module.app.app_id}", description: "Id of the App Platform app." },
      vpc_id: { value: `\${${vpcId}}`, description: "Id of the VPC." },
      database_cluster_id: {
        value: "${one(module.database[*].cluster_id)}",
        description: "Id of the managed cluster (null with an existing database).",
      },
    });
  }
}
