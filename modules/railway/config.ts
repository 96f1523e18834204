/**
 * The service's config-as-code (`deploy/railway/railway.json`): how Railway builds and deploys the
 * Mathesar service. Railway facts relied on, checked in Railway's documentation source (github.com/railwayapp/docs,
 * commit c2a634f, 2026-08: config-as-code/reference.md, deployments/healthchecks.md, deployments/regions.md,
 * networking/public-networking/specs-and-limits.md, databases/postgresql.md):
 * - a custom config path is set in the service's settings, so the file can live in deploy/railway/;
 * - `preDeployCommand` is a list of commands run before the new deployment starts, with the service's
 *   variables and private network: the locked bootstrap runs there;
 * - `healthcheckPath` is probed during a deploy from the host `healthcheck.railway.app`, and
 *   `healthcheckTimeout` (seconds) is how long Railway waits for a 200: the liveness path is answered before
 *   Django's Host check, and the web process only collects static files (the pre-deploy command migrated),
 *   so the contract's start grace fits;
 * - the edge terminates TLS and sends `X-Forwarded-Proto: https` (always), which Mathesar's production
 *   settings trust; it also sends `X-Forwarded-Host`, which Mathesar does not read, so Django validates the
 *   Host header as received (the public domain, by Railway's routing; inferred, not tried);
 * - a public domain's target port is detected from what the app listens on: the image binds `$PORT`, 8000;
 * - HTTP requests run up to 15 minutes while data flows and are closed after 5 minutes without data;
 *   request bodies must finish uploading within 5 minutes: gunicorn's own timeout (the contract's) is shorter;
 * - the filesystem is ephemeral; a volume (declared in the template) keeps uploads at /code/.media;
 * - Railway's Postgres runs Railway's SSL-enabled image, so `sslmode=require` holds on the private network.
 */
import { STARTUP_GRACE_SECONDS } from "../mathesar";
import { PLATFORM_BOOTSTRAP_COMMAND, ResolvedPlatformProps } from "../platforms";

/** Where the generated Railway files live. */
export const RAILWAY_DIR = "deploy/railway";

/** The config-as-code file. */
export const RAILWAY_CONFIG_PATH = `${RAILWAY_DIR}/railway.json`;

/** The Dockerfile the service builds (the pinned image plus the wrapper). */
export const RAILWAY_DOCKERFILE_PATH = `${RAILWAY_DIR}/Dockerfile`;

/** The published JSON schema the file declares (editors validate against it; our tests use our own copy of its rules). */
export const RAILWAY_SCHEMA_URL = "https://railway.com/railway.schema.json";

/** The config-as-code object. */
export function railwayConfig(props: ResolvedPlatformProps): Record<string, unknown> {
  return {
    $schema: RAILWAY_SCHEMA_URL,
    build: {
      builder: "DOCKERFILE",
      dockerfilePath: RAILWAY_DOCKERFILE_PATH,
      watchPatterns: [`${RAILWAY_DIR}/**`],
    },
    deploy: {
      preDeployCommand: [PLATFORM_BOOTSTRAP_COMMAND.join(" ")],
      healthcheckPath: props.healthCheckPath,
      healthcheckTimeout: STARTUP_GRACE_SECONDS,
      restartPolicyType: "ON_FAILURE",
      restartPolicyMaxRetries: 10,
      // One replica: CSV imports upload to the volume in one request and read it in the next.
      multiRegionConfig: { [props.region]: { numReplicas: 1 } },
    },
  };
}
