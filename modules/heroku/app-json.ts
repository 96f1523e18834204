/**
 * `app.json` (the Heroku Button's manifest) and `heroku.yml` (the container build). Heroku facts relied on
 * (devcenter.heroku.com: heroku-button, app-json-schema, build-docker-images-heroku-yml, runtime-principles,
 * http-routing, release-phase; read 2026-12):
 * - the button reads `app.json` at the repository root, and Heroku reads `heroku.yml` at the root, so both
 *   live there; `heroku.yml` may point at a Dockerfile elsewhere (deploy/heroku/Dockerfile);
 * - the Heroku Postgres add-on provides only `DATABASE_URL` (no sslmode in it; Heroku Postgres requires
 *   TLS): the start wrapper splits it into `POSTGRES_*` with `require`;
 * - `generator: "secret"` fills a config var with a random 64-character hex string (256 bits): it passes
 *   the bootstrap's `SECRET_KEY` rule (16 distinct characters, 4 bits per character);
 * - a release phase runs before the new release takes traffic, with the config vars, and stops the release
 *   if it fails: the locked bootstrap runs there;
 * - the router terminates TLS, keeps the Host header and sets `X-Forwarded-Proto`; a web dyno must bind
 *   `$PORT` within 60 s (R10); the image binds `$PORT` and only collects static files at start;
 * - a request gets 30 s (H12); containers run without root; the filesystem is ephemeral and dynos restart
 *   daily: an upload lives only until the import that reads it (one web dyno, so both hit the same one);
 * - the router sends a dyno only requests for its app's own domains, so `.herokuapp.com` in
 *   `ALLOWED_HOSTS` admits only this app's host name (new apps get a random suffix nobody knows in advance).
 */
import { LIVENESS_PATH, webConcurrency } from "../mathesar";
import {
  PLATFORM_BOOTSTRAP_COMMAND,
  ResolvedPlatformProps,
  allowedHosts,
  platformEnvironment,
  sortedEntries,
} from "../platforms";
import { PROJECT_REPOSITORY_URL } from "../project";
import { HEROKU_PLANS, HEROKU_REQUEST_TIMEOUT_SECONDS } from "./inputs";

/** Where the Dockerfile heroku.yml builds lives. */
export const HEROKU_DOCKERFILE_PATH = "deploy/heroku/Dockerfile";

/** What each secret is, for the deploy screen. */
const SECRET_DESCRIPTIONS: Record<string, string> = {
  SECRET_KEY:
    "Django SECRET_KEY, generated. It encrypts the saved passwords of connected databases: never change it, back it up with the database.",
  DJANGO_SUPERUSER_PASSWORD:
    "Password of the first admin, generated; read it with `heroku config:get DJANGO_SUPERUSER_PASSWORD` and change it after logging in.",
};

/** What the deploy screen says about the plain variables a person may want to change. */
const PLAIN_DESCRIPTIONS: Record<string, string> = {
  ALLOWED_HOSTS:
    "Host names Mathesar answers: this app's *.herokuapp.com name (the router sends it no other), plus your custom domain, comma-separated.",
  DJANGO_SUPERUSER_USERNAME: "Username of the first admin, created before the first request.",
  DJANGO_SUPERUSER_EMAIL: "E-mail of the first admin (stored only; may stay empty).",
};

/** The app.json object. */
export function herokuAppJson(props: ResolvedPlatformProps): Record<string, unknown> {
  const env = platformEnvironment<{ generator: "secret" }>({
    database: "DATABASE_URL",
    secretKey: { generator: "secret" },
    adminPassword: { generator: "secret" },
    allowedHosts: allowedHosts([".herokuapp.com"], props.domainName),
    webConcurrency: webConcurrency(HEROKU_PLANS.dynoVcpus, HEROKU_PLANS.dynoMemoryMiB),
    requestTimeoutSeconds: HEROKU_REQUEST_TIMEOUT_SECONDS,
    adminUsername: props.adminUsername,
    adminEmail: props.adminEmail,
  });
  return {
    name: props.name,
    description: "Mathesar, a spreadsheet-like web UI for PostgreSQL, on a Heroku Postgres database.",
    keywords: ["mathesar", "postgresql", "spreadsheet", "django"],
    website: "https://mathesar.org",
    repository: PROJECT_REPOSITORY_URL,
    success_url: props.healthCheckPath === LIVENESS_PATH ? "/auth/login/" : props.healthCheckPath,
    stack: "container",
    formation: { web: { quantity: 1, size: HEROKU_PLANS.dyno } },
    addons: [{ plan: HEROKU_PLANS.postgres, as: "DATABASE" }],
    env: {
      ...Object.fromEntries(
        sortedEntries(env.plain).map(([key, value]) => [
          key,
          // An empty value (no admin e-mail) may stay empty on the deploy screen.
          {
            ...(PLAIN_DESCRIPTIONS[key] ? { description: PLAIN_DESCRIPTIONS[key] } : {}),
            value,
            required: value !== "",
          },
        ]),
      ),
      ...Object.fromEntries(
        sortedEntries(env.secrets).map(([key, source]) => [
          key,
          { description: SECRET_DESCRIPTIONS[key] ?? key, ...source, required: true },
        ]),
      ),
    },
  };
}

/** The heroku.yml object: build the Dockerfile, run the bootstrap as the release phase; the image's CMD is the web process. */
export function herokuYml(): Record<string, unknown> {
  return {
    build: { docker: { web: HEROKU_DOCKERFILE_PATH } },
    release: { image: "web", command: [PLATFORM_BOOTSTRAP_COMMAND.join(" ")] },
  };
}
