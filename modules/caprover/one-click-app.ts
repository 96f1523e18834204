/**
 * The CapRover one-click app (captainVersion 4): a form for an existing PostgreSQL server, Mathesar behind
 * CapRover's nginx (which terminates TLS and sends `X-Forwarded-Proto`, which Mathesar's production
 * settings trust through `SECURE_PROXY_SSL_HEADER`), uploads on a persistent volume, and the first admin
 * created before the web process listens.
 *
 * CapRover has no secret store: every value reaches the service as an environment variable that CapRover's
 * own admins can read in the dashboard. So no secret is ever written into the template. `SECRET_KEY` is not
 * an environment variable at all: CapRover's `$$cap_gen_random_hex` uses the browser's `Math.random()`, not a
 * cryptographic generator, so the container generates the key with Python's `secrets` on its first start, into
 * the file Mathesar itself uses when no key is given (`/code/.secrets/secret_key.txt`, mode 600, on its own
 * persistent volume), and exports it before the bootstrap and gunicorn start. The database password is typed in
 * the form; the admin password's default is CapRover's random hex (the person installing may type their own).
 */
import {
  ADMIN_ENV,
  ADMIN_USERNAME_RULE,
  CONTRACT_DEFAULTS,
  DATABASE_LOGIN_RULE,
  DEFAULT_MATHESAR_VERSION,
  DOMAIN_NAME_RULE,
  IMAGE_REPOSITORY_RULE,
  MATHESAR_IMAGE_REPOSITORY,
  MATHESAR_MEDIA_PATH,
  MATHESAR_PORT,
  MATHESAR_VERSION_RULE,
  MATHESAR_WEB_START_SCRIPT,
  MATHESAR_WORKDIR,
  MIN_ADMIN_PASSWORD_LENGTH,
  OPTIONAL_EMAIL_RULE,
  PORT_RULE,
  POSTGRES_IDENTIFIER_RULE,
  adminBootstrapShellCommand,
  buildMathesarEnvironment,
  checkProp,
  integerRangeRule,
  mathesarImage,
} from "../mathesar";
import { NETWORK_HOST_PATTERN, PORT_PATTERN, anchoredPattern, optionalPattern, passwordPattern } from "./form-patterns";
import type { CapRoverAppProps } from "./props";

/** The ids of the form's variables (CapRover replaces `$$cap_<id>` everywhere in the template). */
export const CAPROVER_VARIABLES = {
  version: "$$cap_mathesar_version",
  dbHost: "$$cap_db_host",
  dbPort: "$$cap_db_port",
  dbName: "$$cap_db_name",
  dbUser: "$$cap_db_user",
  dbPassword: "$$cap_db_password",
  adminUsername: "$$cap_admin_username",
  adminEmail: "$$cap_admin_email",
  adminPassword: "$$cap_admin_password",
  customDomain: "$$cap_custom_domain",
} as const;

/** CapRover's built-in variables. */
export const CAPROVER_BUILTINS = {
  appName: "$$cap_appname",
  rootDomain: "$$cap_root_domain",
  randomHex: (length: number) => `$$cap_gen_random_hex(${length})`,
} as const;

/** sslmode against the existing server: it is reached over the network, so never below `require`. */
export const CAPROVER_SSL_MODE = "require";

/** Where the container keeps its generated `SECRET_KEY`: the file Mathesar's settings use when none is given. */
export const CAPROVER_SECRET_KEY_DIR = `${MATHESAR_WORKDIR}/.secrets`;

/** Hex characters of the admin password CapRover proposes (96 bits). */
export const CAPROVER_ADMIN_PASSWORD_HEX_LENGTH = 24;

/**
 * Shell steps run before the bootstrap: read the key file, or create it once (umask 077, Python's `secrets`,
 * 67 URL-safe characters) when it is missing or empty; then export it. It never overwrites an existing key:
 * a new key would make every saved database password unreadable.
 */
export const CAPROVER_SECRET_KEY_SCRIPT = [
  `f=${CAPROVER_SECRET_KEY_DIR}/secret_key.txt`,
  `if [ ! -s "$f" ]; then (umask 077 && python -c 'import secrets; print(secrets.token_urlsafe(50), end="")' > "$f"); fi`,
  `SECRET_KEY="$(cat "$f")"`,
  "export SECRET_KEY",
].join("; ");

const WEB_CONCURRENCY_RULE = integerRangeRule(1, 32, "(gunicorn workers)");

