/**
 * The Docker host target's settings, declared once: each root-module variable with its type, default,
 * description and input rule, bound to its prop of `MathesarOnDockerHostProps`. The construct checks props
 * with the same rules (checkSettings) and the root module's variables are this table.
 */
import {
  JSON_OBJECT_RULE,
  SIZE_RULE,
  ADMIN_USERNAME_RULE,
  DOMAIN_NAME_RULE,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  PORT_RULE,
  SECRET_KEY_RULE,
  IMAGE_REPOSITORY_RULE,
  CA_CERTIFICATE_RULE,
} from "../mathesar";
import { nameVariable } from "../mathesar/contract-variables";
import { existingDatabaseObject } from "../mathesar/existing-database-setting";
import { existingDatabaseValidations } from "../mathesar/existing-database-validations";
import { nameRule } from "../mathesar/inputs";
import type { Setting } from "../terraform/wiring";
import { DOCKER_DEFAULTS } from "./defaults";
import { DOCKER_BIND_ADDRESS_RULE, DOCKER_NAME_MAX_LENGTH, DOCKER_PINNED_IMAGE_RULE, DOCKER_TLS_RULE } from "./inputs";

const v = (setting: Setting): Setting => setting;

const EXISTING_DATABASE = existingDatabaseObject({
  ca_certificate: { type: "optional(string)", prop: "caCertificate" },
});

/** Name rule of the target (container, network and volume prefix). */
export const DOCKER_NAME_RULE = nameRule(DOCKER_NAME_MAX_LENGTH);

