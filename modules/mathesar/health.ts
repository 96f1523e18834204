/**
 * How a platform can tell whether Mathesar is up. Mathesar has no health endpoint, so we use paths whose
 * behaviour we read in its source (see docs/architecture.md, "Health checks").
 */

/**
 * Liveness: a static file served by WhiteNoise before Django validates the Host header and without
 * touching the database. 200 as soon as gunicorn answers, whatever Host the prober sends.
 */
export const LIVENESS_PATH = "/static/icons/favicon.ico";

/**
 * Readiness: the login page answers 200 only when the database is reachable and an admin exists
 * (before that it redirects to `/complete_installation/`). It validates the Host header, so a prober must
 * send an allowed Host.
 */
export const READINESS_PATH = "/auth/login/";

/**
 * Seconds a platform should wait after a container starts before its health checks may fail it. Every
 * start runs `migrate` and `collectstatic --clear`; a first boot against an empty database takes minutes
 * on small instances (peers use 300 to 900 s).
 */
export const STARTUP_GRACE_SECONDS = 300;
