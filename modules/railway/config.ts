/**
 * The service's config-as-code (`deploy/railway/railway.json`): how Railway builds and deploys the
 * Mathesar service. Railway facts relied on (docs.railway.com/reference/config-as-code, /guides/healthchecks,
 * /reference/public-networking, read 2026-12):
 * - a custom config path is set in the service's settings, so the file can live in deploy/railway/;
 * - `healthcheckPath` is probed only during a deploy, from the host `healthcheck.railway.app`, and
 *   `healthcheckTimeout` (seconds) is how long Railway waits for a 200 before failing the deploy: the
 *   liveness path is answered before Django's Host check, and the web process only collects static files
 *   (the pre-deploy command migrated), so the contract's start grace fits;
 * - `preDeployCommand` runs in a separate container, with the service's variables and private network,
 *   before the new deployment starts: the locked bootstrap runs there;
 * - Railway's edge terminates TLS, keeps the Host header and sets `X-Forwarded-Proto: https`, which Mathesar's
 *   production settings trust; it routes to the port in `PORT` (set to 8000 by the template);
 * - the filesystem is ephemeral; a volume (declared in the template) keeps uploads at /code/.media;
 * - public HTTP requests may run for up to 15 minutes: gunicorn's own timeout (the contract's) is shorter.
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
