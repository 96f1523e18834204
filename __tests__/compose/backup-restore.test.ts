/**
 * backup.sh and restore.sh, run for real against a real PostgreSQL server (the throwaway server of
 * __tests__/support/postgres.ts) with MATHESAR_BACKUP_LOCAL=1: the scripts run pg_dump, pg_restore and tar on
 * this host, exactly the commands they run inside the containers otherwise (no Docker daemon here). The
 * uploads volume is a folder. A backup of an internal database with Mathesar-like tables (sequences, JSON,
 * bytea, a foreign key, a view) and of an uploads folder is restored into a FRESH database and an emptied
 * folder, and both are compared with the originals.
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BACKUP_FILES } from "../../modules/compose";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";
import { parseEnvFile, runScript, writeBundle, type WrittenBundle } from "./support";

const available =
  postgresBinDir() !== undefined && hasTool("psql") && hasTool("pg_dump") && hasTool("runuser", ["--version"]);

/** Every file under `dir` (relative path → SHA-256), folders included as entries. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        out[`${child}/`] = "dir";
        walk(child);
      } else
        out[child] = crypto
          .createHash("sha256")
          .update(fs.readFileSync(path.join(dir, child)))
          .digest("hex");
    }
  };
  walk("");
  return out;
}

describeWithTool(
  "PostgreSQL server (pg_dump, pg_restore)",
  available,
  "backup.sh and restore.sh against a real PostgreSQL",
  () => {
    let pg: TestPostgres;
    let bundle: WrittenBundle;
    let media: string;
    let work: string;

    /** A plain-text dump of `database`, for comparison (pg_dump's random \restrict keys left out). */
    const plainDump = (database: string) => {
      const result = spawnSync(
        "pg_dump",
        ["--no-owner", "-h", pg.host, "-p", String(pg.port), "-U", "mathesar", "-d", database],
        {
          encoding: "utf8",
        },
      );
      if (result.status !== 0) throw new Error(result.stderr);
      return result.stdout
        .split("\n")
        .filter((line) => !/^\\(un)?restrict /.test(line))
        .join("\n");
    };
    const setEnv = (name: string, value: string) => {
      const file = path.join(bundle.dir, ".env");
      fs.writeFileSync(
        file,
        fs.readFileSync(file, "utf8").replace(new RegExp(`^${name}=.*$`, "m"), `${name}=${value}`),
      );
    };
    const scriptEnv = () => ({
      MATHESAR_BACKUP_LOCAL: "1",
      MATHESAR_MEDIA_DIR: media,
      PGHOST: pg.host,
      PGPORT: String(pg.port),
    });

    beforeAll(() => {
      pg = startPostgres();
      work = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-backup-"));
      media = path.join(work, "media");
      fs.mkdirSync(path.join(media, "uploads", "2026", "with space"), { recursive: true });
      fs.writeFileSync(path.join(media, "uploads", "2026", "people.csv"), "id,name\n1,Ada\n2,Grace\n");
      fs.writeFileSync(path.join(media, "uploads", "2026", "with space", "b.bin"), crypto.randomBytes(70000));
      fs.writeFileSync(path.join(media, ".hidden"), "kept too\n");
      pg.sql(
        "CREATE ROLE mathesar LOGIN; CREATE DATABASE mathesar_django OWNER mathesar; CREATE DATABASE mathesar_restored OWNER mathesar;",
      );
      pg.sql(
        `CREATE TABLE mathesar_user (id serial PRIMARY KEY, username varchar(63) UNIQUE NOT NULL, settings jsonb, avatar bytea, joined timestamptz DEFAULT now());
       CREATE TABLE mathesar_database (id bigserial PRIMARY KEY, owner_id int REFERENCES mathesar_user(id) ON DELETE CASCADE, encrypted_password text);
       CREATE INDEX ON mathesar_database (owner_id);
       CREATE VIEW admins AS SELECT username FROM mathesar_user WHERE settings->>'admin' = 'true';
       INSERT INTO mathesar_user (username, settings, avatar) SELECT 'user' || i, jsonb_build_object('admin', i = 1, 'n', i), decode(md5(i::text), 'hex') FROM generate_series(1, 500) i;
       INSERT INTO mathesar_database (owner_id, encrypted_password) SELECT 1 + i % 500, md5(i::text) FROM generate_series(1, 1000) i;
       DELETE FROM mathesar_user WHERE id > 490;
       SELECT setval('mathesar_database_id_seq', 5000);`,
        { user: "mathesar", database: "mathesar_django" },
      );
      bundle = writeBundle();
      expect(runScript(bundle.dir, "generate-secrets.sh").status).toBe(0);
      setEnv("DOMAIN_NAME", "data.example.org");
    });

    afterAll(() => {
      pg?.stop();
      bundle?.remove();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    test("backs up the internal database, the uploads and .env; restores them into a fresh database", () => {
      const original = { dump: plainDump("mathesar_django"), media: tree(media) };
      expect(Object.keys(original.media)).toHaveLength(6);

      const backup = runScript(bundle.dir, "backup.sh", [path.join(work, "backups")], scriptEnv());
      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
      const [folder] = fs.readdirSync(path.join(work, "backups"));
      const target = path.join(work, "backups", folder);
      expect(folder).toMatch(/^mathesar-\d{8}T\d{6}Z$/);
      expect(fs.readdirSync(target).sort()).toEqual(Object.values(BACKUP_FILES).sort());
      expect(fs.statSync(target).mode & 0o777).toBe(0o700);
      expect(parseEnvFile(fs.readFileSync(path.join(target, "env"), "utf8")).SECRET_KEY).toBe(
        parseEnvFile(fs.readFileSync(path.join(bundle.dir, ".env"), "utf8")).SECRET_KEY,
      );

      // The host is lost: the uploads folder is replaced by an empty one with a stray file, and Mathesar points
      // at an empty database.
      fs.rmSync(media, { recursive: true });
      fs.mkdirSync(media);
      fs.writeFileSync(path.join(media, "stray.txt"), "not in the backup");
      setEnv("POSTGRES_DB", "mathesar_restored");
      expect(plainDump("mathesar_restored")).not.toContain("mathesar_user");

      const restore = runScript(bundle.dir, "restore.sh", [target], scriptEnv());
      expect(restore.stderr).toBe("");
      expect(restore.status).toBe(0);
      expect(plainDump("mathesar_restored")).toBe(original.dump);
      expect(tree(media)).toEqual(original.media);
      expect(
        pg.sql("SELECT count(*), max(id) FROM mathesar_user", { user: "mathesar", database: "mathesar_restored" }),
      ).toBe("490|490");
      expect(
        pg.sql("SELECT nextval('mathesar_database_id_seq')", { user: "mathesar", database: "mathesar_restored" }),
      ).toBe("5001");

      // Restoring the same backup again over the restored database gives the same result (--clean --if-exists).
      expect(runScript(bundle.dir, "restore.sh", [target], scriptEnv()).status).toBe(0);
      expect(plainDump("mathesar_restored")).toBe(original.dump);
    });

    test("refuses a backup whose SECRET_KEY differs from .env (saved passwords would be unreadable)", () => {
      const [folder] = fs.readdirSync(path.join(work, "backups"));
      const target = path.join(work, "backups", folder);
      const saved = fs.readFileSync(path.join(bundle.dir, ".env"), "utf8");
      try {
        setEnv("SECRET_KEY", "a".repeat(64));
        const result = runScript(bundle.dir, "restore.sh", [target], scriptEnv());
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/the backup's SECRET_KEY differs from the one in \.env/);
      } finally {
        fs.writeFileSync(path.join(bundle.dir, ".env"), saved);
      }
    });

    test("refuses a damaged backup before touching anything", () => {
      const [folder] = fs.readdirSync(path.join(work, "backups"));
      const damaged = path.join(work, "damaged");
      fs.cpSync(path.join(work, "backups", folder), damaged, { recursive: true });
      fs.appendFileSync(path.join(damaged, BACKUP_FILES.database), "x");
      const before = pg.sql("SELECT count(*) FROM mathesar_user", { user: "mathesar", database: "mathesar_restored" });
      const result = runScript(bundle.dir, "restore.sh", [damaged], scriptEnv());
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/is incomplete or damaged/);
      expect(pg.sql("SELECT count(*) FROM mathesar_user", { user: "mathesar", database: "mathesar_restored" })).toBe(
        before,
      );
    });

    test("MATHESAR_BACKUP_LOCAL=1 without MATHESAR_MEDIA_DIR is refused", () => {
      const result = runScript(bundle.dir, "backup.sh", [path.join(work, "x")], {
        ...scriptEnv(),
        MATHESAR_MEDIA_DIR: "",
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/needs MATHESAR_MEDIA_DIR/);
    });
  },
);
