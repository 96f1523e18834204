/**
 * The Docker host target's one wiring: which blocks exist, what each one is given, and what the target
 * outputs. `MathesarOnDockerHost` runs it with the construct composer (choices known in TypeScript); the
 * published root module runs it with the module composer (choices made by Terraform). See
 * docs/architecture.md, "One wiring, two bindings".
 */
import type { Construct } from "constructs";
import { Tokenization, Token } from "cdktf";
import { CONTRACT_DEFAULTS, CONTRACT_OUTPUTS, NO_DATABASE_CA } from "../mathesar";
import { type OutputSpec, lookupIn } from "../terraform";
import {
  type Block,
  type Composer,
  asBoolean,
  choose,
  differs,
  equal,
  firstOf,
  isAbsent,
  truthy,
} from "../terraform/wiring";
import type { MathesarDockerApp } from "./app";
import {
  DOCKER_APP_BLOCK,
  DOCKER_DATABASE_BLOCK,
  DOCKER_NETWORK_BLOCK,
  DOCKER_PROXY_BLOCK,
  DOCKER_SECRETS_BLOCK,
} from "./blocks";
import type { MathesarDockerDatabase } from "./database";
import { DOCKER_DEFAULTS, DOCKER_WEB_CONCURRENCY } from "./defaults";
import type { MathesarDockerNetwork } from "./network";
import type { MathesarOnDockerHostProps } from "./props";
import type { MathesarDockerProxy } from "./proxy";
import type { MathesarDockerSecrets } from "./secrets";

/** Name of the sensitive output that holds the generated admin password. */
export const DOCKER_ADMIN_PASSWORD_OUTPUT = "admin_password";

/**
 * TLS to the evaluation database: none. Its traffic never leaves the host's private Docker network (the
 * Compose bundle's choice too); an existing database is `require` or stricter.
 */
export const EVALUATION_DATABASE_SSL_MODE = "disable";

/** What the wiring built. */
export interface DockerWiring {
  readonly network: Block<MathesarDockerNetwork, "network_name">;
  readonly secrets: Block<MathesarDockerSecrets, "secret_key" | "admin_password" | "database_password">;
  readonly database: Block<MathesarDockerDatabase, "host" | "volume_name">;
  readonly app: Block<MathesarDockerApp, "container_name" | "uploads_volume">;
  readonly proxy: Block<MathesarDockerProxy, "container_name">;
  /** The target's outputs, by output name. */
  readonly outputs: Record<string, OutputSpec>;
}

