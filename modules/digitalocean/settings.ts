/**
 * The DigitalOcean target's settings, declared once: each root-module variable with its type, default,
 * description and input rule, bound to its prop of `MathesarOnDigitalOceanProps`. The construct checks
 * props with the same rules (checkSettings), the blocks' submodule variables reuse these specs, and the
 * root module's variables are this table. Naming: `database.managed.x` ↔ `database_x` and
 * `database.existing` ↔ `existing_database` (the TypeScript union's words); the rest is camelCase ↔
 * snake_case of the same words, except `sso.configJson` ↔ `sso_config` and `sso.requireSsoLogin` ↔
 * `require_sso_login` (the README's settings table lists every pair).
 */
import {
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  JSON_OBJECT_RULE,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  SECRET_KEY_RULE,
  SIZE_RULE,
} from "../mathesar";
import {
  DO_APP_INSTANCE_SIZE_RULE,
  DO_MANAGED_SSL_MODE_RULE,
  DO_DATABASE_SIZE_RULE,
  DO_DOCKER_HUB_REPOSITORY_RULE,
  DO_NAME_MAX_LENGTH,
  DO_NAME_RULE,
  DO_POSTGRES_VERSION_RULE,
  DO_REGION_RULE,
  DO_TAG_RULE,
  DO_UUID_RULE,
  DO_VPC_IP_RANGE_RULE,
} from "./inputs";
import { DO_DEFAULTS } from "./defaults";
import type { Setting } from "../terraform/wiring";
import { nameVariable } from "../mathesar/contract-variables";
import { existingDatabaseObject } from "../mathesar/existing-database-setting";
import { existingDatabaseValidations } from "../mathesar/existing-database-validations";

const v = (setting: Setting): Setting => setting;

const EXISTING_DATABASE = existingDatabaseObject({
  ca_certificate: { type: "optional(string)", prop: "caCertificate" },
});

