/**
 * Mathesar's REAL installer against the documented setups, when a copy of Mathesar's git history is at
 * hand: set MATHESAR_GIT_DIR to a clone of github.com/mathesar-foundation/mathesar (bare or not). The SQL
 * is read from that clone at test time (tag MATHESAR_SQL_TAG, default 0.11.0), in the order its
 * db/sql/install.py lists, and sent in one transaction as install.py does; nothing of it is stored here.
 * Without the clone this tier is skipped, loudly: the stand-in (fixtures/mathesar-install-standin.sql)
 * covers the same privileges in every run.
 *
 * What it pins, with the real SQL: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the
 * schemas exist (so pre-created schemas cannot replace it); the install window and the Supabase path
 * (install as postgres) both work, at install and at upgrade.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { SUPABASE_DB, startSupabaseLike } from "../support/supabase-layout";
import { SKIP_MARK, hasTool } from "../support/tools";
import { runSqlFile } from "./psql-file";

const GIT_DIR = process.env.MATHESAR_GIT_DIR ?? "";
const TAG = process.env.MATHESAR_SQL_TAG ?? "0.11.0";
const serverAvailable = postgresBinDir() !== undefined && hasTool("psql") && hasTool("runuser", ["--version"]);

const git = (...args: string[]) =>
  spawnSync("git", ["--git-dir", resolveGitDir(GIT_DIR), ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** A bare clone is its own git dir; a work tree has .git inside. */
function resolveGitDir(dir: string): string {
  return fs.existsSync(path.join(dir, ".git")) ? path.join(dir, ".git") : dir;
}