/** Checks the props; throws MathesarInputError naming the prop, the value and what is allowed. */
export function validateCapRoverProps(props: CapRoverAppProps): void {
  checkProp("mathesarVersion", props.mathesarVersion, MATHESAR_VERSION_RULE);
  checkProp("imageRepository", props.imageRepository, IMAGE_REPOSITORY_RULE);
  checkProp("databasePort", props.databasePort, PORT_RULE);
  checkProp("databaseName", props.databaseName, POSTGRES_IDENTIFIER_RULE);
  checkProp("databaseUser", props.databaseUser, DATABASE_LOGIN_RULE);
  checkProp("domainName", props.domainName, DOMAIN_NAME_RULE);
  checkProp("webConcurrency", props.webConcurrency, WEB_CONCURRENCY_RULE);
}

/** A form variable as CapRover reads it (`validRegex` is written `/pattern/`). */
interface FormVariable {
  id: string;
  label: string;
  description: string;
  defaultValue?: string;
  validRegex?: string;
}

const regex = (pattern: string) => `/${pattern}/`;

/** The form. Required fields carry a validRegex (CapRover lets a field without one stay empty). */
function formVariables(
  props: Required<Omit<CapRoverAppProps, "domainName">> & { domainName?: string },
): FormVariable[] {
  const v = CAPROVER_VARIABLES;
  return [
    {
      id: v.version,
      label: "Mathesar version",
      description:
        "A pinned release (never latest). Releases: https://github.com/mathesar-foundation/mathesar/releases",
      defaultValue: props.mathesarVersion,
      validRegex: regex(anchoredPattern(MATHESAR_VERSION_RULE)),
    },
    {
      id: v.dbHost,
      label: "Database host",
      description:
        "Host name or IP address of your PostgreSQL server (14 to 18). The connection uses TLS (sslmode=require).",
      validRegex: regex(NETWORK_HOST_PATTERN),
    },
    {
      id: v.dbPort,
      label: "Database port",
      description: "TCP port of the PostgreSQL server, 1 to 65535.",
      defaultValue: String(props.databasePort),
      validRegex: regex(PORT_PATTERN),
    },
    {
      id: v.dbName,
      label: "Database name",
      description:
        "An existing, empty database for Mathesar's own tables (not the database you want to edit; you connect that one from Mathesar later).",
      defaultValue: props.databaseName,
      validRegex: regex(anchoredPattern(POSTGRES_IDENTIFIER_RULE)),
    },
    {
      id: v.dbUser,
      label: "Database user",
      description: "A login role that owns that database (or may create tables in it).",
      defaultValue: props.databaseUser,
      validRegex: regex(anchoredPattern(DATABASE_LOGIN_RULE)),
    },
    {
      id: v.dbPassword,
      label: "Database password",
      description: "The role's password: no spaces, quotes or backslashes.",
      validRegex: regex(passwordPattern(1)),
    },
    {
      id: v.adminUsername,
      label: "Mathesar admin username",
      description: "The first admin, created before the app answers (nobody can claim the setup page).",
      defaultValue: CONTRACT_DEFAULTS.adminUsername,
      validRegex: regex(anchoredPattern(ADMIN_USERNAME_RULE)),
    },
    {
      id: v.adminEmail,
      label: "Mathesar admin e-mail (optional)",
      description: "Stored with the admin account, never mailed.",
      validRegex: regex(anchoredPattern(OPTIONAL_EMAIL_RULE)),
    },
    {
      id: v.adminPassword,
      label: "Mathesar admin password",
      description:
        `Generated for you; keep it or type your own (${MIN_ADMIN_PASSWORD_LENGTH}+ characters, no spaces, ` +
        `quotes or backslashes). Shown once more after the install.`,
      defaultValue: CAPROVER_BUILTINS.randomHex(CAPROVER_ADMIN_PASSWORD_HEX_LENGTH),
      validRegex: regex(passwordPattern(MIN_ADMIN_PASSWORD_LENGTH)),
    },
    {
      id: v.customDomain,
      label: "Custom domain (optional)",
      description:
        "A domain you will connect to this app in CapRover (e.g. data.example.org). Leave empty to use only the app's CapRover subdomain.",
      ...(props.domainName === undefined ? {} : { defaultValue: props.domainName }),
      validRegex: regex(optionalPattern(anchoredPattern(DOMAIN_NAME_RULE))),
    },
  ];
}

