/**
 * The Deploy-button spec run against the real bootstrap: the pre-deploy job's exact command, with the
 * environment the generated `.do/deploy.template.yaml` gives it (prompted secrets left empty, or filled in as
 * the docs say), Debian's Django and a stand-in project shaped like Mathesar.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { secretKeyProblem } from "../../modules/mathesar";
import { renderDeployTemplate } from "../../stacks/digitalocean/deploy-template-file";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";

const DEBIAN_PYTHON = "/usr/bin/python3";
const FIXTURE = path.join(__dirname, "..", "mathesar", "fixtures", "fake-mathesar");
const available = hasTool(DEBIAN_PYTHON, ["-c", "import django, psycopg"]) && fs.existsSync(FIXTURE);
const GOOD_KEY = "Zq8vR2mLx4Tn7Wb1Kc9Hd3Fg6Js0Ap5Ye8Uo2Ii4Ml7Nk1Bv3Cx9";

test("the bootstrap's SECRET_KEY rule refuses the template's empty key, and accepts a random key", () => {
  const key = (parse(renderDeployTemplate()).spec.envs as Env[]).find((e) => e.key === "SECRET_KEY");
  expect(key?.value).toBe("");
  expect(secretKeyProblem(key?.value ?? "")).toMatch(/0 characters/);
  expect(secretKeyProblem(GOOD_KEY)).toBeUndefined();
});

type Env = { key: string; value?: string };
let project: string;
let binDir: string;

/** The job's environment as the template sets it (database bindings pointed at nothing: the checks come first). */
function templateJobEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const spec = parse(renderDeployTemplate()).spec;
  const env: Record<string, string> = {};
  for (const e of [...spec.envs, ...spec.jobs[0].envs] as Env[]) env[e.key] = e.value ?? "";
  return {
    ...env,
    POSTGRES_HOST: "127.0.0.1",
    POSTGRES_PORT: "1",
    POSTGRES_DB: "db",
    POSTGRES_USER: "db",
    POSTGRES_PASSWORD: "unused",
    PATH: `${binDir}:/usr/bin:/bin`,
    ...overrides,
  };
}

