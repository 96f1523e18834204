/**
 * A PostgreSQL connection string (`postgres://user:password@host:port/db?sslmode=require`) split into the
 * parts Mathesar reads. Mathesar reads no `DATABASE_URL`: every platform that hands one over (Heroku's
 * add-on, `fly postgres attach`, a client's managed database) needs it split into `POSTGRES_*` first.
 *
 * The grammar is deliberately stricter than libpq's, so that this parser and the start wrapper's Python
 * copy ({@link START_WRAPPER_SCRIPT}) can never read one string two ways: one host, a user and a database
 * always present, `@ / ? #` inside the user, password or database name percent-encoded, no fragment, each
 * query parameter once. Messages never repeat the password.
 */
import { MathesarInputError } from "../terraform/input-rule";

/** The sslmodes libpq knows, weakest first. */
export const LIBPQ_SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;

/** Modes that never fall back to clear text: what an external database must use. */
export const SECURE_SSL_MODES = ["require", "verify-ca", "verify-full"] as const;

/** The sslmode used when a connection string names none (libpq's own default, `prefer`, can be downgraded). */
export const DEFAULT_CONNECTION_SSL_MODE = "require";

/** Query parameters understood; anything else is refused rather than silently dropped. */
export const CONNECTION_QUERY_PARAMETERS = ["sslmode", "sslrootcert"] as const;

/** The parts of a connection string, named like Mathesar's variables. */
export interface DatabaseConnectionParts {
  /** `POSTGRES_HOST`: a host name or an IP address (IPv6 without brackets). */
  readonly host: string;
  /** `POSTGRES_PORT`. */
  readonly port: number;
  /** `POSTGRES_DB`. */
  readonly name: string;
  /** `POSTGRES_USER`. */
  readonly user: string;
  /** `POSTGRES_PASSWORD`; empty when the string has none. */
  readonly password: string;
  /** libpq `sslmode` (`PGSSLMODE`, and `POSTGRES_SSLMODE` for when Mathesar honours it). */
  readonly sslMode: string;
  /** libpq `sslrootcert` (`PGSSLROOTCERT`), a path inside the container. */
  readonly sslRootCert?: string;
}

/** Options of {@link parseConnectionString}. */
export interface ParseConnectionOptions {
  /**
   * Accept `disable`, `allow` and `prefer`. Only for a database reached over a private, already encrypted
   * network (Fly's WireGuard 6PN): over any other path the password and data would travel in clear text.
   * @default false
   */
  readonly allowInsecure?: boolean;
}

/** The one regular expression both parsers use (Python's `re` and JavaScript agree on this subset). */
export const CONNECTION_STRING_PATTERN =
  "^(postgres|postgresql)://(?:([^:@/?#\\[\\]]*)(?::([^@/?#]*))?@)?(\\[[0-9A-Fa-f:.]+\\]|[^:@/?#\\[\\],]*)(?::([^/?#@,]*))?(?:/([^?#]*))?(?:\\?([^#]*))?$";

function fail(problem: string): never {
  throw new MathesarInputError(`Invalid database connection string: ${problem}.`);
}

/**
 * Strict percent-decoding: a `%` not followed by two hex digits, bytes that are not UTF-8, and control
 * characters (a `%00` cannot travel in an environment variable; a newline from a paste is never meant) are refused.
 */
function decode(part: string, what: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(part)) fail(`the ${what} has a "%" that is not followed by two hex digits`);
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return fail(`the ${what} is not percent-encoded UTF-8`);
  }
  if ([...decoded].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    fail(`the ${what} contains a control character`);
  return decoded;
}

