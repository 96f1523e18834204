/**
 * The options of a Compose bundle, their defaults, and the checks that refuse bad values when the bundle is
 * generated (`npm run synth`, or a caller such as the DigitalOcean Marketplace image) with the option's name,
 * the value and what is allowed. What a user changes after generation lives in `.env` instead.
 */
import { DEFAULT_MATHESAR_VERSION } from "../mathesar/image";
import {
  ADMIN_USERNAME_RULE,
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  DOMAIN_NAME_RULE,
  IMAGE_REPOSITORY_RULE,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  isVerifiedSslMode,
} from "../mathesar/inputs";
import { checkSsoVersion } from "../mathesar/versions";
import { type InputRule, MathesarInputError, checkProp, describeViolation, oneOfRule } from "../terraform/input-rule";
import { COMPOSE_MATHESAR_REPOSITORY, type ComposeImages, defaultComposeImages, isPinnedImage } from "./images";

/** What terminates TLS in front of Mathesar. */
export const COMPOSE_EDGES = ["caddy", "nginx"] as const;
/** One of {@link COMPOSE_EDGES}. */
export type ComposeEdge = (typeof COMPOSE_EDGES)[number];

/**
 * Where Caddy's certificate comes from: `acme` (a public CA such as Let's Encrypt; the host name must resolve
 * to this host and ports 80/443 must be reachable), `internal` (Caddy's own local CA: no network needed; the
 * browsers must trust Caddy's root), `files` (a certificate and key you issue from your own CA, in `certs/`).
 */
export const COMPOSE_TLS_MODES = ["acme", "internal", "files"] as const;
/** One of {@link COMPOSE_TLS_MODES}. */
export type ComposeTlsMode = (typeof COMPOSE_TLS_MODES)[number];

/** sslmodes a bundle accepts for an external database: never below `require`. */
export const COMPOSE_EXTERNAL_SSL_MODES = ["require", "verify-ca", "verify-full"] as const;

/** An existing PostgreSQL server for Mathesar's internal database (instead of the evaluation database). */
export interface ComposeExternalDatabase {
  /** Host name or IP address. Written to `.env` as `POSTGRES_HOST`. */
  readonly host: string;
  /** TCP port. @default 5432 */
  readonly port?: number;
  /** Mathesar's internal database. @default "mathesar_django" */
  readonly name?: string;
  /** Mathesar's login role. @default "mathesar" */
  readonly user?: string;
  /**
   * TLS mode, fixed in docker-compose.yml (not in `.env`, so it is not weakened by accident).
   * `verify-ca`/`verify-full` need {@link ComposeBundleOptions.caCertificate}.
   * @default "require"
   */
  readonly sslMode?: (typeof COMPOSE_EXTERNAL_SSL_MODES)[number];
}

/** Options of {@link composeBundleFiles}. Every one is checked when the bundle is generated. */
export interface ComposeBundleOptions {
  /** Mathesar release; never `latest`. @default DEFAULT_MATHESAR_VERSION */
  readonly mathesarVersion?: string;
  /** Repository of Mathesar's image (a mirror), without tag. @default "docker.io/mathesar/mathesar" */
  readonly imageRepository?: string;
  /** Other images (`caddy`, `postgres`, `nginx`, `certbot`), each pinned. @default the pinned images of images.ts */
  readonly images?: Partial<Omit<ComposeImages, "mathesar">>;
  /** The host name written to `.env.example` as `DOMAIN_NAME`. @default "mathesar.example.org" */
  readonly domainName?: string;
  /** Host port for HTTP (ACME challenges and the redirect to HTTPS). @default 80 */
  readonly httpPort?: number;
  /** Host port for HTTPS. @default 443 */
  readonly httpsPort?: number;
  /** TLS terminator. @default "caddy" */
  readonly edge?: ComposeEdge;
  /** Caddy's certificate source; the nginx edge supports `acme` (certbot) only. @default "acme" */
  readonly tls?: ComposeTlsMode;
  /**
   * Run the evaluation PostgreSQL in the bundle, on a private network only. Set `false` with {@link database}.
   * @default true unless `database` is given
   */
  readonly evaluationDatabase?: boolean;
  /** Refused: the evaluation database is never published on a host port (use `docker compose exec postgres psql`). */
  readonly evaluationDatabaseHostPort?: number;
  /** An existing PostgreSQL server instead of the evaluation database. @default - none */
  readonly database?: ComposeExternalDatabase;
  /**
   * Mount `certs/ca.pem` (your CA's certificates, PEM) into Mathesar: libpq verifies the database against it
   * (`PGSSLROOTCERT`) and Python's requests (SSO discovery and token calls) too (`REQUESTS_CA_BUNDLE`).
   * @default false
   */
  readonly caCertificate?: boolean;
  /** Pass `SSO_CONFIG_DICT` and `REQUIRE_SSO_LOGIN` from `.env` (Mathesar 0.11.0 or later). @default false */
  readonly sso?: boolean;
  /** Username of the first admin, written to `.env.example`. @default "admin" */
  readonly adminUsername?: string;
  /** E-mail of the first admin (stored, never mailed). @default "" */
  readonly adminEmail?: string;
}

