/**
 * The first-admin bootstrap, run for real: the exact shell line App Platform runs, with Debian's Django
 * and psycopg, against a real PostgreSQL server, in a stand-in project shaped like Mathesar (same
 * settings module path, same kind of user model). It proves the grant step is needed on PostgreSQL 15+,
 * that the admin is created once, that concurrent runs are safe, and that re-runs change nothing.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { adminBootstrapShellCommand } from "../../modules/mathesar";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";

const DEBIAN_PYTHON = "/usr/bin/python3";
const available =
  postgresBinDir() !== undefined && hasTool(DEBIAN_PYTHON, ["-c", "import django, psycopg, psycopg2"]) && hasTool("runuser", ["--version"]);

let pg: TestPostgres;
let project: string;
let binDir: string;

function bootstrapEnv(database: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${binDir}:/usr/bin:/bin`,
    SECRET_KEY: "k".repeat(40) + "0123456789abcdef",
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
  pg.sql("SELECT username FROM mathesar_user WHERE is_superuser ORDER BY username", { database }).split("\n").filter(Boolean);

describeWithTool("PostgreSQL server and Debian's python3-django/psycopg", available, "admin bootstrap against a real PostgreSQL", () => {
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

  test("without the grant step, Mathesar's role cannot create its tables (PostgreSQL 15+ public schema)", () => {
    createCloudDatabase("no_grant");
    const result = runBootstrap(bootstrapEnv("no_grant", { MATHESAR_DB_ADMIN_USER: "" }));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/permission denied for schema public/);
  });

  test("with the grant step, migrates and creates exactly one superuser with the given password", () => {
    createCloudDatabase("fresh");
    const result = runBootstrap(bootstrapEnv("fresh"));
    expect(result.output).toContain("created admin admin");
    expect(result.status).toBe(0);
    expect(superusers("fresh")).toEqual(["admin"]);
    const check = spawnSync(
      DEBIAN_PYTHON,
      ["-c", "import django; django.setup(); from django.contrib.auth import get_user_model; print(get_user_model().objects.get(username='admin').check_password('first-password-1'))"],
      { cwd: project, env: { ...bootstrapEnv("fresh"), DJANGO_SETTINGS_MODULE: "config.settings.production" }, encoding: "utf8" },
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
        const child = spawn("sh", ["-c", adminBootstrapShellCommand()], { cwd: project, env: bootstrapEnv("race", { POSTGRES_USER: "mathesar_race" }), stdio: "ignore" });
        child.on("exit", resolve);
      });
    const statuses = await Promise.all([start(), start(), start()]);
    expect(statuses).toEqual([0, 0, 0]);
    expect(superusers("race")).toEqual(["admin"]);
    // The role the bootstrap created gets no more than it needs.
    expect(pg.sql("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = 'mathesar_race'")).toBe("f|f|f|f");
  });

  test("refuses a weak SECRET_KEY before touching the database", () => {
    createCloudDatabase("weak_key");
    const result = runBootstrap(bootstrapEnv("weak_key", { SECRET_KEY: "changeme" }));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("SECRET_KEY must be at least 50 random characters");
    expect(pg.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", { database: "weak_key" })).toBe("0");
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
    expect(pg.sql("SELECT rolcanlogin, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = 'mathesar_rds'")).toBe("t|f|f");
    expect(pg.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'mathesar_user'", { database: "rds_like" })).toBe("mathesar_rds");
  });

  test("with no admin requested, only migrates", () => {
    createCloudDatabase("no_admin");
    const result = runBootstrap(bootstrapEnv("no_admin", { DJANGO_SUPERUSER_USERNAME: "" }));
    expect(result.status).toBe(0);
    expect(result.output).toContain("no admin requested");
    expect(superusers("no_admin")).toEqual([]);
  });
});