/** The root module's variables, each bound to its prop of `MathesarOnDockerHostProps`. */
export const DOCKER_SETTINGS = {
  name: {
    ...nameVariable(DOCKER_NAME_RULE, DOCKER_NAME_MAX_LENGTH, "Prefix of every container, network and volume name"),
    prop: "name",
  },
  domain_name: v({
    prop: "domainName",
    type: "string",
    description:
      "Host name users open (Caddy's certificate and Django's ALLOWED_HOSTS). The default serves this machine only.",
    default: DOCKER_DEFAULTS.domainName,
    rule: DOMAIN_NAME_RULE,
  }),
  mathesar_version: v({
    prop: "mathesarVersion",
    type: "string",
    description:
      "Mathesar release (image tag) to run, optionally with @sha256: digest. Never 'latest': upgrades are explicit.",
    default: DOCKER_DEFAULTS.mathesarVersion,
    rule: MATHESAR_VERSION_RULE,
  }),
  image_repository: v({
    prop: "imageRepository",
    type: "string",
    description: "Repository of the Mathesar image, without tag (an internal mirror on an air-gapped host).",
    default: DOCKER_DEFAULTS.imageRepository,
    rule: IMAGE_REPOSITORY_RULE,
  }),
  postgres_image: v({
    prop: "postgresImage",
    type: "string",
    description: "Pinned PostgreSQL image of the evaluation database (tag or digest, never latest).",
    default: DOCKER_DEFAULTS.postgresImage,
    rule: DOCKER_PINNED_IMAGE_RULE,
  }),
  caddy_image: v({
    prop: "caddyImage",
    type: "string",
    description: "Pinned Caddy image (tag or digest, never latest).",
    default: DOCKER_DEFAULTS.caddyImage,
    rule: DOCKER_PINNED_IMAGE_RULE,
  }),
  tls: v({
    prop: "tls",
    type: "string",
    description:
      "acme: Caddy gets a Let's Encrypt certificate (ports 80 and 443 reachable from the internet); " +
      "internal: Caddy's own CA; files: your certificate and key; none: no Caddy, Mathesar's HTTP published " +
      "on app_bind_address:app_port for your own proxy.",
    default: DOCKER_DEFAULTS.tls,
    rule: DOCKER_TLS_RULE,
  }),
  tls_certificate: v({
    prop: "tlsCertificate",
    type: "string",
    description: 'PEM certificate chain for tls = "files" (your own CA\'s).',
    default: null,
    rule: CA_CERTIFICATE_RULE,
  }),
  tls_private_key: v({
    prop: "tlsPrivateKey",
    type: "string",
    description: 'PEM private key for tls = "files". Pass it from a secret (TF_VAR_tls_private_key).',
    default: null,
    sensitive: true,
  }),
  http_port: v({
    prop: "httpPort",
    type: "number",
    description: "Host port Caddy answers plain HTTP on (redirects to HTTPS, ACME challenges).",
    default: DOCKER_DEFAULTS.httpPort,
    rule: PORT_RULE,
  }),
  https_port: v({
    prop: "httpsPort",
    type: "number",
    description: "Host port Caddy answers HTTPS on.",
    default: DOCKER_DEFAULTS.httpsPort,
    rule: PORT_RULE,
  }),
  app_port: v({
    prop: "appPort",
    type: "number",
    description: 'With tls = "none": host port Mathesar\'s plain HTTP is published on, for your own proxy.',
    default: DOCKER_DEFAULTS.appPort,
    rule: PORT_RULE,
  }),
  app_bind_address: v({
    prop: "appBindAddress",
    type: "string",
    description: 'With tls = "none": host address that port is bound to (127.0.0.1: this host only).',
    default: DOCKER_DEFAULTS.appBindAddress,
    rule: DOCKER_BIND_ADDRESS_RULE,
  }),
  admin_enabled: v({
    prop: "admin.enabled",
    type: "bool",
    description:
      "Create the first admin at deploy time. False leaves /complete_installation/ open to whoever comes first.",
    default: DOCKER_DEFAULTS.adminEnabled,
  }),
  admin_username: v({
    prop: "admin.username",
    type: "string",
    description: "Username of the first admin.",
    default: DOCKER_DEFAULTS.adminUsername,
    rule: ADMIN_USERNAME_RULE,
  }),
  admin_email: v({
    prop: "admin.email",
    type: "string",
    description: "E-mail stored on the first admin's account (Mathesar sends no mail).",
    default: DOCKER_DEFAULTS.adminEmail,
    rule: OPTIONAL_EMAIL_RULE,
  }),
  size: v({
    prop: "size",
    type: "string",
    description: "small, medium or large: the gunicorn workers Mathesar runs (a share of the host's CPUs and memory).",
    default: DOCKER_DEFAULTS.size,
    rule: SIZE_RULE,
  }),
  sso_config: v({
    prop: "sso.configJson",
    type: "string",
    description:
      "Mathesar's SSO configuration as JSON (SSO_CONFIG_DICT, Mathesar 0.11.0 and later); holds client " +
      "secrets and reaches the container as a file. Null: password login only.",
    default: null,
    sensitive: true,
    rule: JSON_OBJECT_RULE,
  }),
  require_sso_login: v({
    prop: "sso.requireSsoLogin",
    type: "bool",
    description: "Hide the password form and require single sign-on (needs sso_config).",
    default: DOCKER_DEFAULTS.requireSsoLogin,
  }),
  secret_key: v({
    prop: "secretKey",
    type: "string",
    description: "SECRET_KEY of an existing Mathesar installation (restore or move). Null generates one.",
    default: null,
    sensitive: true,
    rule: SECRET_KEY_RULE,
  }),
  evaluation_database_host_port: v({
    prop: "database.evaluation.hostPort",
    type: "number",
    description:
      "Never set: the evaluation database is not published on a host port (use docker exec or an SSH " +
      "tunnel). Declared so that a request for it is refused with this explanation.",
    default: null,
  }),
  existing_database: v({
    prop: "database.existing",
    type: EXISTING_DATABASE.type,
    description:
      "A PostgreSQL server you already run (its internal database must exist and belong to user; see " +
      "docs/existing-database.md). Null runs the evaluation database container. sslmode is require, " +
      "verify-ca or verify-full; the verify modes need ca_certificate (the server's CA, PEM, e.g. " +
      "file(...)).",
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
