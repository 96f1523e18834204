/**
 * The first-admin bootstrap, run for real: the exact shell line App Platform runs, with Debian's Django
 * and psycopg, against a real PostgreSQL server, in a stand-in project shaped like Mathesar (same
 * settings module path, same kind of user model). It proves the grant step is needed on PostgreSQL 15+,
 * that the admin is created once, that concurrent runs are safe, and that re-runs change nothing.
 */
import { spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  ADMIN_BOOTSTRAP_SCRIPT,
  SECRET_KEY_CHECK_PYTHON,
  adminBootstrapShellCommand,
  secretKeyProblem,
} from "../../modules/mathesar";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";

const DEBIAN_PYTHON = "/usr/bin/python3";
const available =
  postgresBinDir() !== undefined &&
  hasTool(DEBIAN_PYTHON, ["-c", "import django, psycopg, psycopg2"]) &&
  hasTool("runuser", ["--version"]);

let pg: TestPostgres;
let project: string;
let binDir: string;

function bootstrapEnv(database: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${binDir}:/usr/bin:/bin`,
    SECRET_KEY: randomBytes(32).toString("hex"),
    POSTGRES_HOST: pg.host,
    POSTGRES_PORT: String(pg.port),
    POSTGRES_DB: database,
    POSTGRES_USER: "mathesar",
    POSTGRES_PASSWORD: "unused-with-trust-auth",
    POSTGRES_SSLMODE: "disable",
    DJANGO_SUPERUSER_USERNAME: "admin",
    DJANGO_SUPERUSER_EMAIL: "admin@example.org",
    DJANGO_SUPERUSER_PASSWORD: "first-password-1",
    MATHESAR_DB_ADMIN_USER: "doadmin",
    MATHESAR_DB_ADMIN_PASSWORD: "unused-with-trust-auth",
    ...extra,
  };
}

function runBootstrap(env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const result = spawnSync("sh", ["-c", adminBootstrapShellCommand()], { cwd: project, env, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A database created the way a managed cloud does it: by its admin role, owner of `public`. */
function createCloudDatabase(name: string): void {
  pg.sql(`CREATE DATABASE ${name}`, { user: "doadmin" });
}

const superusers = (database: string) =>
  pg
    .sql("SELECT username FROM mathesar_user WHERE is_superuser ORDER BY username", { database })
    .split("\n")
    .filter(Boolean);

describeWithTool(
  "PostgreSQL server and Debian's python3-django/psycopg",
  available,
  "admin bootstrap against a real PostgreSQL",
  () => {
    beforeAll(() => {
      pg = startPostgres();
      // DigitalOcean-like roles: an admin with CREATEDB/CREATEROLE (not a superuser) and Mathesar's role.
      pg.sql("CREATE ROLE doadmin LOGIN CREATEDB CREATEROLE");
      pg.sql("CREATE ROLE mathesar LOGIN", { user: "doadmin", database: "postgres" });
      project = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mathesar-"));
      fs.cpSync(path.join(__dirname, "fixtures", "fake-mathesar"), project, { recursive: true });
      binDir = fs.mkdtempSync(path.join(os.tmpdir(), "python-bin-"));
      fs.symlinkSync(DEBIAN_PYTHON, path.join(binDir, "python"));
    });
    afterAll(() => {
      pg?.stop();
      for (const dir of [project, binDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test("without the grant step, a role that may create neither tables in public nor schemas is stopped with what to grant", () => {
      createCloudDatabase("no_grant");
      const result = runBootstrap(bootstrapEnv("no_grant", { MATHESAR_DB_ADMIN_USER: "" }));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(
        "mathesar-bootstrap: role mathesar may not create tables in schema public of database no_grant",
      );
      expect(result.output).toContain("GRANT USAGE, CREATE ON SCHEMA public TO mathesar");
      expect(pg.sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'mathesar'", { database: "no_grant" })).toBe(
        "0",
      );
    });

    test("a dev-database user (not the owner, no CREATE on public, PostgreSQL 15) gets its own schema and migrates", () => {
      // As on a managed "dev database": the database belongs to the admin; its user may create schemas only.
      pg.sql("CREATE ROLE devuser LOGIN", { user: "doadmin" });
      createCloudDatabase("devdb");
      pg.sql("GRANT CONNECT, CREATE ON DATABASE devdb TO devuser", { user: "doadmin", database: "devdb" });
      expect(pg.sql("SELECT has_schema_privilege('devuser', 'public', 'CREATE')", { database: "devdb" })).toBe("f");
      const env = bootstrapEnv("devdb", { MATHESAR_DB_ADMIN_USER: "", POSTGRES_USER: "devuser" });
      const result = runBootstrap(env);
      expect(result.output).toContain("using its own schema devuser");
      expect(result.status).toBe(0);
      expect(pg.sql("SELECT schemaname FROM pg_tables WHERE tablename = 'mathesar_user'", { database: "devdb" })).toBe(
        "devuser",
      );
      expect(
        pg.sql("SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'devuser'", { database: "devdb" }),
      ).toBe("devuser");
      // The web service connects the same way and finds the tables; a second run changes nothing.
      const again = runBootstrap({ ...env, DJANGO_SUPERUSER_PASSWORD: "another-password-2" });
      expect(again.status).toBe(0);
      expect(again.output).toContain("an admin already exists, left unchanged");
      expect(
        pg.sql("SELECT string_agg(username, ',') FROM devuser.mathesar_user WHERE is_superuser", { database: "devdb" }),
      ).toBe("admin");
    });

    test("with the grant step, migrates and creates exactly one superuser with the given password", () => {
      createCloudDatabase("fresh");
      const result = runBootstrap(bootstrapEnv("fresh"));
      expect(result.output).toContain("created admin admin");
      expect(result.status).toBe(0);
      expect(superusers("fresh")).toEqual(["admin"]);
      // What the admin step grants: tables in public, never schemas (no CREATE on the database).
      expect(
        pg.sql(
          "SELECT has_database_privilege('mathesar', 'fresh', 'CONNECT'), has_database_privilege('mathesar', " +
            "'fresh', 'CREATE'), has_schema_privilege('mathesar', 'public', 'CREATE')",
          { database: "fresh" },
        ),
      ).toBe("t|f|t");
      const check = spawnSync(
        DEBIAN_PYTHON,
        [
          "-c",
          "import django; django.setup(); from django.contrib.auth import get_user_model; " +
            "print(get_user_model().objects.get(username='admin').check_password('first-password-1'))",
        ],
        {
          cwd: project,
          env: { ...bootstrapEnv("fresh"), DJANGO_SETTINGS_MODULE: "config.settings.production" },
          encoding: "utf8",
        },
      );
      expect(check.stdout.trim()).toBe("True");
    });

    test("a second run changes nothing: the admin keeps its password", () => {
      const result = runBootstrap(bootstrapEnv("fresh", { DJANGO_SUPERUSER_PASSWORD: "another-password-2" }));
      expect(result.status).toBe(0);
      expect(result.output).toContain("an admin already exists, left unchanged");
      const hash = pg.sql("SELECT password FROM mathesar_user WHERE username = 'admin'", { database: "fresh" });
      const again = runBootstrap(bootstrapEnv("fresh", { DJANGO_SUPERUSER_PASSWORD: "third-password-3" }));
      expect(again.status).toBe(0);
      expect(pg.sql("SELECT password FROM mathesar_user WHERE username = 'admin'", { database: "fresh" })).toBe(hash);
    });

    test("three runs started at once all succeed, creating one role and one admin (advisory lock)", async () => {
      createCloudDatabase("race");
      const start = () =>
        new Promise<number | null>((resolve) => {
          // A role that does not exist yet: the runs also race to create it.
          const child = spawn("sh", ["-c", adminBootstrapShellCommand()], {
            cwd: project,
            env: bootstrapEnv("race", { POSTGRES_USER: "mathesar_race" }),
            stdio: "ignore",
          });
          child.on("exit", resolve);
        });
      const statuses = await Promise.all([start(), start(), start()]);
      expect(statuses).toEqual([0, 0, 0]);
      expect(superusers("race")).toEqual(["admin"]);
      // The role the bootstrap created gets no more than it needs.
      expect(
        pg.sql(
          "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = 'mathesar_race'",
        ),
      ).toBe("f|f|f|f");
    });

    test.each([
      ["changeme", "fewer than 50"],
      ["abcde".repeat(12), "distinct characters"],
      ["REPLACE-WITH-A-RANDOM-50+-CHARACTER-SECRET-KEY-FROM-OPENSSL-RAND-HEX-32", "like a placeholder"],
    ])("refuses a weak SECRET_KEY (%s) before touching the database", (key, reason) => {
      const database = `weak_key_${key.length}`;
      createCloudDatabase(database);
      const result = runBootstrap(bootstrapEnv(database, { SECRET_KEY: key }));
      expect(result.status).not.toBe(0);
      // The first words stay as the targets' troubleshooting sections quote them; the reason follows.
      expect(result.output).toContain(
        "mathesar-bootstrap: SECRET_KEY must be at least 50 random characters; refusing to start (",
      );
      expect(result.output).toContain(reason);
      expect(pg.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", { database })).toBe("0");
    });

    test("refuses an admin password left as a placeholder, however long", () => {
      createCloudDatabase("placeholder_admin");
      const result = runBootstrap(
        bootstrapEnv("placeholder_admin", { DJANGO_SUPERUSER_PASSWORD: "REPLACE-ME-with-a-long-password" }),
      );
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("DJANGO_SUPERUSER_PASSWORD is still a placeholder");
    });

    test("refuses a short admin password", () => {
      createCloudDatabase("weak_admin");
      const result = runBootstrap(bootstrapEnv("weak_admin", { DJANGO_SUPERUSER_PASSWORD: "short" }));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("DJANGO_SUPERUSER_PASSWORD must be at least 12 characters");
    });

    test("creates Mathesar's role when the server has only its admin (RDS), with the given password", () => {
      pg.sql("CREATE DATABASE rds_like", { user: "doadmin" });
      const result = runBootstrap(bootstrapEnv("rds_like", { POSTGRES_USER: "mathesar_rds" }));
      expect(result.output).toContain("created role mathesar_rds");
      expect(result.status).toBe(0);
      expect(pg.sql("SELECT rolcanlogin, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = 'mathesar_rds'")).toBe(
        "t|f|f",
      );
      expect(
        pg.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'mathesar_user'", { database: "rds_like" }),
      ).toBe("mathesar_rds");
    });

    test("never creates Mathesar's login role without a password", () => {
      pg.sql("CREATE DATABASE no_password", { user: "doadmin" });
      const result = runBootstrap(
        bootstrapEnv("no_password", { POSTGRES_USER: "mathesar_nopass", POSTGRES_PASSWORD: "" }),
      );
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(
        "mathesar-bootstrap: POSTGRES_PASSWORD is empty: refusing to create login role mathesar_nopass without a password",
      );
      expect(pg.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'mathesar_nopass'")).toBe("0");
    });

    test("with no admin requested, only migrates", () => {
      createCloudDatabase("no_admin");
      const result = runBootstrap(bootstrapEnv("no_admin", { DJANGO_SUPERUSER_USERNAME: "" }));
      expect(result.status).toBe(0);
      expect(result.output).toContain("no admin requested");
      expect(superusers("no_admin")).toEqual([]);
    });
  },
);

/** Keys the rule must accept and refuse, judged by the TypeScript and the Python version alike. */
describeWithTool(
  "Debian's python3 and Django",
  hasTool(DEBIAN_PYTHON, ["-c", "import django"]),
  "the SECRET_KEY rule",
  () => {
    const djangoKeys = spawnSync(
      DEBIAN_PYTHON,
      ["-c", "from django.core.management.utils import get_random_secret_key as g\nfor _ in range(200): print(g())"],
      { encoding: "utf8" },
    )
      .stdout.split("\n")
      .filter(Boolean);
    const good = [
      ...djangoKeys,
      ...Array.from({ length: 200 }, () => randomBytes(32).toString("hex")),
      ...Array.from({ length: 200 }, () => randomBytes(48).toString("base64")),
    ];
    const bad = [
      "",
      "abcde".repeat(10),
      "abcde".repeat(40),
      "k".repeat(40) + "0123456789abcdef",
      "abcdefghijklmnop".repeat(4),
      "0123456789abcdefghijklmnopqrstuvwxyz".repeat(2),
      "change-me-".repeat(6),
      "REPLACE-WITH-A-RANDOM-50+-CHARACTER-SECRET-KEY",
      "REPLACE-WITH-A-RANDOM-50+-CHARACTER-SECRET-KEY-FROM-OPENSSL-RAND-HEX-32",
      "please-put-your-own-django-secret-key-here-before-deploying-it",
      "example-key-do-not-use-in-production-1234567890-abcdefghijk",
    ];
    /** The Python rule, exactly as the bootstrap embeds it, over many keys at once. */
    function pythonVerdicts(keys: string[]): (string | null)[] {
      const program = `${SECRET_KEY_CHECK_PYTHON}\nimport json, sys\nprint(json.dumps([secret_key_problem(k) for k in json.load(sys.stdin)]))`;
      const result = spawnSync(DEBIAN_PYTHON, ["-c", program], { input: JSON.stringify(keys), encoding: "utf8" });
      return JSON.parse(result.stdout);
    }

    test("the bootstrap embeds the rule it is tested with", () => {
      expect(ADMIN_BOOTSTRAP_SCRIPT).toContain(SECRET_KEY_CHECK_PYTHON);
    });

    test("Django's get_random_secret_key() and 64-character hex or base64 random values pass, in both languages", () => {
      expect(djangoKeys).toHaveLength(200);
      expect(good.filter((key) => secretKeyProblem(key) !== undefined)).toEqual([]);
      expect(pythonVerdicts(good).filter((verdict) => verdict !== null)).toEqual([]);
    });

    test("short, repetitive, low-variety and placeholder keys fail, in both languages, for the same reason", () => {
      const ts = bad.map((key) => secretKeyProblem(key));
      expect(ts.filter((problem) => problem === undefined)).toEqual([]);
      expect(pythonVerdicts(bad)).toEqual(ts);
    });
  },
);