/** The installer's SQL, in install.py's order, as one transaction in a private temporary file. */
function realInstaller(): string {
  const installPy = git("show", `${TAG}:db/sql/install.py`);
  if (installPy.status !== 0)
    throw new Error(`cannot read db/sql/install.py at ${TAG} from ${GIT_DIR}: ${installPy.stderr}`);
  const steps = [...installPy.stdout.matchAll(/_install_sql_file\("([0-9][^"]*\.sql)"\)/g)].map((m) => m[1]);
  // install.py names its files twice (install, then uninstall): keep the INSTALL_STEPS list.
  const installSteps = steps.slice(0, steps.indexOf("50_msar_permissions.sql") + 1);
  if (installSteps.length < 5) throw new Error(`unexpected INSTALL_STEPS in install.py at ${TAG}: ${steps.join(", ")}`);
  const parts = installSteps.map((file) => {
    const shown = git("show", `${TAG}:db/sql/${file}`);
    if (shown.status !== 0) throw new Error(`cannot read db/sql/${file} at ${TAG}: ${shown.stderr}`);
    return shown.stdout;
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-real-install-"));
  fs.chmodSync(folder, 0o755);
  const file = path.join(folder, "install.sql");
  fs.writeFileSync(
    file,
    [
      "\\set ON_ERROR_STOP on",
      "\\set QUIET on",
      "SET client_min_messages = warning;",
      "BEGIN;",
      ...parts,
      "COMMIT;",
      "",
    ].join("\n"),
  );
  fs.chmodSync(file, 0o644);
  return file;
}

const available = serverAvailable && GIT_DIR !== "" && git("rev-parse", "--verify", `${TAG}^{commit}`).status === 0;
const title = "Mathesar's real installer against the documented setups";
const skipReason = !serverAvailable
  ? "PostgreSQL server and psql are not installed (apt-get install postgresql)"
  : `MATHESAR_GIT_DIR does not point at a clone of mathesar-foundation/mathesar holding tag ${TAG}; to ` +
    `run it, git clone https://github.com/mathesar-foundation/mathesar and set MATHESAR_GIT_DIR to it`;
if (!available) {
  console.warn(`SKIPPED "${title}": ${skipReason}`);
}
(available ? describe : describe.skip)(available ? title : `${title} ${SKIP_MARK}${skipReason}]`, () => {
  let installer: string;
  beforeAll(() => {
    installer = realInstaller();
  });
  afterAll(() => fs.rmSync(path.dirname(installer), { recursive: true, force: true }));

  describe("on a Supabase-like server, installed as postgres (docs/supabase.md)", () => {
    let pg: TestPostgres;
    beforeAll(() => {
      pg = startSupabaseLike();
      pg.sql("CREATE ROLE mathesar_connector LOGIN PASSWORD 'connector-password-1'", { user: "postgres" });
      expect(
        runSqlFile(pg, "user-database.sql", {
          user: "postgres",
          database: SUPABASE_DB,
          variables: { role: "mathesar_connector" },
        }).status,
      ).toBe(0);
    });
    afterAll(() => pg?.stop());

    test("as the connector it fails on its first CREATE SCHEMA IF NOT EXISTS", () => {
      const result = runSqlFile(pg, installer, { user: "mathesar_connector", database: SUPABASE_DB });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("permission denied for database postgres");
    });

    test("as postgres it succeeds at install and again at upgrade; the connector then uses it but cannot drop its types", () => {
      for (let run = 0; run < 2; run++) {
        const result = runSqlFile(pg, installer, { user: "postgres", database: SUPABASE_DB });
        expect(result.output).not.toMatch(/ERROR/);
        expect(result.status).toBe(0);
      }
      expect(
        pg.sql("SELECT msar.mathesar_system_schemas()::text", { user: "mathesar_connector", database: SUPABASE_DB }),
      ).toBe("{msar,__msar,mathesar_types}");
      expect(
        pg.sql(
          "SELECT count(*) FROM pg_proc WHERE prosecdef AND pronamespace::regnamespace::text IN ('msar', '__msar', 'mathesar_types')",
          { database: SUPABASE_DB },
        ),
      ).toBe("0");
      expect(
        pg.trySql("DROP DOMAIN mathesar_types.uri CASCADE", { user: "mathesar_connector", database: SUPABASE_DB })
          .error,
      ).toContain("must be owner of type");
    });
  });

  describe("on a server whose admin owns the database, through the install window (docs/existing-database.md)", () => {
    let pg: TestPostgres;
    const asAdmin = (variables: Record<string, string>) =>
      runSqlFile(pg, "user-database.sql", { user: "dbadmin", database: "sales", variables });
    beforeAll(() => {
      pg = startPostgres();
      pg.sql("CREATE ROLE dbadmin LOGIN CREATEDB CREATEROLE");
      pg.sql("CREATE DATABASE sales", { user: "dbadmin" });
    });
    afterAll(() => pg?.stop());

    test("window open: installs; window closed: an upgrade fails; open again: the upgrade succeeds", () => {
      expect(asAdmin({ role: "mathesar_sales", password: "sales-password-1", install: "on" }).status).toBe(0);
      expect(runSqlFile(pg, installer, { user: "mathesar_sales", database: "sales" }).status).toBe(0);
      expect(asAdmin({ role: "mathesar_sales" }).status).toBe(0);
      const closed = runSqlFile(pg, installer, { user: "mathesar_sales", database: "sales" });
      expect(closed.status).not.toBe(0);
      expect(closed.output).toContain("permission denied for database sales");
      expect(asAdmin({ role: "mathesar_sales", install: "on" }).status).toBe(0);
      expect(runSqlFile(pg, installer, { user: "mathesar_sales", database: "sales" }).status).toBe(0);
      expect(asAdmin({ role: "mathesar_sales" }).status).toBe(0);
      expect(pg.sql("SELECT has_database_privilege('mathesar_sales', 'sales', 'CREATE')")).toBe("f");
    });

    test("schemas pre-created for the role do not replace CREATE on the database", () => {
      pg.sql("CREATE ROLE mathesar_pre LOGIN; GRANT mathesar_pre TO dbadmin;");
      pg.sql("CREATE DATABASE pre", { user: "dbadmin" });
      pg.sql(
        "CREATE SCHEMA msar AUTHORIZATION mathesar_pre; CREATE SCHEMA __msar AUTHORIZATION mathesar_pre; " +
          "CREATE SCHEMA mathesar_types AUTHORIZATION mathesar_pre;",
        { user: "dbadmin", database: "pre" },
      );
      const result = runSqlFile(pg, installer, { user: "mathesar_pre", database: "pre" });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("permission denied for database pre");
    });
  });
});
