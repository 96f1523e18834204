/**
 * Mathesar's environment for a developer platform, built by the contract's own builder
 * ({@link buildMathesarEnvironment}) so no platform retypes Mathesar's variable names. Secrets stay apart:
 * each platform turns them into its own mechanism (Railway's `${{secret()}}`, Render's `generateValue`,
 * Heroku's `generator: secret`, `fly secrets import`), never into a literal.
 */
import {
  ADMIN_ENV,
  MathesarDatabaseConnection,
  MathesarEnvironment,
  buildMathesarEnvironment,
  failInput,
} from "../mathesar";

/** The `POSTGRES_*` variables the start wrapper fills from `DATABASE_URL` (a platform sets none of them itself). */
export const DATABASE_URL_VARIABLES = ["POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "POSTGRES_USER"] as const;

/** Where the database comes from: the platform's parts (references), or a `DATABASE_URL` the wrapper splits. */
export type PlatformDatabase<S> = MathesarDatabaseConnection<S> | "DATABASE_URL";

/** What {@link platformEnvironment} needs. `S` is the platform's secret reference type. */
export interface PlatformEnvironmentInput<S> {
  /** Parts of the database connection, or `"DATABASE_URL"` when the platform provides only that. */
  readonly database: PlatformDatabase<S>;
  /** The platform's generated `SECRET_KEY` (one value, or the halves the wrapper joins). */
  readonly secretKey: S | { readonly halves: readonly [S, S] };
  /** The platform's generated first-admin password. */
  readonly adminPassword: S;
  /** Host names Django answers for; a leading dot admits subdomains (Django's rule). */
  readonly allowedHosts: readonly string[];
  /** Gunicorn workers (from the machine size). */
  readonly webConcurrency: number;
  /** Seconds gunicorn lets a request run (the platform's own request limit, where lower than the contract's). */
  readonly requestTimeoutSeconds?: number;
  /** First admin's username. */
  readonly adminUsername: string;
  /** First admin's e-mail (may be empty). */
  readonly adminEmail: string;
  /** Extra plain variables of the platform (e.g. `PORT`). @default {} */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Builds the platform's environment: plain variables and secrets, the admin's included. */
export function platformEnvironment<S>(input: PlatformEnvironmentInput<S>): MathesarEnvironment<S> {
  if (input.allowedHosts.length === 0) failInput("ALLOWED_HOSTS needs at least one host name");
  const fromUrl = input.database === "DATABASE_URL";
  const database: MathesarDatabaseConnection<S | string> = fromUrl
    ? // Stand-ins, removed below: the wrapper sets these at start from DATABASE_URL.
      { host: "from-url", port: 5432, name: "from-url", user: "from-url", password: "", sslMode: "require" }
    : (input.database as MathesarDatabaseConnection<S>);
  const halves = typeof input.secretKey === "object" && input.secretKey !== null && "halves" in input.secretKey;
  const contract = buildMathesarEnvironment<S | string>({
    database,
    secretKey: halves ? "" : (input.secretKey as S),
    allowedHosts: input.allowedHosts.join(","),
    webConcurrency: input.webConcurrency,
    requestTimeoutSeconds: input.requestTimeoutSeconds,
  });
  const plain: Record<string, string> = { ...contract.plain };
  const secrets: Record<string, S> = {};
  for (const [key, value] of Object.entries(contract.secrets)) secrets[key] = value as S;
  if (fromUrl) {
    for (const key of DATABASE_URL_VARIABLES) delete plain[key];
    delete secrets.POSTGRES_PASSWORD;
  }
  if (halves) {
    delete secrets.SECRET_KEY;
    const [first, second] = (input.secretKey as { halves: readonly [S, S] }).halves;
    secrets.SECRET_KEY_1 = first;
    secrets.SECRET_KEY_2 = second;
  }
  plain[ADMIN_ENV.username] = input.adminUsername;
  plain[ADMIN_ENV.email] = input.adminEmail;
  secrets[ADMIN_ENV.password] = input.adminPassword;
  return { plain: { ...plain, ...(input.extra ?? {}) }, secrets };
}

/** Plain variables sorted by name (stable generated files). */
export function sortedEntries<T>(record: Readonly<Record<string, T>>): Array<[string, T]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
