/**
 * Mathesar's environment in the Compose bundle, built by the contract (modules/mathesar/environment.ts). Values
 * the user sets live in `.env` and reach the file as Compose interpolations: `${NAME:?message}` for what must
 * be set (Compose stops with the message when it is not), `${NAME:-default}` for what has a default. Secrets
 * are always `${NAME:?...}`: never a literal and never a default in docker-compose.yml.
 */
import { ADMIN_ENV } from "../mathesar/admin-bootstrap";
import { buildMathesarEnvironment } from "../mathesar/environment";
import type { ResolvedComposeOptions } from "./options";

/** The evaluation database's service name, which is also its host name on the private network. */
export const POSTGRES_SERVICE = "postgres";

/** Where `certs/ca.pem` is mounted in the Mathesar containers when the bundle trusts the user's CA. */
export const CA_FILE_IN_CONTAINER = "/etc/mathesar/ca.pem";

/** The secret generator's command, for the messages Compose prints when a secret is missing. */
export const GENERATE_SECRETS_COMMAND = "bash generate-secrets.sh";

/** `${NAME:?message}`: Compose refuses to start without it. */
export function requiredVariable(name: string, message: string): string {
  return `\${${name}:?${message}}`;
}

/** `${NAME:-default}`. */
export function defaultedVariable(name: string, fallback: string | number): string {
  return `\${${name}:-${fallback}}`;
}

/** A secret from `.env`. */
export function secretVariable(name: string): string {
  return requiredVariable(name, `${name} is empty: run ${GENERATE_SECRETS_COMMAND} (it fills .env once)`);
}

/** `.env` names of the first admin (short names; the container gets Django's). */
export const ADMIN_VARIABLES = {
  username: "ADMIN_USERNAME",
  email: "ADMIN_EMAIL",
  password: "ADMIN_PASSWORD",
} as const;

/** The Mathesar environment of a bundle: `plain` and `secrets` as Compose values. */
export function composeMathesarEnvironment(options: ResolvedComposeOptions): {
  plain: Record<string, string>;
  secrets: Record<string, string>;
} {
  const external = options.database;
  const built = buildMathesarEnvironment<string>({
    database: {
      host: external ? requiredVariable("POSTGRES_HOST", "set POSTGRES_HOST in .env") : POSTGRES_SERVICE,
      port: external ? defaultedVariable("POSTGRES_PORT", external.port) : 5432,
      name: defaultedVariable("POSTGRES_DB", external?.name ?? "mathesar_django"),
      user: defaultedVariable("POSTGRES_USER", external?.user ?? "mathesar"),
      password: external
        ? requiredVariable("POSTGRES_PASSWORD", "set POSTGRES_PASSWORD in .env to the password of POSTGRES_USER")
        : secretVariable("POSTGRES_PASSWORD"),
      // The evaluation database has no TLS; its traffic stays on a Docker network inside this host. An
      // external one is `require` or stricter, fixed here rather than in .env.
      sslMode: external ? external.sslMode : "disable",
      caCertificatePath: options.caCertificate ? CA_FILE_IN_CONTAINER : undefined,
    },
    secretKey: secretVariable("SECRET_KEY"),
    allowedHosts: requiredVariable("DOMAIN_NAME", "set DOMAIN_NAME in .env"),
    webConcurrency: defaultedVariable("WEB_CONCURRENCY", 3),
    ssoConfig: options.sso ? defaultedVariable("SSO_CONFIG_DICT", "") : undefined,
    requireSsoLogin: options.sso ? defaultedVariable("REQUIRE_SSO_LOGIN", "false") : false,
  });
  const plain: Record<string, string> = { ...built.plain };
  // Python's requests (SSO discovery and token calls, "import from URL") trusts certifi's bundle, not the
  // system's: point it at the user's CA too.
  if (options.caCertificate) plain.REQUESTS_CA_BUNDLE = CA_FILE_IN_CONTAINER;
  return { plain, secrets: { ...built.secrets } };
}

/** What only the bootstrap gets: the first admin, its password a secret. */
export function composeAdminEnvironment(options: ResolvedComposeOptions): {
  plain: Record<string, string>;
  secrets: Record<string, string>;
} {
  return {
    plain: {
      [ADMIN_ENV.username]: defaultedVariable(ADMIN_VARIABLES.username, options.adminUsername),
      [ADMIN_ENV.email]: defaultedVariable(ADMIN_VARIABLES.email, ""),
    },
    secrets: { [ADMIN_ENV.password]: secretVariable(ADMIN_VARIABLES.password) },
  };
}
