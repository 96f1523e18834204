/**
 * How the database server's CA certificate reaches libpq where the platform cannot mount a file (App Platform,
 * ECS, Cloud Run, the VM's env file): the PEM travels in a plain environment variable (a CA certificate is
 * public) and the start command writes it to a file under `/tmp` before anything connects; `PGSSLROOTCERT`
 * names that file. Kubernetes mounts a ConfigMap instead.
 */

/** Environment variable carrying the CA certificate(s), PEM. */
export const DATABASE_CA_ENV = "MATHESAR_DATABASE_CA_PEM";

/** Where the start command writes it (`/tmp` is writable on every target). */
export const DATABASE_CA_FILE = "/tmp/mathesar-database-ca.pem";

/** What a module passes in {@link DATABASE_CA_ENV} when there is no CA (a platform may refuse an empty value). */
export const NO_DATABASE_CA = "none";

/**
 * POSIX shell that writes {@link DATABASE_CA_ENV} to {@link DATABASE_CA_FILE} when it holds a PEM certificate,
 * and succeeds doing nothing otherwise (unset, empty or {@link NO_DATABASE_CA}: an unreadable file would make
 * libpq fail even under `require`). No `${...}` (Terraform and App Platform would expand it) and no single
 * quote (it goes inside `sh -c '...'`).
 */
export function writeDatabaseCaCommand(): string {
  return `case "$${DATABASE_CA_ENV}" in *"-----BEGIN CERTIFICATE-----"*) printf "%s\\n" "$${DATABASE_CA_ENV}" > ${DATABASE_CA_FILE};; esac`;
}

/** `command` (any command line) run after {@link writeDatabaseCaCommand}, through `sh -c` and `exec "$@"`. */
export function withDatabaseCaFile(command: string): string {
  return `sh -c '${writeDatabaseCaCommand()}; exec "$@"' sh ${command}`;
}
