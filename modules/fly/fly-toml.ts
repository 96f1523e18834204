/**
 * `deploy/fly/fly.toml`. Fly.io facts relied on, checked in Fly's documentation source (github.com/superfly/docs
 * commit 5c22c8c: reference/configuration, reference/regions, networking/services, networking/request-headers,
 * mpg/client-configuration, flyctl/cmd/fly_mpg_attach, fly_secrets_import, fly_ips_allocate-egress):
 * - Fly's proxy terminates TLS, keeps the Host header and sets `X-Forwarded-Proto`; `force_https` makes it
 *   redirect plain HTTP. Mathesar's production settings trust `X-Forwarded-Proto: https`.
 * - `internal_port` is where the proxy connects: the image binds `$PORT`, set to 8000 in `[env]`.
 * - `release_command` runs once per deploy in a temporary Machine with the app's secrets and private
 *   network but **no volume**, before any Machine is updated; if it fails the deploy stops. The bootstrap
 *   (locked migrate + first admin) needs only the database, so it runs there. It gets 5 minutes by default;
 *   a first migration on a small database can take longer, so `release_command_timeout` gives it 15.
 * - `fly mpg attach` stores the cluster's **pooled** URL (PgBouncer) as `DATABASE_URL`; the bootstrap's
 *   session advisory lock needs the **direct** URL (docs/fly.md says to set it). MPG connections always use
 *   TLS, so `require` holds.
 * - Machines' root filesystems are ephemeral: uploads survive on the `[[mounts]]` volume at /code/.media. A
 *   volume belongs to one Machine in one region, so the app runs one Machine (CSV imports also need the
 *   upload and the import to reach the same filesystem).
 * - `http_service.checks` run from Fly's proxy against the Machine's address; the liveness path is served
 *   before Django's Host check. `grace_period` covers the web start (collectstatic, no migrations).
 * - `strategy = "rolling"` replaces the one Machine and waits for its checks (canary and blue-green deploys
 *   cannot move a volume); a failing check fails the deploy.
 * - Concurrency: each gunicorn sync worker handles one request at a time, so the soft limit is the worker
 *   count and the hard limit leaves a short queue in gunicorn's backlog (modelled, not measured).
 * - Fly's proxy sets no short request deadline like Heroku's; gunicorn's timeout (the contract's) applies.
 * - `fly mpg attach` stores `DATABASE_URL` as a secret: the start wrapper splits it.
 */
import { STARTUP_GRACE_SECONDS, MATHESAR_MEDIA_PATH, MATHESAR_PORT, webConcurrency } from "../mathesar";
import {
  ALLOWED_HOSTS_FROM_ENV,
  PLATFORM_BOOTSTRAP_COMMAND,
  ResolvedPlatformProps,
  allowedHosts,
  platformEnvironment,
  sortedEntries,
} from "../platforms";
import { FLY_MACHINE } from "./inputs";

/** Name of the uploads volume. */
export const FLY_MEDIA_VOLUME = "mathesar_media";

/** The secrets the app needs (`fly secrets`), never in fly.toml. `DATABASE_URL` comes from attach or `fly secrets set`. */
export const FLY_SECRET_NAMES = ["DATABASE_URL", "SECRET_KEY", "DJANGO_SUPERUSER_PASSWORD"] as const;

/** How long the release command (the bootstrap: first migrations included) may run; Fly's default is 5 minutes. */
export const FLY_RELEASE_COMMAND_TIMEOUT = "15m";

/** The gunicorn workers of the planned Machine. */
export const FLY_WEB_CONCURRENCY = webConcurrency(FLY_MACHINE.vcpus, FLY_MACHINE.memoryMiB);

/** The fly.toml object (smol-toml writes it). */
export function flyConfig(props: ResolvedPlatformProps): Record<string, unknown> {
  const env = platformEnvironment<string>({
    database: "DATABASE_URL",
    secretKey: "fly secrets",
    adminPassword: "fly secrets",
    allowedHosts: allowedHosts([`${props.name}.fly.dev`], props.domainName),
    webConcurrency: FLY_WEB_CONCURRENCY,
    adminUsername: props.adminUsername,
    adminEmail: props.adminEmail,
    // `fly deploy --app other-name` serves at other-name.fly.dev: the wrapper adds it from Fly's runtime variable.
    extra: { PORT: String(MATHESAR_PORT), [ALLOWED_HOSTS_FROM_ENV]: "{FLY_APP_NAME}.fly.dev" },
  });
  return {
    app: props.name,
    primary_region: props.region,
    build: { dockerfile: "Dockerfile" },
    deploy: {
      release_command: PLATFORM_BOOTSTRAP_COMMAND.join(" "),
      release_command_timeout: FLY_RELEASE_COMMAND_TIMEOUT,
      strategy: "rolling",
    },
    env: Object.fromEntries(sortedEntries(env.plain)),
    http_service: {
      internal_port: MATHESAR_PORT,
      force_https: true,
      auto_stop_machines: "off",
      auto_start_machines: true,
      min_machines_running: 1,
      concurrency: { type: "requests", soft_limit: FLY_WEB_CONCURRENCY, hard_limit: FLY_WEB_CONCURRENCY * 4 },
      checks: [
        {
          grace_period: `${STARTUP_GRACE_SECONDS}s`,
          interval: "30s",
          timeout: "5s",
          method: "GET",
          path: props.healthCheckPath,
        },
      ],
    },
    mounts: [{ source: FLY_MEDIA_VOLUME, destination: MATHESAR_MEDIA_PATH, initial_size: "1gb" }],
    vm: [{ size: FLY_MACHINE.size, memory: FLY_MACHINE.memory }],
  };
}