/** Options with every default applied and every value checked. */
export interface ResolvedComposeOptions {
  readonly mathesarVersion: string;
  readonly images: ComposeImages;
  readonly domainName: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly edge: ComposeEdge;
  readonly tls: ComposeTlsMode;
  /** Undefined with the evaluation database. */
  readonly database?: Required<ComposeExternalDatabase>;
  readonly caCertificate: boolean;
  readonly sso: boolean;
  readonly adminUsername: string;
  readonly adminEmail: string;
}

/** The host name the committed bundles carry until the user sets their own in `.env`. */
export const EXAMPLE_DOMAIN_NAME = "mathesar.example.org";

/** A pinned image reference (see {@link isPinnedImage}). */
export const PINNED_IMAGE_RULE: InputRule<string> = {
  allowed:
    'a pinned image reference such as "docker.io/library/caddy:2.10.2" or ' +
    '"registry.example.org/mirror/postgres@sha256:" and 64 hex digits; never without a tag, never ' +
    '"latest"',
  test: (value) => typeof value === "string" && isPinnedImage(value),
  condition: () => {
    throw new Error("PINNED_IMAGE_RULE is checked at synth time only");
  },
};

function fail(prop: string, value: unknown, allowed: string): never {
  throw new MathesarInputError(describeViolation(prop, value, { allowed }));
}

const OPTION_NAMES: readonly (keyof ComposeBundleOptions)[] = [
  "mathesarVersion",
  "imageRepository",
  "images",
  "domainName",
  "httpPort",
  "httpsPort",
  "edge",
  "tls",
  "evaluationDatabase",
  "evaluationDatabaseHostPort",
  "database",
  "caCertificate",
  "sso",
  "adminUsername",
  "adminEmail",
];
const DATABASE_OPTION_NAMES: readonly (keyof ComposeExternalDatabase)[] = ["host", "port", "name", "user", "sslMode"];

/**
 * Refuses unknown names (a typo would silently keep a default) and `null` (a JavaScript caller's mistake: a
 * default applies only to a missing option).
 */
function checkShape(prefix: string, given: object, names: readonly string[]): void {
  for (const [key, value] of Object.entries(given)) {
    if (!names.includes(key)) fail(`${prefix}${key}`, value, `one of the options ${names.join(", ")}`);
    if (value === null) fail(`${prefix}${key}`, value, "a value, or left out for the default");
  }
}

function checkPort(prop: string, value: number | undefined): void {
  if (value !== undefined) checkProp(prop, value, PORT_RULE);
}

