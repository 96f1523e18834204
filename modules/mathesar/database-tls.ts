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

/**
 * POSIX shell that writes {@link DATABASE_CA_ENV} to {@link DATABASE_CA_FILE} when it is set, and succeeds
 * (doing nothing) when it is not. No `${...}`: Terraform and App Platform would expand it.
 */
export function writeDatabaseCaCommand(): string {
  return `if [ -n "$${DATABASE_CA_ENV}" ]; then printf '%s\\n' "$${DATABASE_CA_ENV}" > ${DATABASE_CA_FILE}; fi`;
}
