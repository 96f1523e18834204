/**
 * The Docker host blocks' published interfaces, declared once (see BlockSpec): each block's submodule in
 * dist/terraform-docker-mathesar/modules/, the `module` block the root module writes for it, and the
 * construct the composite creates come from these specs. Submodule variables are the snake_case of the
 * block's prop paths (`database.host` → `database_host`); libpq's own word `sslmode` wins over `ssl_mode`.
 */
import type { Construct } from "constructs";
import { DockerProvider } from "@cdktf/provider-docker/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import {
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  PORT_RULE,
  NO_DATABASE_CA,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODE_WITH_CA_RULE,
} from "../mathesar";
import { oneOfRule } from "../terraform/input-rule";
import type { BlockSpec } from "../terraform/wiring";
import { MathesarDockerApp, type MathesarDockerAppProps } from "./app";
import { MathesarDockerDatabase, type MathesarDockerDatabaseProps } from "./database";
import { DOCKER_MODULE_PROVIDERS } from "./module-providers";
import { MathesarDockerNetwork, type MathesarDockerNetworkProps } from "./network";
import { CADDY_TLS_MODES, MathesarDockerProxy, type MathesarDockerProxyProps } from "./proxy";
import { MathesarDockerSecrets } from "./secrets";
import { DOCKER_SETTINGS } from "./settings";

const docker = {
  providers: { docker: DOCKER_MODULE_PROVIDERS.docker },
  declareProviders: (scope: Construct) => new DockerProvider(scope, "docker"),
};

const networkName = { type: "string", description: "Name of the private network to join.", prop: "networkName" };

/** `modules/network`: the private bridge network. */
export const DOCKER_NETWORK_BLOCK: BlockSpec<MathesarDockerNetworkProps, MathesarDockerNetwork, "network_name"> = {
  module: "network",
  folder: "network",
  id: "Network",
  description: "The private bridge network Mathesar, its database and Caddy share.",
  ...docker,
  variables: { name: { ...DOCKER_SETTINGS.name, prop: "name" } },
  create: (scope, id, props) => new MathesarDockerNetwork(scope, id, props),
  outputs: { network_name: { description: "Name of the network.", value: (b) => b.networkName } },
};

/** `modules/secrets`: the generated SECRET_KEY, admin password and evaluation database password. */
export const DOCKER_SECRETS_BLOCK: BlockSpec<
  Record<string, never>,
  MathesarDockerSecrets,
  "secret_key" | "admin_password" | "database_password"
> = {
  module: "secrets",
  folder: "secrets",
  id: "Secrets",
  description:
    "Generates Mathesar's SECRET_KEY, the first admin's password and the evaluation database's password (kept in Terraform state, marked sensitive).",
  providers: { random: DOCKER_MODULE_PROVIDERS.random },
  declareProviders: (scope) => new RandomProvider(scope, "random"),
  variables: {},
  create: (scope, id) => new MathesarDockerSecrets(scope, id),
  outputs: {
    secret_key: {
      description: "Django SECRET_KEY. Never change it: saved database passwords depend on it.",
      sensitive: true,
      value: (b) => b.secretKey,
    },
    admin_password: { description: "Password of the first admin.", sensitive: true, value: (b) => b.adminPassword },
    database_password: {
      description: "Password of the evaluation database's role.",
      sensitive: true,
      value: (b) => b.databasePassword,
    },
  },
};

/** `modules/database`: the evaluation PostgreSQL container. */
export const DOCKER_DATABASE_BLOCK: BlockSpec<
  MathesarDockerDatabaseProps,
  MathesarDockerDatabase,
  "host" | "volume_name"
> = {
  module: "database",
  folder: "database",
  id: "Database",
  description:
    "The evaluation database: a pinned, health-checked PostgreSQL container on the private network only (never on a host port), its data in a named volume.",
  ...docker,
  variables: {
    name: { ...DOCKER_SETTINGS.name, prop: "name" },
    network_name: networkName,
    image: { ...DOCKER_SETTINGS.postgres_image, prop: "image" },
    database_name: {
      type: "string",
      description: "Mathesar's internal database.",
      rule: POSTGRES_IDENTIFIER_RULE,
      prop: "databaseName",
    },
    user: { type: "string", description: "Mathesar's role.", rule: DATABASE_LOGIN_RULE, prop: "user" },
    password: { type: "string", description: "Password of user.", sensitive: true, prop: "password" },
  },
  create: (scope, id, props) => new MathesarDockerDatabase(scope, id, props),
  outputs: {
    host: { description: "Host name of the database on the private network.", value: (b) => b.host },
    volume_name: { description: "The data volume (back it up).", value: (b) => b.volume.name },
  },
};

/** `modules/app`: Mathesar's bootstrap and web containers. */
export const DOCKER_APP_BLOCK: BlockSpec<
  MathesarDockerAppProps,
  MathesarDockerApp,
  "container_name" | "uploads_volume"
