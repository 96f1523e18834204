/**
 * The environment Mathesar reads at start, built in one place. The result separates plain values from
 * secrets; each target turns secrets into its own mechanism (App Platform `SECRET` variables, ECS
 * `secrets`, Kubernetes secret references) and never into plain environment.
 */
import { isVerifiedSslMode, type PostgresSslModeWithCa } from "./inputs";
import { Fn, Token } from "cdktf";
import { MathesarInputError, isToken } from "../terraform/input-rule";

/** Connection settings for Mathesar's internal database. */
export interface MathesarDatabaseConnection<S> {
  /** Host, IP address or Unix-socket directory. Required: an empty value makes the image start a throwaway database. */
  readonly host: string;
  /** TCP port. */
  readonly port: number | string;
  /** Internal database name. */
  readonly name: string;
  /** Login role. */
  readonly user: string;
  /** The password, as a secret of the target's kind. */
  readonly password: S;
  /**
   * TLS mode; `require` for every managed database. Becomes libpq's `PGSSLMODE` (what is enforced) and
   * `POSTGRES_SSLMODE` (what Mathesar documents, but ignores in 0.8.0–0.11.0).
   */
  readonly sslMode: PostgresSslModeWithCa | string;
  /**
   * Path, inside the container, of a PEM file with the server's CA certificate(s): becomes `PGSSLROOTCERT`.
   * Required for `verify-ca`/`verify-full`. libpq then also verifies the chain under `require` (its documented
   * behaviour when a root certificate file exists), for every server the container connects to.
   * @default - none: the server's certificate is not verified
   */
  readonly caCertificatePath?: string;
}

/** What {@link buildMathesarEnvironment} needs. `S` is the target's secret type. */
export interface MathesarEnvironmentInput<S> {
  /** Internal database connection. */
  readonly database: MathesarDatabaseConnection<S>;
  /** Django `SECRET_KEY`: signs sessions and encrypts saved database credentials. Must never change. */
  readonly secretKey: S;
  /** Host names Django answers for, comma-separated. */
  readonly allowedHosts: string;
  /** Gunicorn worker count. */
  readonly webConcurrency: number | string;
  /** Seconds gunicorn lets a request run (imports of large CSVs take a while). */
  readonly requestTimeoutSeconds?: number;
  /** `SSO_CONFIG_DICT` JSON, as a secret; when absent the variable is not set and SSO stays off. */
  readonly ssoConfig?: S;
  /** `REQUIRE_SSO_LOGIN`. */
  readonly requireSsoLogin?: boolean | string;
}

/** The environment, split by sensitivity. */
export interface MathesarEnvironment<S> {
  /** Variables safe to show in a console or a plan. */
  readonly plain: Readonly<Record<string, string>>;
  /** Variables that must come from a secret store. */
  readonly secrets: Readonly<Record<string, S>>;
}

/** Names of the variables that carry secrets; a policy rule checks none of them is ever plain. */
export const SECRET_ENV_NAMES = [
  "POSTGRES_PASSWORD",
  "SECRET_KEY",
  "SSO_CONFIG_DICT",
  "DJANGO_SUPERUSER_PASSWORD",
] as const;

/** Default gunicorn request timeout in seconds (gunicorn's own default, 30 s, cuts off large imports). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;

function requireValue(name: string, value: string | number): string {
  // A number known only to Terraform (a module variable) becomes a string token; String() would turn it
  // into an encoded double that renders as the bare text "var.x" inside Terraform functions.
  const text = typeof value === "number" && isToken(value) ? Token.asString(Fn.tostring(value)) : String(value);
  if (!isToken(value) && text.trim() === "") {
    // The image silently starts its own throwaway PostgreSQL when one of these is empty.
    throw new MathesarInputError(
      `${name} must not be empty: Mathesar would fall back to a throwaway in-container database.`,
    );
  }
  return text;
}

/** True for a host known to be a Unix-socket directory (libpq never uses TLS over a socket). */
export function isUnixSocketHost(host: string): boolean {
  return !isToken(host) && host.startsWith("/");
}

/**
 * libpq's own TLS variables. Mathesar 0.8.0–0.11.0 builds Django's OPTIONS with `sslmode` from
 * `POSTGRES_SSLMODE` and then replaces OPTIONS with `{"application_name": ...}`
 * (`config/settings/common_settings.py`), so libpq falls back to `PGSSLMODE`, whose default is `prefer`
 * (downgradable to clear text). Not for a Unix-socket host. A host only Terraform knows gets them too: libpq
 * ignores both over a socket (tested against the real libpq).
 */
function libpqTls(database: MathesarDatabaseConnection<unknown>): Record<string, string> {
  if (isUnixSocketHost(database.host)) return {};
  const mode = String(database.sslMode);
  const verified = !isToken(mode) && isVerifiedSslMode(mode);
  if (verified && database.caCertificatePath === undefined) {
    throw new MathesarInputError(
      `sslmode ${JSON.stringify(mode)} needs the database server's CA certificate: libpq verifies the server against it.`,
    );
  }
  return {
    PGSSLMODE: requireValue("PGSSLMODE", database.sslMode),
    ...(database.caCertificatePath === undefined ? {} : { PGSSLROOTCERT: database.caCertificatePath }),
  };
}

/** Builds Mathesar's environment: all three required `POSTGRES_*` variables, always; secrets apart. */
export function buildMathesarEnvironment<S>(input: MathesarEnvironmentInput<S>): MathesarEnvironment<S> {
  const { database } = input;
  const timeout = input.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
  const plain: Record<string, string> = {
    ALLOWED_HOSTS: requireValue("ALLOWED_HOSTS", input.allowedHosts),
    DEBUG: "false",
    GUNICORN_CMD_ARGS: `--timeout ${timeout} --access-logfile -`,
    POSTGRES_DB: requireValue("POSTGRES_DB", database.name),
    POSTGRES_HOST: requireValue("POSTGRES_HOST", database.host),
    POSTGRES_PORT: requireValue("POSTGRES_PORT", database.port),
    POSTGRES_SSLMODE: requireValue("POSTGRES_SSLMODE", database.sslMode),
    POSTGRES_USER: requireValue("POSTGRES_USER", database.user),
    ...libpqTls(database),
    // A boolean variable's token renders as a bool; the environment holds strings.
    REQUIRE_SSO_LOGIN: isToken(input.requireSsoLogin)
      ? Token.asString(Fn.tostring(input.requireSsoLogin))
      : String(input.requireSsoLogin ?? false),
    WEB_CONCURRENCY: requireValue("WEB_CONCURRENCY", input.webConcurrency),
  };
  const secrets: Record<string, S> = {
    POSTGRES_PASSWORD: database.password,
    SECRET_KEY: input.secretKey,
  };
  if (input.ssoConfig !== undefined) secrets.SSO_CONFIG_DICT = input.ssoConfig;
  return { plain, secrets };
}
