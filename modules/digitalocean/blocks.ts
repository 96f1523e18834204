/**
 * The DigitalOcean blocks' published interfaces, declared once (see BlockSpec): each block's submodule in
 * dist/terraform-digitalocean-mathesar/modules/, the `module` block the root module writes for it, and the
 * construct the composite creates come from these specs. Submodule variables are the snake_case of the
 * block's prop paths (`database.host` → `database_host`); libpq's own word `sslmode` wins over `ssl_mode`.
 */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import {
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  NO_DATABASE_CA,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_WITH_CA_RULE,
} from "../mathesar";
import type { BlockSpec } from "../terraform/wiring";
import { MathesarDoApp, type MathesarDoAppProps } from "./app";
import { MathesarDoDatabase, type MathesarDoDatabaseProps } from "./database";
import { MathesarDoDatabaseFirewall, type MathesarDoDatabaseFirewallProps } from "./database-firewall";
import { DO_APP_INSTANCE_SIZE_RULE } from "./inputs";
import { DO_MODULE_PROVIDERS } from "./module-providers";
import { MathesarDoNetwork, type MathesarDoNetworkProps } from "./network";
import { MathesarDoSecrets } from "./secrets";
import { DO_SETTINGS } from "./settings";

const digitalocean = {
  providers: { digitalocean: DO_MODULE_PROVIDERS.digitalocean },
  declareProviders: (scope: Construct) => new DigitaloceanProvider(scope, "digitalocean"),
};

/** `modules/network`: the VPC. */
export const DO_NETWORK_BLOCK: BlockSpec<MathesarDoNetworkProps, MathesarDoNetwork, "vpc_id" | "vpc_urn" | "ip_range"> =
  {
    module: "network",
    folder: "network",
    id: "Network",
    description: "A VPC for Mathesar's database and App Platform app.",
    ...digitalocean,
    variables: {
      name: { ...DO_SETTINGS.name, prop: "name" },
      region: { ...DO_SETTINGS.region, prop: "region" },
      ip_range: { ...DO_SETTINGS.vpc_ip_range, prop: "ipRange" },
    },
    create: (scope, id, props) => new MathesarDoNetwork(scope, id, props),
    outputs: {
      vpc_id: { description: "Id of the VPC.", value: (b) => b.vpcId },
      vpc_urn: { description: "URN of the VPC (for DigitalOcean projects).", value: (b) => b.vpc.urn },
      ip_range: { description: "IP range of the VPC.", value: (b) => b.vpc.ipRange },
    },
  };

/** `modules/secrets`: the generated SECRET_KEY and admin password. */
export const DO_SECRETS_BLOCK: BlockSpec<Record<string, never>, MathesarDoSecrets, "secret_key" | "admin_password"> = {
  module: "secrets",
  folder: "secrets",
  id: "Secrets",
  description:
    "Generates Mathesar's SECRET_KEY and the first admin's password (kept in Terraform state, marked sensitive).",
  providers: { random: DO_MODULE_PROVIDERS.random },
  declareProviders: (scope) => new RandomProvider(scope, "random"),
  variables: {},
  create: (scope, id) => new MathesarDoSecrets(scope, id),
  outputs: {
    secret_key: {
      description: "Django SECRET_KEY. Never change it: saved database passwords depend on it.",
      sensitive: true,
      value: (b) => b.secretKey,
    },
    admin_password: { description: "Password of the first admin.", sensitive: true, value: (b) => b.adminPassword },
  },
};

/** Outputs of the database block. */
export type DoDatabaseOutput =
  | "cluster_id"
  | "cluster_urn"
  | "private_host"
  | "port"
  | "endpoint"
  | "database_name"
  | "user"
  | "password"
  | "admin_user"
  | "admin_password";

