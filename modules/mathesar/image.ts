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
 * The image's own start command without `-f` (which falls back to a throwaway in-container PostgreSQL when a
 * `POSTGRES_*` variable is missing). `-n` uses the system gunicorn, `-s` runs migrations and collectstatic,
 * `-e` prefers exported variables. No target starts a web process with it: `-s` migrates again, unlocked,
 * after the locked bootstrap did; web processes use {@link MATHESAR_WEB_START_SCRIPT}. Policy rules use it
 * to recognise Mathesar.
 */
export const MATHESAR_START_COMMAND = ["bash", "./bin/mathesar", "run", "-nse"] as const;

/**
 * Start command when something else has already migrated and collected static files into a shared volume
 * (a bootstrap container in the same task): no `-s`, so no unlocked `migrate` runs beside the bootstrap.
 */
export const MATHESAR_START_COMMAND_PREPARED = ["bash", "./bin/mathesar", "run", "-ne"] as const;

/** Collects static files (the image rebuilds them at every start; a read-only root keeps them on a volume). */
export const COLLECT_STATIC_COMMAND = "python manage.py collectstatic --noinput --clear";

/**
 * Shell script of a web process whose platform has no shared volume for a bootstrap's static files (App
 * Platform): collect static files, then serve without migrating (`-ne`); the locked bootstrap migrated.
 */
export const MATHESAR_WEB_START_SCRIPT = `${COLLECT_STATIC_COMMAND} && exec ${MATHESAR_START_COMMAND_PREPARED.join(" ")}`;

/**
 * `repository:tag` reference for a Mathesar version, e.g. `mathesar/mathesar:0.11.0`; a version pinned by
 * digest (`0.11.0@sha256:...`) gives `mathesar/mathesar:0.11.0@sha256:...`, which every registry client pulls
 * by the digest.
 */
export function mathesarImage(version: string, repository: string = MATHESAR_IMAGE_REPOSITORY): string {
  return `${repository}:${version}`;
}

/** Splits a known version into its tag and optional digest (`0.11.0@sha256:...` → `0.11.0`, `sha256:...`). */
export function splitVersionDigest(version: string): { tag: string; digest?: string } {
  const at = version.indexOf("@");
  return at < 0 ? { tag: version } : { tag: version.slice(0, at), digest: version.slice(at + 1) };
}
