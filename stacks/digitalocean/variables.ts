/**
 * Terraform variables of the published DigitalOcean modules, declared once and shared by the root module
 * and the submodules that take the same input. Validations reuse the TypeScript rules, so a bad value
 * gets the same explanation in `terraform plan` as in `cdktf synth`.
 */
import {
  ADMIN_USERNAME_RULE,
  CONTRACT_DEFAULTS,
  DEFAULT_MATHESAR_VERSION,
  DEFAULT_SIZE,
  DOMAIN_NAME_RULE,
  JSON_OBJECT_RULE,
  MATHESAR_IMAGE_REPOSITORY,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  SECRET_KEY_RULE,
  SIZE_RULE,
} from "../../modules/mathesar";
import {
  DEFAULT_DO_REGION,
  DO_APP_INSTANCE_SIZE_RULE,
  DO_DATABASE_SIZE_RULE,
  DO_DOCKER_HUB_REPOSITORY_RULE,
  DO_NAME_MAX_LENGTH,
  DO_NAME_RULE,
  DO_POSTGRES_VERSION_RULE,
  DO_REGION_RULE,
  DO_TAG_RULE,
  DO_UUID_RULE,
  DO_VPC_IP_RANGE_RULE,
} from "../../modules/digitalocean";
import type { VariableSpec } from "../../modules/terraform";
import { nameVariable } from "../shared/contract-variables";

const v = (spec: VariableSpec): VariableSpec => spec;

/** Variables by name; each module picks the ones it takes. */
export const DO_VARIABLES = {
  name: nameVariable(DO_NAME_RULE, DO_NAME_MAX_LENGTH),
  region: v({
    type: "string",
    description:
      "DigitalOcean datacenter for the VPC, the database and the app (nyc3, fra1, ams3, lon1, sfo3, sgp1, ...).",
    default: DEFAULT_DO_REGION,
    rule: DO_REGION_RULE,
  }),
  domain_name: v({
    type: "string",
    description:
      "Host name to serve Mathesar at, e.g. mathesar.example.org; null serves it at the app's ondigitalocean.app address only.",
    default: null,
    rule: DOMAIN_NAME_RULE,
  }),
  domain_zone: v({
    type: "string",
    description:
      "DigitalOcean DNS zone holding domain_name (e.g. example.org); App Platform then creates the DNS records. Null: point a CNAME at the cname_target output yourself.",
    default: null,
    rule: DOMAIN_NAME_RULE,
  }),
  mathesar_version: v({
    type: "string",
    description: "Mathesar release (image tag) to run. Never 'latest': upgrades are explicit.",
    default: DEFAULT_MATHESAR_VERSION,
    rule: MATHESAR_VERSION_RULE,
  }),
  image_repository: v({
    type: "string",
    description: "Docker Hub repository of the Mathesar image (owner/name).",
    default: MATHESAR_IMAGE_REPOSITORY,
    rule: DO_DOCKER_HUB_REPOSITORY_RULE,
  }),
  size: v({
    type: "string",
    description: "small, medium or large: picks the App Platform instance and the database node (see the cost table).",
    default: DEFAULT_SIZE,
    rule: SIZE_RULE,
  }),
  app_instance_size: v({
    type: "string",
    description: "App Platform instance size slug overriding the one size picks, e.g. apps-s-1vcpu-2gb.",
    default: null,
    rule: DO_APP_INSTANCE_SIZE_RULE,
  }),
  existing_vpc_id: v({
    type: "string",
    description: "Id of an existing VPC to use; null creates one named <name>-vpc.",
    default: null,
    rule: DO_UUID_RULE,
  }),
  vpc_ip_range: v({
    type: "string",
    description: "IP range of the new VPC (e.g. 10.20.0.0/20); null lets DigitalOcean pick a free one.",
    default: null,
    rule: DO_VPC_IP_RANGE_RULE,
  }),
  database_version: v({
    type: "number",
    description: "PostgreSQL major version of the managed cluster (14 to 17).",
    default: CONTRACT_DEFAULTS.databaseVersion,
    rule: DO_POSTGRES_VERSION_RULE,
  }),
  database_node_size: v({
    type: "string",
    description: "Database node size slug overriding the one size picks, e.g. db-s-2vcpu-4gb.",
    default: null,
    rule: DO_DATABASE_SIZE_RULE,
  }),
  database_high_availability: v({
    type: "bool",
    description:
      "Add a standby node that takes over if the primary fails (doubles the database cost; needs size medium or larger).",
    default: false,
  }),
  deletion_protection: v({
    type: "bool",
    description:
      "Refuse to destroy or replace the managed database and the SECRET_KEY (with an existing database too). Back up the key, set false and apply before a deliberate destroy.",
    default: true,
  }),
  admin_enabled: v({
    type: "bool",
    description:
      "Create the first admin at deploy time. False leaves /complete_installation/ open to whoever comes first.",
    default: true,
  }),
  admin_username: v({
    type: "string",
    description: "Username of the first admin.",
    default: CONTRACT_DEFAULTS.adminUsername,
    rule: ADMIN_USERNAME_RULE,
  }),
  admin_email: v({
    type: "string",
    description: "E-mail stored on the first admin's account (Mathesar sends no mail).",
    default: CONTRACT_DEFAULTS.adminEmail,
    rule: OPTIONAL_EMAIL_RULE,
  }),
  sso_config: v({
    type: "string",
    description:
      "Mathesar's SSO configuration as JSON (SSO_CONFIG_DICT); holds client secrets. Null: password login only.",
    default: null,
    sensitive: true,
    rule: JSON_OBJECT_RULE,
  }),
  require_sso_login: v({
    type: "bool",
    description: "Hide the password form and require single sign-on (needs sso_config).",
    default: false,
  }),
  secret_key: v({
    type: "string",
    description:
      "SECRET_KEY of an existing Mathesar installation (restore or move): it decrypts saved database passwords. Null generates one.",
    default: null,
    sensitive: true,
    rule: SECRET_KEY_RULE,
  }),
  tags: v({
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
    type: "bool",
    description:
      "Ignore changes to the app's environment variables after creation. The provider stores DigitalOcean's encrypted form of SECRET values, so every plan shows them changed and every apply redeploys; true stops that, but then no later change of an environment value (database password, SSO, domain, secret key) reaches the app until you set it back. Decide before the first apply: switching replaces the app.",
    default: false,
  }),
} as const;