/** `modules/database`: the managed PostgreSQL cluster, Mathesar's database and role. */
export const DO_DATABASE_BLOCK: BlockSpec<MathesarDoDatabaseProps, MathesarDoDatabase, DoDatabaseOutput> = {
  module: "database",
  folder: "database",
  id: "Database",
  description:
    "A managed PostgreSQL cluster in a VPC with Mathesar's internal database and role. Deletion " +
    "protection is the caller's: the root module guards this module together with the app and its " +
    "secrets.",
  ...digitalocean,
  variables: {
    name: { ...DO_SETTINGS.name, prop: "name" },
    region: { ...DO_SETTINGS.region, prop: "region" },
    vpc_id: { type: "string", description: "Id of the VPC the cluster joins.", prop: "vpcId" },
    node_size: { type: "string", description: "Database node size slug, e.g. db-s-1vcpu-1gb.", prop: "nodeSize" },
    postgres_version: { ...DO_SETTINGS.database_version, prop: "postgresVersion" },
    high_availability: { ...DO_SETTINGS.database_high_availability, prop: "highAvailability" },
    tags: { type: "list(string)", description: "Tags for the cluster.", default: [], prop: "tags" },
  },
  create: (scope, id, props) => new MathesarDoDatabase(scope, id, props),
  outputs: {
    cluster_id: { description: "Id of the database cluster.", value: (b) => b.cluster.id },
    cluster_urn: { description: "URN of the database cluster.", value: (b) => b.cluster.urn },
    private_host: { description: "Private host name of the cluster.", value: (b) => b.cluster.privateHost },
    port: { description: "PostgreSQL port.", value: (b) => b.cluster.port },
    endpoint: {
      description: "Private host:port.",
      value: (b) => Fn.join(":", [b.cluster.privateHost, Fn.tostring(b.cluster.port)]),
    },
    database_name: { description: "Mathesar's internal database.", value: (b) => b.database.name },
    user: { description: "Mathesar's login role.", value: (b) => b.user.name },
    password: { description: "Password of Mathesar's role.", sensitive: true, value: (b) => b.user.password },
    admin_user: {
      description: "The cluster's admin role (used once per deploy to grant Mathesar's role).",
      value: (b) => b.cluster.user,
    },
    admin_password: {
      description: "Password of the cluster's admin role.",
      sensitive: true,
      value: (b) => b.cluster.password,
    },
  },
};

/** `modules/app`: Mathesar on App Platform. */
export const DO_APP_BLOCK: BlockSpec<
  MathesarDoAppProps,
  MathesarDoApp,
  "app_id" | "app_urn" | "live_url" | "cname_target"