/** The root module's variables, each bound to its prop of `MathesarOnDigitalOceanProps`. */
export const DO_SETTINGS = {
  name: { ...nameVariable(DO_NAME_RULE, DO_NAME_MAX_LENGTH), prop: "name" },
  region: v({
    prop: "region",
    type: "string",
    description:
      "DigitalOcean datacenter for the VPC, the database and the app (nyc3, fra1, ams3, lon1, sfo3, sgp1, ...).",
    default: DO_DEFAULTS.region,
    rule: DO_REGION_RULE,
  }),
  domain_name: v({
    prop: "domainName",
    type: "string",
    description:
      "Host name to serve Mathesar at, e.g. mathesar.example.org; null serves it at the app's ondigitalocean.app address only.",
    default: null,
    rule: DOMAIN_NAME_RULE,
  }),
  domain_zone: v({
    prop: "domainZone",
    type: "string",
    description:
      "DigitalOcean DNS zone holding domain_name (e.g. example.org); App Platform then creates the DNS " +
      "records. Null: point a CNAME at the cname_target output yourself.",
    default: null,
    rule: DOMAIN_NAME_RULE,
  }),
  mathesar_version: v({
    prop: "mathesarVersion",
    type: "string",
    description: "Mathesar release (image tag) to run. Never 'latest': upgrades are explicit.",
    default: DO_DEFAULTS.mathesarVersion,
    rule: MATHESAR_VERSION_RULE,
  }),
  image_repository: v({
    prop: "imageRepository",
    type: "string",
    description: "Docker Hub repository of the Mathesar image (owner/name).",
    default: DO_DEFAULTS.imageRepository,
    rule: DO_DOCKER_HUB_REPOSITORY_RULE,
  }),
  size: v({
    prop: "size",
    type: "string",
    description: "small, medium or large: picks the App Platform instance and the database node (see the cost table).",
    default: DO_DEFAULTS.size,
    rule: SIZE_RULE,
  }),
  app_instance_size: v({
    prop: "appInstanceSize",
    type: "string",
    description: "App Platform instance size slug overriding the one size picks, e.g. apps-s-1vcpu-2gb.",
    default: null,
    rule: DO_APP_INSTANCE_SIZE_RULE,
  }),
  existing_vpc_id: v({
    prop: "existingVpcId",
    type: "string",
    description: "Id of an existing VPC to use; null creates one named <name>-vpc.",
    default: null,
    rule: DO_UUID_RULE,
  }),
  vpc_ip_range: v({
    prop: "vpcIpRange",
    type: "string",
    description: "IP range of the new VPC (e.g. 10.20.0.0/20); null lets DigitalOcean pick a free one.",
    default: null,
    rule: DO_VPC_IP_RANGE_RULE,
  }),
  database_version: v({
    prop: "database.managed.version",
    type: "number",
    description: "PostgreSQL major version of the managed cluster (14 to 17).",
    default: DO_DEFAULTS.databaseVersion,
    rule: DO_POSTGRES_VERSION_RULE,
  }),
  database_node_size: v({
    prop: "database.managed.nodeSize",
    type: "string",
    description: "Database node size slug overriding the one size picks, e.g. db-s-2vcpu-4gb.",
    default: null,
    rule: DO_DATABASE_SIZE_RULE,
  }),
  database_high_availability: v({
    prop: "database.managed.highAvailability",
    type: "bool",
    description:
      "Add a standby node that takes over if the primary fails (doubles the database cost; needs size medium or larger).",
    default: DO_DEFAULTS.databaseHighAvailability,
  }),
  deletion_protection: v({
    prop: "deletionProtection",
    type: "bool",
    description:
      "Refuse to destroy or replace the managed database and the SECRET_KEY (with an existing database " +
      "too). Back up the key, set false and apply before a deliberate destroy.",
    default: DO_DEFAULTS.deletionProtection,
  }),
  admin_enabled: v({
    prop: "admin.enabled",
    type: "bool",
    description:
      "Create the first admin at deploy time. False leaves /complete_installation/ open to whoever comes first.",
    default: DO_DEFAULTS.adminEnabled,
  }),
  admin_username: v({
    prop: "admin.username",
    type: "string",
    description: "Username of the first admin.",
    default: DO_DEFAULTS.adminUsername,
    rule: ADMIN_USERNAME_RULE,
  }),
  admin_email: v({
    prop: "admin.email",
    type: "string",
    description: "E-mail stored on the first admin's account (Mathesar sends no mail).",
    default: DO_DEFAULTS.adminEmail,
    rule: OPTIONAL_EMAIL_RULE,
  }),
  sso_config: v({
    prop: "sso.configJson",
    type: "string",
    description:
      "Mathesar's SSO configuration as JSON (SSO_CONFIG_DICT); holds client secrets. Null: password login only.",
    default: null,
    sensitive: true,
    rule: JSON_OBJECT_RULE,
  }),
  require_sso_login: v({
    prop: "sso.requireSsoLogin",
    type: "bool",
    description: "Hide the password form and require single sign-on (needs sso_config).",
    default: DO_DEFAULTS.requireSsoLogin,
  }),
  secret_key: v({
    prop: "secretKey",
    type: "string",
    description:
      "SECRET_KEY of an existing Mathesar installation (restore or move): it decrypts saved database passwords. Null generates one.",
    default: null,
    sensitive: true,
    rule: SECRET_KEY_RULE,
  }),
  tags: v({
    prop: "tags",
    type: "map(string)",
    description: "Tags added to the database cluster, as key:value (letters, digits, colons, hyphens and underscores).",
    default: {},
    validations: [
      {
        condition: `\${alltrue([for key, value in var.tags : ${DO_TAG_RULE.condition('"${key}:${value}"')}])}`,
        errorMessage: `Invalid tags: every "key:value" must consist of ${DO_TAG_RULE.allowed}.`,
      },
    ],
  }),
  ignore_env_changes: v({
    prop: "ignoreEnvChanges",
    type: "bool",
    description:
      "Ignore changes to the app's environment variables after creation. The provider stores DigitalOcean's " +
      "encrypted form of SECRET values, so every plan shows them changed and every apply redeploys; true " +
      "stops that, but then no later change of an environment value (database password, SSO, domain, secret " +
      "key) reaches the app until you set it back. Decide before the first apply: switching replaces the " +
      "app.",
    default: DO_DEFAULTS.ignoreEnvChanges,
  }),
  database_sslmode: v({
    prop: "database.managed.sslMode",
    type: "string",
    description:
      "TLS to the managed cluster: require (encrypted), or verify-ca/verify-full (also verified against the " +
      "cluster's CA, read with digitalocean_database_ca). Ignored with existing_database (its sslmode " +
      "applies).",
    default: DO_DEFAULTS.databaseSslMode,
    rule: DO_MANAGED_SSL_MODE_RULE,
  }),
  existing_database: v({
    prop: "database.existing",
    type: EXISTING_DATABASE.type,
    description:
      "A PostgreSQL server you already run (its internal database must exist and belong to user; see " +
      "docs/existing-database.md). Null creates a managed cluster. Nothing on it is overwritten and no " +
      "firewall is attached. sslmode becomes libpq's PGSSLMODE; verify-ca/verify-full need ca_certificate " +
      "(the server's CA, PEM).",
    default: null,
    validations: existingDatabaseValidations({ withCaCertificate: true }),
    fields: EXISTING_DATABASE.fields,
  }),
  existing_database_password: v({
    prop: "database.existing.password",
    type: "string",
    description:
      "Password of existing_database.user. Pass it from a secret (TF_VAR_existing_database_password), never in code.",
    default: null,
    sensitive: true,
  }),
} as const;