function runJob(env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const job = parse(renderDeployTemplate()).spec.jobs[0];
  const result = spawnSync("sh", ["-c", job.run_command], { cwd: project, env, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describeWithTool(
  "Debian's python3-django/psycopg",
  available,
  "the Deploy-button spec's empty secrets against the real bootstrap",
  () => {
    beforeAll(() => {
      project = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mathesar-"));
      fs.cpSync(FIXTURE, project, { recursive: true });
      binDir = fs.mkdtempSync(path.join(os.tmpdir(), "python-bin-"));
      fs.symlinkSync(DEBIAN_PYTHON, path.join(binDir, "python"));
    });
    afterAll(() => {
      for (const dir of [project, binDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test("left as generated (empty), SECRET_KEY fails the deployment before anything is written", () => {
      const result = runJob(templateJobEnv());
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("mathesar-bootstrap: SECRET_KEY must be at least 50 random characters");
      expect(result.output).toContain("it has 0 characters");
    });

    test("with a real key but the admin password left empty, the deployment fails too, naming the variable", () => {
      const result = runJob(templateJobEnv({ SECRET_KEY: GOOD_KEY }));
      expect(templateJobEnv({ SECRET_KEY: GOOD_KEY }).DJANGO_SUPERUSER_PASSWORD).toBe("");
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("mathesar-bootstrap: DJANGO_SUPERUSER_PASSWORD must be at least 12 characters");
    });

    test("with both filled in as docs/digitalocean.md says, the checks pass (the run then stops at the database)", () => {
      const result = runJob(templateJobEnv({ SECRET_KEY: GOOD_KEY, DJANGO_SUPERUSER_PASSWORD: "first-password-1" }));
      expect(result.output).not.toMatch(/mathesar-bootstrap: (SECRET_KEY|DJANGO_SUPERUSER_PASSWORD)/);
      expect(result.status).not.toBe(0); // port 1: nothing listens
    });
  },
);

/**
 * The spec's database choice against what the bootstrap supports: an App Platform dev database on
 * PostgreSQL 15 or newer, whose user does not own the database and so may not create tables in `public`,
 * and no grant step (the template has no admin credentials). Modelled on this machine's PostgreSQL server.
 */
describeWithTool(
  "PostgreSQL server and Debian's python3-django/psycopg",
  available && postgresBinDir() !== undefined && hasTool("runuser", ["--version"]),
  "the Deploy-button spec's dev database against the real bootstrap",
  () => {
    let pg: TestPostgres;
    const spec = () => parse(renderDeployTemplate()).spec;

    beforeAll(() => {
      pg = startPostgres();
      project = fs.mkdtempSync(path.join(os.tmpdir(), "fake-mathesar-"));
      fs.cpSync(FIXTURE, project, { recursive: true });
      binDir = fs.mkdtempSync(path.join(os.tmpdir(), "python-bin-"));
      fs.symlinkSync(DEBIAN_PYTHON, path.join(binDir, "python"));
      // The platform's admin owns the database; the app's user only connects (and, here, may create schemas).
      pg.sql("CREATE ROLE devadmin LOGIN CREATEDB CREATEROLE");
      pg.sql("CREATE ROLE db LOGIN");
      pg.sql("CREATE ROLE db_no_schema LOGIN");
    });
    afterAll(() => {
      pg?.stop();
      for (const dir of [project, binDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const env = (database: string, user: string) =>
      templateJobEnv({
        SECRET_KEY: GOOD_KEY,
        DJANGO_SUPERUSER_PASSWORD: "first-password-1",
        POSTGRES_HOST: pg.host,
        POSTGRES_PORT: String(pg.port),
        POSTGRES_DB: database,
        POSTGRES_USER: user,
        // A Unix socket here: no TLS (the template asks for require over DigitalOcean's network).
        POSTGRES_SSLMODE: "disable",
        PGSSLMODE: "disable",
      });

    test("the template uses a dev database on PostgreSQL 15+ without a grant step: the case the bootstrap must handle", () => {
      expect(Number(spec().databases[0].version)).toBeGreaterThanOrEqual(15);
      expect(pg.version).toBeGreaterThanOrEqual(15);
      const job = Object.fromEntries((spec().jobs[0].envs as Env[]).map((e) => [e.key, e.value]));
      expect(job.MATHESAR_DB_ADMIN_USER).toBe("");
    });

    test("a user that may not create in public but may create a schema: migrates into its own schema and creates the admin", () => {
      pg.sql("CREATE DATABASE devdb", { user: "devadmin" });
      pg.sql("GRANT CONNECT, CREATE ON DATABASE devdb TO db", { user: "devadmin" });
      expect(pg.sql("SELECT has_schema_privilege('db', 'public', 'CREATE')", { database: "devdb" })).toBe("f");
      const result = runJob(env("devdb", "db"));
      expect(result.output).toContain("using its own schema db");
      expect(result.status).toBe(0);
      expect(pg.sql("SELECT schemaname FROM pg_tables WHERE tablename = 'mathesar_user'", { database: "devdb" })).toBe(
        "db",
      );
      expect(pg.sql("SELECT username FROM db.mathesar_user WHERE is_superuser", { database: "devdb" })).toBe("admin");
    });

    test("a user that may do neither: the deployment fails with the grant to run, nothing written", () => {
      pg.sql("CREATE DATABASE devdb2", { user: "devadmin" });
      pg.sql("GRANT CONNECT ON DATABASE devdb2 TO db_no_schema", { user: "devadmin" });
      const result = runJob(env("devdb2", "db_no_schema"));
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("GRANT USAGE, CREATE ON SCHEMA public TO db_no_schema");
      expect(pg.sql("SELECT count(*) FROM pg_tables WHERE tableowner = 'db_no_schema'", { database: "devdb2" })).toBe(
        "0",
      );
    });
  },
);
