/**
 * The bundle's docker-compose.yml, written as text with comments for the person who reads and edits it.
 * Services: `postgres` (evaluation database, private network only, optional), `bootstrap` (one-shot: locked
 * migrations and the first admin, so `/complete_installation/` is never open), `mathesar` (web, read-only
 * root), and the TLS edge: `caddy`, or `nginx` + `certbot`. Every service has json-file log rotation, named
 * volumes hold all state, and an update is `docker compose pull && docker compose up -d`.
 */
import {
  COLLECT_STATIC_COMMAND,
  MATHESAR_MEDIA_PATH,
  MATHESAR_PORT,
  MATHESAR_START_COMMAND_PREPARED,
} from "../mathesar/image";
import { LIVENESS_PATH, STARTUP_GRACE_SECONDS } from "../mathesar/health";
import { CADDY_TLS_FILES } from "./caddyfile";
import {
  CA_FILE_IN_CONTAINER,
  POSTGRES_SERVICE,
  composeAdminEnvironment,
  composeMathesarEnvironment,
  defaultedVariable,
  requiredVariable,
  secretVariable,
} from "./environment";
import { IMAGE_VARIABLES } from "./images";
import {
  CERTBOT_WEBROOT,
  NGINX_FILES,
  NGINX_HEALTH_PATH,
  NGINX_SCRIPT_IN_CONTAINER,
  NGINX_TEMPLATES_IN_CONTAINER,
} from "./nginx";
import { LOCAL_SETTINGS_PATH } from "./outbound";
import type { ResolvedComposeOptions } from "./options";

/** Bundle-relative paths of the files docker-compose.yml mounts. */
export const BUNDLE_PATHS = {
  composeFile: "docker-compose.yml",
  envExample: ".env.example",
  caddyfile: "Caddyfile",
  bootstrap: "mathesar/bootstrap.py",
  localSettings: "mathesar/local.py",
  caCertificate: "certs/ca.pem",
  tlsCertificate: "certs/mathesar.crt",
  tlsKey: "certs/mathesar.key",
} as const;

/** Where the bootstrap program is mounted in its container. */
export const BOOTSTRAP_IN_CONTAINER = "/etc/mathesar/bootstrap.py";

/** Rotation of every container's json-file log: at most max-file files of max-size each. */
export const LOG_ROTATION = { "max-size": "10m", "max-file": "5" } as const;

/** The named volumes of a bundle (all state; `docker compose down` keeps them, `down -v` deletes them). */
export function composeVolumes(options: ResolvedComposeOptions): string[] {
  return [
    ...(options.database ? [] : ["postgres-data"]),
    "mathesar-media",
    ...(options.edge === "caddy" ? ["caddy-data", "caddy-config"] : ["certbot-certificates", "certbot-webroot"]),
  ];
}