/** The service's start script: key, bootstrap, web. */
export function capRoverStartScript(): string {
  return `${CAPROVER_SECRET_KEY_SCRIPT}; ${adminBootstrapShellCommand()} && ${MATHESAR_WEB_START_SCRIPT}`;
}

/** The one-click app as a plain object, in CapRover's captainVersion 4 format. */
export function capRoverOneClickApp(props: CapRoverAppProps = {}): Record<string, unknown> {
  validateCapRoverProps(props);
  const resolved = {
    mathesarVersion: props.mathesarVersion ?? DEFAULT_MATHESAR_VERSION,
    imageRepository: props.imageRepository ?? MATHESAR_IMAGE_REPOSITORY,
    databasePort: props.databasePort ?? 5432,
    databaseName: props.databaseName ?? "mathesar_django",
    databaseUser: props.databaseUser ?? "mathesar",
    domainName: props.domainName,
    webConcurrency: props.webConcurrency ?? 2,
  };
  const v = CAPROVER_VARIABLES;
  const appHost = `${CAPROVER_BUILTINS.appName}.${CAPROVER_BUILTINS.rootDomain}`;
  const environment = buildMathesarEnvironment<string>({
    database: {
      host: v.dbHost,
      port: v.dbPort,
      name: v.dbName,
      user: v.dbUser,
      password: v.dbPassword,
      sslMode: CAPROVER_SSL_MODE,
    },
    // Generated inside the container (CAPROVER_SECRET_KEY_SCRIPT); never an environment value of the app.
    secretKey: "",
    // An empty custom domain leaves a trailing comma; Django drops the empty entry.
    allowedHosts: `${appHost},${v.customDomain}`,
    webConcurrency: resolved.webConcurrency,
  });
  const service = {
    image: mathesarImage(v.version, resolved.imageRepository),
    environment: {
      ...environment.plain,
      ...Object.fromEntries(Object.entries(environment.secrets).filter(([name]) => name !== "SECRET_KEY")),
      [ADMIN_ENV.username]: v.adminUsername,
      [ADMIN_ENV.email]: v.adminEmail,
      [ADMIN_ENV.password]: v.adminPassword,
    },
    // Uploaded files (CSV imports) survive restarts and updates; the volume makes this a persistent app.
    volumes: [
      `${CAPROVER_BUILTINS.appName}-media:${MATHESAR_MEDIA_PATH}`,
      `${CAPROVER_BUILTINS.appName}-secrets:${CAPROVER_SECRET_KEY_DIR}`,
    ],
    // The key, then the bootstrap (locked, idempotent: migrates, creates the admin once), then gunicorn; nothing
    // listens before an admin exists, so /complete_installation/ is never open.
    command: ["bash", "-c", capRoverStartScript()],
    caproverExtra: { containerHttpPort: String(MATHESAR_PORT) },
  };
  return {
    captainVersion: 4,
    services: { [CAPROVER_BUILTINS.appName]: service },
    caproverOneClickApp: {
      displayName: "Mathesar",
      isOfficial: true,
      description:
        "Mathesar: a spreadsheet-like web interface to your PostgreSQL data, with the first admin created at install.",
      documentation: "https://docs.mathesar.org",
      instructions: {
        start: [
          "Mathesar needs an existing PostgreSQL server (14 to 18) that accepts TLS, with an empty database and a",
          "role that owns it. Fill in the connection below. The first start migrates that database and creates",
          "your admin before the app answers, which takes one to three minutes.",
        ].join("\n"),
        end: [
          `Mathesar is starting at http://${appHost} (one to three minutes).`,
          "",
          "Before you log in:",
          `1. In Apps > ${CAPROVER_BUILTINS.appName} > HTTP Settings, click "Enable HTTPS", then tick "Force ` +
            `HTTPS by redirecting all HTTP traffic to HTTPS" and save.`,
          "2. If you gave a custom domain, connect it there too (and enable HTTPS for it).",
          "",
          `Then open https://${appHost} and log in as ${v.adminUsername} with the password ${v.adminPassword}`,
          "Store it in your password manager: this is the last time it is shown outside the app's settings.",
          `After the first login you may delete ${ADMIN_ENV.password} from the app's environment variables (the admin exists; it is only read once).`,
        ].join("\n"),
      },
      variables: formVariables(resolved),
    },
  };
}
