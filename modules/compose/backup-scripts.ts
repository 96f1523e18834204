/**
 * backup.sh and restore.sh: Mathesar's internal database (`pg_dump -Fc`), the uploads volume (a tar of
 * /code/.media) and a copy of `.env` (SECRET_KEY decrypts the saved passwords of connected databases: a
 * database restored without it cannot use them), with SHA-256 sums. The database is dumped inside the
 * evaluation PostgreSQL container, or for an external server in a one-off container of the Mathesar service
 * (its pg_dump, TLS settings and CA; one-off, because restore.sh stops the service first).
 * `MATHESAR_BACKUP_LOCAL=1` runs pg_dump/pg_restore and tar on this host instead, against
 * PGHOST/PGPORT and the folder MATHESAR_MEDIA_DIR: how the tests run both scripts against a real PostgreSQL,
 * and a way for a host that has the PostgreSQL client to back up an external server.
 */
import { MATHESAR_MEDIA_PATH } from "../mathesar/image";
import { POSTGRES_SERVICE } from "./environment";
import type { ResolvedComposeOptions } from "./options";
import { ENV_VALUE_FUNCTION, scriptHeader } from "./shell";

/** Files of one backup folder. */
export const BACKUP_FILES = {
  database: "internal-database.dump",
  media: "media.tar",
  env: "env",
  sums: "SHA256SUMS",
} as const;

/** What both scripts share: .env values, and how to reach the database and the uploads. */
function common(options: ResolvedComposeOptions): string {
  const evaluation = options.database === undefined;
  // Inside a container, the connection comes from the service's own environment (and, for an external server,
  // its PGSSLMODE/PGSSLROOTCERT); in sh -c, so that its variables expand there, not here.
  const inContainer = evaluation
    ? `docker compose exec -T ${POSTGRES_SERVICE} "$@" -U "$db_user" -d "$db_name"`
    : `# shellcheck disable=SC2016 # expanded by the container's shell
    docker compose run --rm --no-deps -T --entrypoint sh mathesar -c 'PGPASSWORD="$POSTGRES_PASSWORD" exec "$0" "$@" -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d "$POSTGRES_DB"' "$@"`;
  return `${ENV_VALUE_FUNCTION}
[ -f .env ] || { echo "$script: no .env in $(pwd)" >&2; exit 1; }
db_name="$(env_value POSTGRES_DB)"; db_name="\${db_name:-${options.database?.name ?? "mathesar_django"}}"
db_user="$(env_value POSTGRES_USER)"; db_user="\${db_user:-${options.database?.user ?? "mathesar"}}"
local_mode="\${MATHESAR_BACKUP_LOCAL:-}"
if [ -n "$local_mode" ] && [ -z "\${MATHESAR_MEDIA_DIR:-}" ]; then
  echo "$script: MATHESAR_BACKUP_LOCAL=1 needs MATHESAR_MEDIA_DIR (the uploads folder)" >&2
  exit 1
fi

# Runs a PostgreSQL client program (pg_dump, pg_restore) against Mathesar's internal database.
database() {
  if [ -n "$local_mode" ]; then
    local host port
    host="\${PGHOST:-$(env_value POSTGRES_HOST)}"
    port="\${PGPORT:-$(env_value POSTGRES_PORT)}"
    PGPASSWORD="\${PGPASSWORD:-$(env_value POSTGRES_PASSWORD)}" "$@" -h "\${host:-localhost}" -p "\${port:-5432}" -U "$db_user" -d "$db_name"
  else
    ${inContainer}
  fi
}
`;
}

/** Renders backup.sh. */
export function renderBackupScript(options: ResolvedComposeOptions): string {
  return `${scriptHeader([
    "Backs up Mathesar: its internal database (pg_dump), the uploads volume and .env (SECRET_KEY), into",
    "DIRECTORY/mathesar-<UTC time>/ (DIRECTORY defaults to backups). Mathesar keeps running.",
    "Usage: bash backup.sh [DIRECTORY]. Copy the folder off this host; it holds secrets (mode 0700).",
  ])}script=backup
umask 077
${common(options)}
target="\${1:-backups}/mathesar-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"

database pg_dump --format=custom --no-owner > "$target/${BACKUP_FILES.database}"
if [ -n "$local_mode" ]; then
  tar -C "$MATHESAR_MEDIA_DIR" -cf - . > "$target/${BACKUP_FILES.media}"
else
  docker compose exec -T mathesar tar -C ${MATHESAR_MEDIA_PATH} -cf - . > "$target/${BACKUP_FILES.media}"
fi
cp .env "$target/${BACKUP_FILES.env}"
(cd "$target" && sha256sum ${BACKUP_FILES.database} ${BACKUP_FILES.media} ${BACKUP_FILES.env} > ${BACKUP_FILES.sums})
echo "backup: $target ($(du -sh "$target" | cut -f1))"
`;
}

/** Renders restore.sh. */
export function renderRestoreScript(options: ResolvedComposeOptions): string {
  return `${scriptHeader([
    "Restores a backup made by backup.sh: replaces Mathesar's internal database and the uploads, then",
    "starts Mathesar again. The backup's SECRET_KEY must be the one in .env (the script says so if not).",
    "Usage: bash restore.sh BACKUP_FOLDER",
  ])}script=restore
${common(options)}
backup="\${1:?usage: bash restore.sh BACKUP_FOLDER}"
(cd "$backup" && sha256sum --quiet -c ${BACKUP_FILES.sums}) || { echo "restore: $backup is incomplete or damaged" >&2; exit 1; }
if [ "$(env_value SECRET_KEY "$backup/${BACKUP_FILES.env}")" != "$(env_value SECRET_KEY)" ]; then
  echo "restore: the backup's SECRET_KEY differs from the one in .env. Mathesar could not read the saved" >&2
  echo "passwords of connected databases. Put the backup's SECRET_KEY (in $backup/${BACKUP_FILES.env}) into .env, then run this again." >&2
  exit 1
fi

if [ -z "$local_mode" ]; then
  # Nothing may write while the database and the uploads are replaced.
  docker compose stop mathesar
fi
database pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error < "$backup/${BACKUP_FILES.database}"
if [ -n "$local_mode" ]; then
  find "$MATHESAR_MEDIA_DIR" -mindepth 1 -delete
  tar -C "$MATHESAR_MEDIA_DIR" -xf - < "$backup/${BACKUP_FILES.media}"
else
  docker compose run --rm --no-deps -T --entrypoint sh mathesar \\
    -c 'find ${MATHESAR_MEDIA_PATH} -mindepth 1 -delete && tar -C ${MATHESAR_MEDIA_PATH} -xf -' < "$backup/${BACKUP_FILES.media}"
  docker compose up -d
fi
echo "restore: $backup restored"
`;
}