/** A YAML scalar: plain when safe, else double-quoted (JSON strings are valid YAML double-quoted scalars). */
function scalar(value: string | number): string {
  if (typeof value === "number") return String(value);
  return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** `KEY: value` lines, sorted, at `indent`. */
function mapping(entries: Record<string, string | number>, indent: string): string {
  return Object.keys(entries)
    .sort()
    .map((key) => `${indent}${key}: ${scalar(entries[key])}`)
    .join("\n");
}

/** `- item` lines at `indent`. */
function list(items: readonly (string | number)[], indent: string): string {
  return items.map((item) => `${indent}- ${scalar(item)}`).join("\n");
}

/** A flow sequence (`["CMD", "x"]`), every item double-quoted. */
function flow(items: readonly string[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;
}

/** Compose interpolates `$` in values: a literal dollar is written `$$`. */
function literalDollars(text: string): string {
  return text.replace(/\$/g, "$$$$");
}

function image(options: ResolvedComposeOptions, key: keyof ResolvedComposeOptions["images"]): string {
  return scalar(defaultedVariable(IMAGE_VARIABLES[key], options.images[key]));
}

const COMMON = `    restart: unless-stopped
    logging: *logging`;

function postgresService(options: ResolvedComposeOptions): string {
  return `  # Evaluation database: PostgreSQL on the private "database" network only. It is never published on a
  # host port; reach it with: docker compose exec postgres psql -U "$POSTGRES_USER" "$POSTGRES_DB"
  ${POSTGRES_SERVICE}:
    image: ${image(options, "postgres")}
${COMMON}
    environment:
${mapping(
  {
    POSTGRES_DB: defaultedVariable("POSTGRES_DB", "mathesar_django"),
    POSTGRES_USER: defaultedVariable("POSTGRES_USER", "mathesar"),
    POSTGRES_PASSWORD: secretVariable("POSTGRES_PASSWORD"),
  },
  "      ",
)}
    volumes:
      - postgres-data:/var/lib/postgresql/data
    networks:
      - database
    healthcheck:
      test: ${flow(["CMD-SHELL", literalDollars('pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB"')])}
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 30s
    security_opt:
      - no-new-privileges:true`;
}

/** Volumes both Mathesar containers mount: uploads, the outbound-reports override, the CA when trusted. */
function mathesarMounts(options: ResolvedComposeOptions, withMedia: boolean): string[] {
  return [
    ...(withMedia ? [`mathesar-media:${MATHESAR_MEDIA_PATH}`] : []),
    `./${BUNDLE_PATHS.localSettings}:${LOCAL_SETTINGS_PATH}:ro`,
    ...(options.caCertificate ? [`./${BUNDLE_PATHS.caCertificate}:${CA_FILE_IN_CONTAINER}:ro`] : []),
  ];
}

function mathesarNetworks(options: ResolvedComposeOptions): string[] {
  // "edge" reaches the proxy and, being an ordinary bridge, the outside (an external database, Keycloak).
  return options.database ? ["edge"] : ["edge", "database"];
}

function bootstrapService(options: ResolvedComposeOptions): string {
  const env = composeMathesarEnvironment(options);
  const admin = composeAdminEnvironment(options);
  return `  # One-shot, before the web server: waits for the database, takes a PostgreSQL advisory lock, migrates and
  # creates the first admin from .env unless an admin exists. So /complete_installation/ is never open to
  # whoever comes first. It runs again (and does nothing new) at every "docker compose up -d".
  bootstrap:
    image: ${image(options, "mathesar")}
    restart: "no"
    logging: *logging
    command: ${flow(["python", BOOTSTRAP_IN_CONTAINER])}
    environment:
      # The image's code (/code) on Python's path: the program is mounted outside it.
      PYTHONPATH: /code
${mapping({ ...env.plain, ...admin.plain, ...env.secrets, ...admin.secrets }, "      ")}
    volumes:
${list([...mathesarMounts(options, false), `./${BUNDLE_PATHS.bootstrap}:${BOOTSTRAP_IN_CONTAINER}:ro`], "      ")}
    networks:
${list(options.database ? ["edge"] : ["database"], "      ")}
    read_only: true
    tmpfs:
      - /tmp
    security_opt:
      - no-new-privileges:true${
        options.database
          ? ""
          : `
    depends_on:
      ${POSTGRES_SERVICE}:
        condition: service_healthy`
      }`;
}

function mathesarService(options: ResolvedComposeOptions): string {
  const env = composeMathesarEnvironment(options);
  const command = `${COLLECT_STATIC_COMMAND} && exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`;
  const probe = `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${MATHESAR_PORT}${LIVENESS_PATH}', timeout=5)`;
  return `  # The web server. It never migrates (the bootstrap did, under a lock): static files, then gunicorn.
  mathesar:
    image: ${image(options, "mathesar")}
${COMMON}
    command: ${flow(["sh", "-c", command])}
    environment:
${mapping({ ...env.plain, ...env.secrets }, "      ")}
    volumes:
${list(mathesarMounts(options, true), "      ")}
    networks:
${list(mathesarNetworks(options), "      ")}
    # Only uploads (a volume), static files and /tmp are written.
    read_only: true
    tmpfs:
      - /code/static
      - /tmp
    security_opt:
      - no-new-privileges:true
    healthcheck:
      # A static file: 200 as soon as gunicorn answers, without the database (Mathesar has no health endpoint).
      test: ${flow(["CMD", "python", "-c", probe])}
      interval: 30s
      timeout: 10s
      retries: 3
      # Every start collects static files; the first one against an empty database takes minutes.
      start_period: ${STARTUP_GRACE_SECONDS}s
    depends_on:
      bootstrap:
        condition: service_completed_successfully`;
}

function ports(options: ResolvedComposeOptions): string {
  return list(
    [
      `${defaultedVariable("HTTP_PORT", options.httpPort)}:80`,
      `${defaultedVariable("HTTPS_PORT", options.httpsPort)}:443`,
    ],
    "      ",
  );
}

function caddyService(options: ResolvedComposeOptions): string {
  const tlsFiles =
    options.tls === "files"
      ? [
          `./${BUNDLE_PATHS.tlsCertificate}:${CADDY_TLS_FILES.certificate}:ro`,
          `./${BUNDLE_PATHS.tlsKey}:${CADDY_TLS_FILES.key}:ro`,
        ]
      : [];
  return `  # HTTPS: Caddy ${
    options.tls === "acme"
      ? "obtains and renews a certificate for DOMAIN_NAME by itself (ACME)"
      : options.tls === "internal"
        ? "issues the certificate from its own local CA (tls internal; its root is in the caddy-data volume)"
        : "serves your certificate from certs/ (issued by your CA)"
  }.
  # It redirects HTTP to HTTPS and proxies to Mathesar.
  caddy:
    image: ${image(options, "caddy")}
${COMMON}
    environment:
      DOMAIN_NAME: ${scalar(requiredVariable("DOMAIN_NAME", "set DOMAIN_NAME in .env"))}
    ports:
${ports(options)}
    volumes:
${list(
  [`./${BUNDLE_PATHS.caddyfile}:/etc/caddy/Caddyfile:ro`, "caddy-data:/data", "caddy-config:/config", ...tlsFiles],
  "      ",
)}
    networks:
      - edge
    read_only: true
    tmpfs:
      - /tmp
    security_opt:
      - no-new-privileges:true
    depends_on:
      - mathesar`;
}

function nginxServices(options: ResolvedComposeOptions): string {
  const renew = `trap exit TERM; while :; do certbot renew --webroot -w ${CERTBOT_WEBROOT} --quiet; sleep 43200 & wait $!; done`;
  return `  # HTTPS with nginx: certbot's certificate once issue-certificate.sh has run (HTTP only until then).
  nginx:
    image: ${image(options, "nginx")}
${COMMON}
    command: ${flow(["sh", NGINX_SCRIPT_IN_CONTAINER])}
    environment:
      DOMAIN_NAME: ${scalar(requiredVariable("DOMAIN_NAME", "set DOMAIN_NAME in .env"))}
    ports:
${ports(options)}
    volumes:
${list(
  [
    `./${NGINX_FILES.start}:${NGINX_SCRIPT_IN_CONTAINER}:ro`,
    `./${NGINX_FILES.httpTemplate}:${NGINX_TEMPLATES_IN_CONTAINER}/http.conf.template:ro`,
    `./${NGINX_FILES.httpsTemplate}:${NGINX_TEMPLATES_IN_CONTAINER}/https.conf.template:ro`,
    "certbot-certificates:/etc/letsencrypt:ro",
    `certbot-webroot:${CERTBOT_WEBROOT}:ro`,
  ],
  "      ",
)}
    networks:
      - edge
    security_opt:
      - no-new-privileges:true
    healthcheck:
      test: ${flow(["CMD", "wget", "-q", "-O", "/dev/null", `http://127.0.0.1${NGINX_HEALTH_PATH}`])}
      interval: 60s
      timeout: 10s
      retries: 3
    depends_on:
      - mathesar

  # Renews the certificate twice a day (nginx reloads every 6 hours to pick it up).
  certbot:
    image: ${image(options, "certbot")}
${COMMON}
    entrypoint: ${flow(["sh", "-c", literalDollars(renew)])}
    volumes:
      - certbot-certificates:/etc/letsencrypt
      - certbot-webroot:${CERTBOT_WEBROOT}
    networks:
      - edge
    security_opt:
      - no-new-privileges:true`;
}

/** Renders docker-compose.yml. */
export function renderComposeFile(options: ResolvedComposeOptions): string {
  const services = [
    ...(options.database ? [] : [postgresService(options)]),
    bootstrapService(options),
    mathesarService(options),
    options.edge === "caddy" ? caddyService(options) : nginxServices(options),
  ];
  const volumes = composeVolumes(options);
  return `# Mathesar with Docker Compose, generated by this project from its Mathesar contract (modules/compose):
# regenerate rather than edit when you can; settings you change live in .env. Guide: docs/docker.md.
#
#   bash generate-secrets.sh                       # once: creates .env and fills its secrets (never twice)
#   docker compose up -d                           # start; the first start migrates and creates the admin
#   docker compose logs -f mathesar                # logs (rotated: ${LOG_ROTATION["max-file"]} files of ${LOG_ROTATION["max-size"]} per container)
#   docker compose pull && docker compose up -d    # update to the images named in .env
#
# Images are pinned in .env (MATHESAR_IMAGE and the others); point them at your own registry if you mirror.
name: mathesar

x-logging: &logging
  driver: json-file
  options:
${mapping(LOG_ROTATION, "    ")}

services:
${services.join("\n\n")}

volumes:
${volumes.map((volume) => `  ${volume}:`).join("\n")}

networks:
  # The proxy and Mathesar.
  edge: {}${
    options.database
      ? ""
      : `
  # Mathesar and the evaluation database only: internal, so nothing on it reaches or is reached from outside.
  database:
    internal: true`
  }
`;
}