/** Applies the defaults and checks every option; throws {@link MathesarInputError} naming the option. */
export function resolveComposeOptions(options: ComposeBundleOptions = {}): ResolvedComposeOptions {
  if (options === null || typeof options !== "object") fail("options", options, "an object");
  checkShape("", options, OPTION_NAMES);
  if (options.database !== undefined) {
    if (typeof options.database !== "object") fail("database", options.database, "an object with host");
    checkShape("database.", options.database, DATABASE_OPTION_NAMES);
  }
  const version = options.mathesarVersion ?? DEFAULT_MATHESAR_VERSION;
  checkProp("mathesarVersion", version, MATHESAR_VERSION_RULE);
  const repository = options.imageRepository ?? COMPOSE_MATHESAR_REPOSITORY;
  checkProp("imageRepository", repository, IMAGE_REPOSITORY_RULE);
  const images = { ...defaultComposeImages(version, repository) };
  // A non-object here would be silently ignored by Object.entries (an empty string, a number, a list).
  if (options.images !== undefined && (typeof options.images !== "object" || Array.isArray(options.images)))
    fail("images", options.images, 'an object of images by name ("caddy", "postgres", "nginx", "certbot")');
  for (const [key, value] of Object.entries(options.images ?? {})) {
    if (!(key in images) || key === "mathesar")
      fail(`images.${key}`, value, 'an image of "caddy", "postgres", "nginx" or "certbot"');
    checkProp(`images.${key}`, value, PINNED_IMAGE_RULE);
    (images as Record<string, string>)[key] = value as string;
  }
  const domainName = options.domainName ?? EXAMPLE_DOMAIN_NAME;
  checkProp("domainName", domainName, DOMAIN_NAME_RULE);
  checkPort("httpPort", options.httpPort);
  checkPort("httpsPort", options.httpsPort);
  const httpPort = options.httpPort ?? 80;
  const httpsPort = options.httpsPort ?? 443;
  if (httpPort === httpsPort)
    fail("httpsPort", httpsPort, `a port other than httpPort (${httpPort}): HTTP and HTTPS need one each`);
  const edge = options.edge ?? "caddy";
  checkProp("edge", edge, oneOfRule(COMPOSE_EDGES));
  const tls = options.tls ?? "acme";
  checkProp("tls", tls, oneOfRule(COMPOSE_TLS_MODES));
  if (edge === "nginx" && tls !== "acme")
    fail(
      "tls",
      tls,
      '"acme" with edge "nginx" (certbot issues the certificate; use edge "caddy" for internal or files)',
    );

  if (options.evaluationDatabaseHostPort !== undefined)
    fail(
      "evaluationDatabaseHostPort",
      options.evaluationDatabaseHostPort,
      "left unset: the evaluation database stays on a private Docker network and is never published on a " +
        "host port (reach it with `docker compose exec postgres psql`)",
    );
  const evaluation = options.evaluationDatabase ?? options.database === undefined;
  if (evaluation !== true && evaluation !== false) fail("evaluationDatabase", evaluation, "true or false");
  if (evaluation && options.database !== undefined)
    fail("evaluationDatabase", evaluation, "false when database is given (one internal database)");
  let database: Required<ComposeExternalDatabase> | undefined;
  if (!evaluation) {
    const given = options.database;
    if (given === undefined || given.host === undefined || given.host === "")
      fail(
        "database.host",
        given?.host ?? "",
        `${DATABASE_HOST_RULE.allowed}: without the evaluation database Mathesar needs an existing PostgreSQL ` +
          `server (Mathesar's image would otherwise start a throwaway database inside its container)`,
      );
    checkProp("database.host", given.host, DATABASE_HOST_RULE);
    if (given.host.startsWith("/"))
      fail("database.host", given.host, "a host name or IP address (a Unix socket is not reachable from a container)");
    checkPort("database.port", given.port);
    checkProp("database.name", given.name, POSTGRES_IDENTIFIER_RULE);
    checkProp("database.user", given.user, DATABASE_LOGIN_RULE);
    const sslMode = given.sslMode ?? "require";
    checkProp("database.sslMode", sslMode, oneOfRule(COMPOSE_EXTERNAL_SSL_MODES));
    database = {
      host: given.host,
      port: given.port ?? 5432,
      name: given.name ?? "mathesar_django",
      user: given.user ?? "mathesar",
      sslMode,
    };
  }
  const caCertificate = options.caCertificate ?? false;
  if (caCertificate !== true && caCertificate !== false) fail("caCertificate", caCertificate, "true or false");
  if (database && isVerifiedSslMode(database.sslMode) && !caCertificate)
    fail(
      "database.sslMode",
      database.sslMode,
      '"require", or verify-ca/verify-full together with caCertificate: true (libpq verifies the server against certs/ca.pem)',
    );
  const sso = options.sso ?? false;
  if (sso !== true && sso !== false) fail("sso", sso, "true or false");
  checkSsoVersion(version, { sso: sso ? true : undefined });
  const adminUsername = options.adminUsername ?? "admin";
  checkProp("adminUsername", adminUsername, ADMIN_USERNAME_RULE);
  const adminEmail = options.adminEmail ?? "";
  checkProp("adminEmail", adminEmail, OPTIONAL_EMAIL_RULE);
  return {
    mathesarVersion: version,
    images,
    domainName,
    httpPort,
    httpsPort,
    edge,
    tls,
    database,
    caCertificate,
    sso,
    adminUsername,
    adminEmail,
  };
}
