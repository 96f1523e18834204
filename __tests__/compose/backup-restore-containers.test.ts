/**
 * backup.sh and restore.sh as they run on a Docker host (without MATHESAR_BACKUP_LOCAL): every `docker compose`
 * command they issue goes to a stand-in `docker` on PATH (there is no Docker daemon here) that logs it and runs
 * the command meant for the container on this host instead, with the service's connection settings and
 * /code/.media mapped to a folder. So the command lines themselves (pg_dump and pg_restore with their options,
 * the sh -c for an external server, the tar of the uploads) run for real against a real PostgreSQL, and the
 * order of stop, restore and start is checked: nothing is asked of a container after restore.sh stopped it.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type ComposeBundleOptions } from "../../modules/compose";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";
import { runScript, writeBundle } from "./support";

const available =
  postgresBinDir() !== undefined && hasTool("psql") && hasTool("pg_dump") && hasTool("runuser", ["--version"]);

/** The stand-in `docker`: `compose exec|run ... SERVICE CMD...` runs CMD here; `stop` and `up` are logged only. */
const DOCKER_SHIM = `#!/usr/bin/env bash
set -euo pipefail
printf '%s\\n' "$*" >> "$SHIM_LOG"
[ "$1" = compose ] || { echo "docker shim: only compose" >&2; exit 64; }
shift
command="$1"; shift
entrypoint=""
case "$command" in
  stop | up) exit 0 ;;
  exec | run)
    while [[ "$1" == -* ]]; do
      if [ "$1" = --entrypoint ]; then entrypoint="$2"; shift 2; else shift; fi
    done ;;
  *) echo "docker shim: unexpected compose $command" >&2; exit 64 ;;
esac
shift # the service
if [ -n "$entrypoint" ]; then set -- "$entrypoint" "$@"; fi
# The service's environment as Compose would give it: .env's database settings, the server's socket.
value() { grep -E "^$1=" .env | tail -n 1 | cut -d= -f2-; }
export POSTGRES_HOST="$SHIM_PGHOST" POSTGRES_PORT="$SHIM_PGPORT" PGHOST="$SHIM_PGHOST" PGPORT="$SHIM_PGPORT"
POSTGRES_DB="$(value POSTGRES_DB)"; POSTGRES_USER="$(value POSTGRES_USER)"; POSTGRES_PASSWORD="$(value POSTGRES_PASSWORD)"
export POSTGRES_DB POSTGRES_USER POSTGRES_PASSWORD
args=()
for arg in "$@"; do args+=("\${arg//\\/code\\/.media/$SHIM_MEDIA}"); done
exec "\${args[@]}"
`;

describeWithTool(
  "PostgreSQL server (pg_dump, pg_restore)",
  available,
  "backup.sh and restore.sh through docker compose",
  () => {
    let pg: TestPostgres;
    let work: string;

    beforeAll(() => {
      pg = startPostgres();
      work = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-backup-docker-"));
      fs.mkdirSync(path.join(work, "bin"));
      fs.writeFileSync(path.join(work, "bin", "docker"), DOCKER_SHIM, { mode: 0o755 });
      pg.sql("CREATE ROLE mathesar LOGIN;");
    });

    afterAll(() => {
      pg?.stop();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    test.each<[string, ComposeBundleOptions]>([
      ["evaluation database (pg_dump in the postgres container)", {}],
      ["external database (pg_dump in a one-off Mathesar container)", { database: { host: "db.example.org" } }],
    ])("%s: backup, then restore into a fresh database", (_name, options) => {
      const id = crypto.randomBytes(4).toString("hex");
      const [source, fresh] = [`source_${id}`, `fresh_${id}`];
      pg.sql(`CREATE DATABASE ${source} OWNER mathesar; CREATE DATABASE ${fresh} OWNER mathesar;`);
      pg.sql(
        "CREATE TABLE t (id serial PRIMARY KEY, v jsonb); INSERT INTO t (v) SELECT jsonb_build_object('i', i) FROM generate_series(1, 50) i;",
        { user: "mathesar", database: source },
      );
      const media = path.join(work, `media_${id}`);
      fs.mkdirSync(path.join(media, "a"), { recursive: true });
      fs.writeFileSync(path.join(media, "a", "upload.csv"), "x,y\n1,2\n");
      const bundle = writeBundle(options);
      const log = path.join(work, `log_${id}`);
      try {
        const example = fs.readFileSync(path.join(bundle.dir, ".env.example"), "utf8");
        fs.writeFileSync(
          path.join(bundle.dir, ".env"),
          example
            .replace(/^DOMAIN_NAME=.*$/m, "DOMAIN_NAME=data.example.org")
            .replace(/^POSTGRES_DB=.*$/m, `POSTGRES_DB=${source}`),
        );
        expect(runScript(bundle.dir, "generate-secrets.sh").status).toBe(0);
        const env = {
          PATH: `${path.join(work, "bin")}:${process.env.PATH}`,
          SHIM_LOG: log,
          SHIM_PGHOST: pg.host,
          SHIM_PGPORT: String(pg.port),
          SHIM_MEDIA: media,
        };
        const backup = runScript(bundle.dir, "backup.sh", [path.join(work, `backups_${id}`)], env);
        expect(backup.stderr).toBe("");
        expect(backup.status).toBe(0);
        const [folder] = fs.readdirSync(path.join(work, `backups_${id}`));

        fs.rmSync(path.join(media, "a"), { recursive: true });
        fs.writeFileSync(path.join(media, "stray"), "gone after the restore");
        const envFile = path.join(bundle.dir, ".env");
        fs.writeFileSync(
          envFile,
          fs.readFileSync(envFile, "utf8").replace(/^POSTGRES_DB=.*$/m, `POSTGRES_DB=${fresh}`),
        );
        fs.writeFileSync(log, "");
        const restore = runScript(bundle.dir, "restore.sh", [path.join(work, `backups_${id}`, folder)], env);
        expect(restore.stderr).toBe("");
        expect(restore.status).toBe(0);

        expect(pg.sql("SELECT count(*), sum((v->>'i')::int) FROM t", { user: "mathesar", database: fresh })).toBe(
          "50|1275",
        );
        expect(fs.readdirSync(media).sort()).toEqual(["a"]);
        expect(fs.readFileSync(path.join(media, "a", "upload.csv"), "utf8")).toBe("x,y\n1,2\n");

        const commands = fs.readFileSync(log, "utf8").trim().split("\n");
        const stopped = commands.indexOf("compose stop mathesar");
        expect(stopped).toBe(0);
        expect(commands[commands.length - 1]).toBe("compose up -d");
        // Once stopped, the Mathesar service is only used through one-off containers.
        expect(commands.slice(stopped + 1).filter((c) => /^compose exec (-\S+ )*mathesar /.test(c))).toEqual([]);
        expect(
          commands.some((c) =>
            c.includes(
              "pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error",
            ),
          ),
        ).toBe(true);
      } finally {
        bundle.remove();
      }
    });
  },
);