/** Composes Mathesar on a Docker host from validated props. */
export function composeDockerHost(
  scope: Construct,
  props: MathesarOnDockerHostProps,
  composer: Composer,
): DockerWiring {
  const d = DOCKER_DEFAULTS;
  const name = props.name ?? d.name;
  const domainName = props.domainName ?? d.domainName;
  const tls = props.tls ?? d.tls;
  const existing = props.database?.existing;
  const evaluation = isAbsent(existing);
  const withCaddy = differs(tls, "none");

  const network = composer.block(scope, DOCKER_NETWORK_BLOCK, { name }, true);
  const networkName = network.out("network_name");
  const secrets = composer.block(scope, DOCKER_SECRETS_BLOCK, {}, true);
  const database = composer.block(
    scope,
    DOCKER_DATABASE_BLOCK,
    () => ({
      name,
      networkName,
      image: props.postgresImage ?? d.postgresImage,
      databaseName: CONTRACT_DEFAULTS.databaseName,
      user: CONTRACT_DEFAULTS.databaseUser,
      password: secrets.out("database_password"),
    }),
    evaluation,
  );
  const fromDatabase = (fromEvaluation: () => string, fromExisting: () => string) =>
    choose(evaluation, fromEvaluation, fromExisting);
  const secretKey = firstOf(props.secretKey, secrets.out("secret_key"));
  const app = composer.block(scope, DOCKER_APP_BLOCK, {
    name,
    networkName,
    imageRepository: props.imageRepository ?? d.imageRepository,
    mathesarVersion: props.mathesarVersion ?? d.mathesarVersion,
    domainName,
    database: {
      host: fromDatabase(
        () => database.out("host"),
        () => existing!.host,
      ),
      port: choose(
        evaluation,
        () => CONTRACT_DEFAULTS.databasePort as number,
        () => existing!.port ?? CONTRACT_DEFAULTS.databasePort,
      ),
      name: fromDatabase(
        () => CONTRACT_DEFAULTS.databaseName,
        () => existing!.databaseName ?? CONTRACT_DEFAULTS.databaseName,
      ),
      user: fromDatabase(
        () => CONTRACT_DEFAULTS.databaseUser,
        () => existing!.user ?? CONTRACT_DEFAULTS.databaseUser,
      ),
      password: fromDatabase(
        () => secrets.out("database_password"),
        () => existing!.password,
      ),
      sslMode: fromDatabase(
        () => EVALUATION_DATABASE_SSL_MODE,
        () => existing!.sslMode ?? CONTRACT_DEFAULTS.sslMode,
      ),
    },
    // The existing server's CA (verify modes); "none" when none, as the module variable takes it.
    databaseCaCertificate: fromDatabase(
      () => NO_DATABASE_CA,
      () => firstOf(existing!.caCertificate, NO_DATABASE_CA),
    ),
    secretKey,
    admin: {
      enabled: props.admin?.enabled ?? d.adminEnabled,
      username: props.admin?.username ?? d.adminUsername,
      email: props.admin?.email ?? d.adminEmail,
      password: secrets.out("admin_password"),
    },
    webConcurrency: lookupIn(DOCKER_WEB_CONCURRENCY, props.size ?? d.size),
    ssoConfig: firstOf(props.sso?.configJson, "{}"),
    requireSsoLogin: props.sso?.requireSsoLogin ?? d.requireSsoLogin,
    publish: asBoolean(equal(tls, "none")),
    appPort: props.appPort ?? d.appPort,
    appBindAddress: props.appBindAddress ?? d.appBindAddress,
  });
  // The evaluation database must be ready before the bootstrap; the module flavour orders the modules.
  const proxy = composer.block(
    scope,
    DOCKER_PROXY_BLOCK,
    {
      name,
      networkName,
      image: props.caddyImage ?? d.caddyImage,
      domainName,
      tls,
      tlsCertificate: props.tlsCertificate,
      tlsPrivateKey: props.tlsPrivateKey,
      httpPort: props.httpPort ?? d.httpPort,
      httpsPort: props.httpsPort ?? d.httpsPort,
    },
    withCaddy,
  );

  const appPort = props.appPort ?? d.appPort;
  const httpsPort = props.httpsPort ?? d.httpsPort;
  const adminUsername = props.admin?.username ?? d.adminUsername;
  const url = choose(
    withCaddy,
    () =>
      choose(
        equal(httpsPort, 443),
        () => `https://${domainName}/`,
        () => `https://${domainName}:${numberText(httpsPort)}/`,
      ),
    () =>
      `http://${props.appBindAddress ?? d.appBindAddress}:${numberText(appPort)}/ (put your HTTPS proxy in front for ${domainName})`,
  );
  const outputs: Record<string, OutputSpec> = {
    [CONTRACT_OUTPUTS.url.name]: { value: url, description: CONTRACT_OUTPUTS.url.description },
    [CONTRACT_OUTPUTS.adminUsername.name]: {
      value: choose(
        truthy(props.admin?.enabled, d.adminEnabled),
        () => adminUsername,
        () => "",
      ),
      description: CONTRACT_OUTPUTS.adminUsername.description,
    },
    [CONTRACT_OUTPUTS.adminPasswordLocation.name]: {
      value:
        composer.flavour === "module"
          ? `terraform output -raw ${DOCKER_ADMIN_PASSWORD_OUTPUT} (from your root module, which must re-export ` +
            `this module's ${DOCKER_ADMIN_PASSWORD_OUTPUT} output)`
          : `terraform output -raw ${DOCKER_ADMIN_PASSWORD_OUTPUT}`,
      description: CONTRACT_OUTPUTS.adminPasswordLocation.description,
    },
    [DOCKER_ADMIN_PASSWORD_OUTPUT]: {
      value: secrets.out("admin_password"),
      description: "Generated password of the first admin.",
      sensitive: true,
    },
    [CONTRACT_OUTPUTS.databaseEndpoint.name]: {
      value: fromDatabase(
        () => `${database.out("host")}:${CONTRACT_DEFAULTS.databasePort}`,
        () => `${existing!.host}:${numberText(existing!.port ?? CONTRACT_DEFAULTS.databasePort)}`,
      ),
      description: CONTRACT_OUTPUTS.databaseEndpoint.description,
    },
    [CONTRACT_OUTPUTS.logs.name]: {
      value: `docker logs ${app.out("container_name")}`,
      description: CONTRACT_OUTPUTS.logs.description,
    },
    uploads_volume: { value: app.out("uploads_volume"), description: "Volume holding uploaded files (back it up)." },
    database_volume: {
      value: database.present === false ? Token.asString(Token.nullValue()) : database.out("volume_name"),
      description: "Volume holding the evaluation database (null with an existing database; back it up).",
    },
  };
  return { network, secrets, database, app, proxy, outputs };
}

/** A number (or a number token) as text inside a string. */
function numberText(value: number): string {
  return Token.isUnresolved(value) ? Tokenization.stringifyNumber(value) : String(value);
}