/** Splits a connection string into Mathesar's parts, or throws a {@link MathesarInputError} saying what is wrong. */
export function parseConnectionString(url: string, options: ParseConnectionOptions = {}): DatabaseConnectionParts {
  if (typeof url !== "string" || url.trim() === "")
    fail("it is empty (expected postgres://user:password@host:5432/database)");
  const match = new RegExp(CONNECTION_STRING_PATTERN).exec(url);
  if (!match) {
    if (!/^postgres(ql)?:\/\//.test(url)) fail('it must start with "postgres://" or "postgresql://"');
    fail(
      'it does not parse: percent-encode "@", "/", "?" and "#" inside the user, password and database name (e.g. "@" as %40), give one host only and no "#"',
    );
  }
  const [, , rawUser, rawPassword, rawHost, rawPort, rawName, rawQuery] = match;
  const host = rawHost.startsWith("[") ? rawHost.slice(1, -1) : decode(rawHost, "host");
  if (host === "")
    fail("it has no host (POSTGRES_HOST); Mathesar would fall back to a throwaway in-container database");
  const user = decode(rawUser ?? "", "user");
  if (user === "")
    fail("it has no user (POSTGRES_USER); Mathesar would fall back to a throwaway in-container database");
  const name = decode(rawName ?? "", "database name");
  if (name === "")
    fail("it has no database name (POSTGRES_DB); Mathesar would fall back to a throwaway in-container database");
  let port = 5432;
  if (rawPort !== undefined && rawPort !== "") {
    if (rawPort.includes(":"))
      fail(
        "its host looks like an IPv6 address without brackets: write it as [fdaa::2] (postgres://user@[fdaa::2]:5432/db)",
      );
    if (!/^[0-9]{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535)
      fail(`its port ${JSON.stringify(rawPort)} is not a whole number from 1 to 65535`);
    port = Number(rawPort);
  }
  const query = new Map<string, string>();
  for (const pair of (rawQuery ?? "").split("&").filter((p) => p !== "")) {
    const eq = pair.indexOf("=");
    const key = decode(eq < 0 ? pair : pair.slice(0, eq), "query");
    const value = decode(eq < 0 ? "" : pair.slice(eq + 1), "query");
    if (!(CONNECTION_QUERY_PARAMETERS as readonly string[]).includes(key))
      fail(
        `its query parameter ${JSON.stringify(key)} is not supported (allowed: ${CONNECTION_QUERY_PARAMETERS.join(", ")})`,
      );
    if (query.has(key)) fail(`its query parameter ${JSON.stringify(key)} is given twice`);
    query.set(key, value);
  }
  const sslMode = query.get("sslmode") ?? DEFAULT_CONNECTION_SSL_MODE;
  if (!(LIBPQ_SSL_MODES as readonly string[]).includes(sslMode))
    fail(`its sslmode ${JSON.stringify(sslMode)} is not one of ${LIBPQ_SSL_MODES.join(", ")}`);
  if (!options.allowInsecure && !(SECURE_SSL_MODES as readonly string[]).includes(sslMode))
    fail(
      `its sslmode ${JSON.stringify(sslMode)} may send the password and data in clear text; use require, ` +
        `verify-ca or verify-full (or allow it explicitly for a private, encrypted network)`,
    );
  const sslRootCert = query.get("sslrootcert");
  if ((sslMode === "verify-ca" || sslMode === "verify-full") && !sslRootCert)
    fail(`its sslmode ${sslMode} needs sslrootcert=<path of the CA file inside the container>`);
  return {
    host,
    port,
    name,
    user,
    password: decode(rawPassword ?? "", "password"),
    sslMode,
    ...(sslRootCert ? { sslRootCert } : {}),
  };
}

/** The environment variables a parsed connection becomes (what the start wrapper sets from `DATABASE_URL`). */
export function connectionEnvironment(parts: DatabaseConnectionParts): Record<string, string> {
  return {
    POSTGRES_HOST: parts.host,
    POSTGRES_PORT: String(parts.port),
    POSTGRES_DB: parts.name,
    POSTGRES_USER: parts.user,
    POSTGRES_PASSWORD: parts.password,
    POSTGRES_SSLMODE: parts.sslMode,
    PGSSLMODE: parts.sslMode,
    ...(parts.sslRootCert ? { PGSSLROOTCERT: parts.sslRootCert } : {}),
  };
}