> = {
  module: "app",
  folder: "app",
  id: "App",
  description:
    "Mathesar on App Platform: the pinned image, secrets as encrypted SECRET variables, a pre-deploy job " +
    "that migrates and creates the first admin, a custom domain with managed TLS, and alerts.",
  ...digitalocean,
  variables: {
    name: { ...DO_SETTINGS.name, prop: "name" },
    app_region: {
      type: "string",
      description: "App Platform region (nyc, ams, fra, lon, sfo, sgp, syd, tor, blr, atl).",
      prop: "appRegion",
    },
    vpc_id: {
      type: "string",
      description: "Id of the VPC the app joins to reach the database privately.",
      prop: "vpcId",
    },
    image_repository: { ...DO_SETTINGS.image_repository, prop: "imageRepository" },
    mathesar_version: { ...DO_SETTINGS.mathesar_version, prop: "mathesarVersion" },
    instance_size: {
      type: "string",
      description: "App Platform instance size slug.",
      rule: DO_APP_INSTANCE_SIZE_RULE,
      prop: "instanceSize",
    },
    database_host: {
      type: "string",
      description: "Host of Mathesar's internal database. Required: without it Mathesar starts a throwaway database.",
      rule: DATABASE_HOST_RULE,
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
      description: "Role Mathesar logs in as.",
      default: "mathesar",
      rule: DATABASE_LOGIN_RULE,
      prop: "database.user",
    },
    database_password: {
      type: "string",
      description: "Password of database_user.",
      sensitive: true,
      prop: "database.password",
    },
    database_sslmode: {
      type: "string",
      description:
        "TLS mode of the database connection, set as libpq's PGSSLMODE (require for every managed database; " +
        "verify-ca/verify-full need database_ca_certificate).",
      default: "require",
      rule: SSL_MODE_WITH_CA_RULE,
      prop: "database.sslMode",
    },
    database_ca_certificate: {
      type: "string",
      description:
        `The database server's CA certificate(s), PEM, written to a file at start and named by PGSSLROOTCERT; ` +
        `"${NO_DATABASE_CA}": none (verify-ca/verify-full then fail to connect).`,
      default: NO_DATABASE_CA,
      prop: "databaseCaCertificate",
    },
    database_admin_user: {
      type: "string",
      description:
        "The server's admin role; when set, the pre-deploy job grants database_user its privileges first. Empty: skip.",
      default: "",
      prop: "databaseAdmin.user",
    },
    database_admin_password: {
      type: "string",
      description: "Password of database_admin_user.",
      default: "",
      sensitive: true,
      prop: "databaseAdmin.password",
    },
    secret_key: {
      type: "string",
      description: "Django SECRET_KEY. Must never change.",
      sensitive: true,
      prop: "secretKey",
    },
    admin_enabled: { ...DO_SETTINGS.admin_enabled, prop: "admin.enabled" },
    admin_username: { ...DO_SETTINGS.admin_username, prop: "admin.username" },
    admin_email: { ...DO_SETTINGS.admin_email, prop: "admin.email" },
    admin_password: {
      type: "string",
      description: "Password of the first admin.",
      sensitive: true,
      prop: "admin.password",
    },
    domain_name: { ...DO_SETTINGS.domain_name, prop: "domainName" },
    domain_zone: { ...DO_SETTINGS.domain_zone, prop: "domainZone" },
    sso_config: { ...DO_SETTINGS.sso_config, default: "{}", prop: "ssoConfig" },
    require_sso_login: { ...DO_SETTINGS.require_sso_login, prop: "requireSsoLogin" },
    ignore_env_changes: { ...DO_SETTINGS.ignore_env_changes, prop: "ignoreEnvChanges" },
  },
  create: (scope, id, props) => new MathesarDoApp(scope, id, props),
  outputs: {
    app_id: { description: "Id of the App Platform app.", value: (b) => b.appId },
    app_urn: { description: "URN of the app (for DigitalOcean projects).", value: (b) => b.urn },
    live_url: { description: "URL the app is live at.", value: (b) => b.liveUrl },
    cname_target: {
      description: "The app's ondigitalocean.app host name: point a CNAME at it when your DNS is not at DigitalOcean.",
      value: (b) => b.cnameTarget,
    },
  },
};

/** `modules/database-firewall`: trusted sources = the app and its VPC. */
export const DO_DATABASE_FIREWALL_BLOCK: BlockSpec<
  MathesarDoDatabaseFirewallProps,
  MathesarDoDatabaseFirewall,
  "firewall_id"
> = {
  module: "database_firewall",
  folder: "database-firewall",
  id: "DatabaseFirewall",
  description:
    "Replaces a database cluster's trusted sources with the Mathesar app and its VPC's range. Use it only " +
    "on a cluster created for Mathesar: it overwrites every existing rule.",
  ...digitalocean,
  variables: {
    cluster_id: { type: "string", description: "Id of the database cluster to close.", prop: "clusterId" },
    app_id: { type: "string", description: "Id of the App Platform app allowed in.", prop: "appId" },
    vpc_ip_range: {
      type: "string",
      description:
        "IP range of the VPC the app and the cluster share, allowed in too (the app reaches the cluster from private addresses in it).",
      prop: "vpcIpRange",
    },
  },
  create: (scope, id, props) => new MathesarDoDatabaseFirewall(scope, id, props),
  outputs: { firewall_id: { description: "Id of the firewall.", value: (b) => b.firewall.id } },
};
