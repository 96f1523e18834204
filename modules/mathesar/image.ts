/**
 * The Mathesar container image: where it comes from, which version we pin, how it starts.
 * Only this folder knows these facts; every target reads them from here.
 */

/** Docker Hub repository of the official image. Override it to pull from a private mirror. */
export const MATHESAR_IMAGE_REPOSITORY = "mathesar/mathesar";

/**
 * The Mathesar release every target deploys unless told otherwise. Never `latest`: a pinned tag makes
 * every apply reproducible and every upgrade a reviewed, one-line change.
 */
export const DEFAULT_MATHESAR_VERSION = "0.11.0";

/** The container listens on this port; Mathesar hard-codes it and ignores `PORT`. */
export const MATHESAR_PORT = 8000;

/** Working directory of the production image, where `manage.py` lives. */
export const MATHESAR_WORKDIR = "/code";

/** Where Mathesar keeps uploaded files (CSV imports) inside the container. */
export const MATHESAR_MEDIA_PATH = "/code/.media";

/**
 * Start command for the web server. The image's own default is `./bin/mathesar run -fnse`; we drop
 * `-f` (fall back to a throwaway in-container PostgreSQL when a `POSTGRES_*` variable is missing) so a
 * misconfiguration fails loudly instead of silently storing users and credentials in a container.
 * `-n` uses the system gunicorn, `-s` runs migrations and collectstatic, `-e` prefers exported variables.
 */
export const MATHESAR_START_COMMAND = ["bash", "./bin/mathesar", "run", "-nse"] as const;

/**
 * Start command when something else has already migrated and collected static files into a shared volume
 * (a bootstrap container in the same task): no `-s`, so no unlocked `migrate` runs beside the bootstrap.
 */
export const MATHESAR_START_COMMAND_PREPARED = ["bash", "./bin/mathesar", "run", "-ne"] as const;

/** Collects static files (the image rebuilds them at every start; a read-only root keeps them on a volume). */
export const COLLECT_STATIC_COMMAND = "python manage.py collectstatic --noinput --clear";

/** `repository:tag` reference for a Mathesar version, e.g. `mathesar/mathesar:0.11.0`. */
export function mathesarImage(version: string, repository: string = MATHESAR_IMAGE_REPOSITORY): string {
  return `${repository}:${version}`;
}