> = {
  module: "app",
  folder: "app",
  id: "App",
  description:
    "Mathesar: a one-shot bootstrap container (locked migrations, the first admin) Terraform waits for, " +
    "then the web container, both on the pinned image with secrets as files and uploads in a named " +
    "volume.",
  ...docker,
  variables: {
    name: { ...DOCKER_SETTINGS.name, prop: "name" },
    network_name: networkName,
    image_repository: { ...DOCKER_SETTINGS.image_repository, prop: "imageRepository" },
    mathesar_version: { ...DOCKER_SETTINGS.mathesar_version, prop: "mathesarVersion" },
    domain_name: { ...DOCKER_SETTINGS.domain_name, prop: "domainName" },
    database_host: {
      type: "string",
      description: "Host of Mathesar's internal database. Required: without it Mathesar starts a throwaway database.",
      rule: DATABASE_HOST_RULE,
      prop: "database.host",
    },
    database_port: { type: "number", description: "PostgreSQL port.", rule: PORT_RULE, prop: "database.port" },
    database_name: {
      type: "string",
      description: "Mathesar's internal database.",
      rule: POSTGRES_IDENTIFIER_RULE,
      prop: "database.name",
    },
    database_user: {
      type: "string",
      description: "Role Mathesar logs in as.",
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
        "libpq's PGSSLMODE: disable only for the evaluation database on the private network; verify-ca/verify-full need database_ca_certificate.",
      rule: SSL_MODE_WITH_CA_RULE,
      prop: "database.sslMode",
    },
    database_ca_certificate: {
      type: "string",
      description: `The database server's CA certificate(s), PEM, uploaded into both containers and named by PGSSLROOTCERT; "${NO_DATABASE_CA}": none.`,
      default: NO_DATABASE_CA,
      prop: "databaseCaCertificate",
    },
    secret_key: {
      type: "string",
      description: "Django SECRET_KEY. Must never change.",
      sensitive: true,
      prop: "secretKey",
    },
    admin_enabled: { ...DOCKER_SETTINGS.admin_enabled, prop: "admin.enabled" },
    admin_username: { ...DOCKER_SETTINGS.admin_username, prop: "admin.username" },
    admin_email: { ...DOCKER_SETTINGS.admin_email, prop: "admin.email" },
    admin_password: {
      type: "string",
      description: "Password of the first admin.",
      sensitive: true,
      prop: "admin.password",
    },
    web_concurrency: { type: "number", description: "Gunicorn workers.", prop: "webConcurrency" },
    sso_config: {
      type: "string",
      description: 'SSO_CONFIG_DICT JSON ("{}": password login only).',
      sensitive: true,
      prop: "ssoConfig",
    },
    require_sso_login: { ...DOCKER_SETTINGS.require_sso_login, prop: "requireSsoLogin" },
    publish: {
      type: "bool",
      description: "Publish Mathesar's HTTP port on the host (no Caddy in front).",
      prop: "publish",
    },
    app_port: { ...DOCKER_SETTINGS.app_port, prop: "appPort" },
    app_bind_address: { ...DOCKER_SETTINGS.app_bind_address, prop: "appBindAddress" },
  },
  create: (scope, id, props) => new MathesarDockerApp(scope, id, props),
  outputs: {
    container_name: { description: "Name of the web container (docker logs).", value: (b) => b.web.name },
    uploads_volume: { description: "The uploads volume (back it up).", value: (b) => b.uploads.name },
  },
};

/** `modules/proxy`: Caddy with automatic HTTPS or the user's certificate. */
export const DOCKER_PROXY_BLOCK: BlockSpec<MathesarDockerProxyProps, MathesarDockerProxy, "container_name"> = {
  module: "proxy",
  folder: "proxy",
  id: "Proxy",
  description:
    "Caddy in front of Mathesar, the only container with host ports: automatic HTTPS (ACME or Caddy's " +
    "internal CA) or your certificate and key, HSTS, certificates in a named volume.",
  ...docker,
  variables: {
    name: { ...DOCKER_SETTINGS.name, prop: "name" },
    network_name: networkName,
    image: { ...DOCKER_SETTINGS.caddy_image, prop: "image" },
    domain_name: { ...DOCKER_SETTINGS.domain_name, prop: "domainName" },
    tls: {
      ...DOCKER_SETTINGS.tls,
      description: "acme, internal or files.",
      rule: oneOfRule(CADDY_TLS_MODES),
      prop: "tls",
    },
    tls_certificate: { ...DOCKER_SETTINGS.tls_certificate, prop: "tlsCertificate" },
    tls_private_key: { ...DOCKER_SETTINGS.tls_private_key, prop: "tlsPrivateKey" },
    http_port: { ...DOCKER_SETTINGS.http_port, prop: "httpPort" },
    https_port: { ...DOCKER_SETTINGS.https_port, prop: "httpsPort" },
  },
  create: (scope, id, props) => new MathesarDockerProxy(scope, id, props),
  outputs: { container_name: { description: "Name of the Caddy container.", value: (b) => b.container.name } },
};
