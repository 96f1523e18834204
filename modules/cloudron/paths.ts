/**
 * Where the Cloudron package puts things. Cloudron runs apps on a read-only file system except for
 * /app/data (persistent, backed up: the localstorage addon), /run and /tmp (wiped at every restart).
 */

/** The package's file system layout; tests render the start script against a sandbox with other values. */
export interface CloudronPaths {
  /** Mathesar's code (read-only at run time). */
  readonly code: string;
  /** Persistent, backed-up data. */
  readonly data: string;
  /** Writable, wiped at restart. */
  readonly run: string;
}

/** The real layout inside a Cloudron app container. */
export const CLOUDRON_PATHS: CloudronPaths = { code: "/app/code", data: "/app/data", run: "/run/mathesar" };

/** Cloudron's unprivileged user, which every Mathesar process runs as. */
export const CLOUDRON_USER = "cloudron";

/** Mathesar's Python environment inside the package (the name bin/mathesar looks for beside itself). */
export const CLOUDRON_VENV = "mathesar-venv";
