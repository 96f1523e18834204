/**
 * sql/user-database.sql, run for real with psql against a real PostgreSQL server, by a non-superuser
 * admin (like Supabase's `postgres`) on a database shaped like an app's: a plain table, a private
 * schema, a table protected by row-level security, and one whose policies name other roles (as
 * Supabase's `TO authenticated` policies do). It proves that the connector role can install Mathesar's
 * schemas while the install window is open (install=on), that a run without it takes that back, and
 * that the role uses what it was granted and nothing more: no other schema, no row that RLS hides, no
 * way to switch RLS off, no ALTER or DROP of tables it does not own, no privilege escalation.
 * Mathesar's installer is played by fixtures/mathesar-install-standin.sql (same privileges asked).
 */
import * as path from "path";
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";
import { FIXTURE_DIR, PsqlResult, runSqlFile } from "./psql-file";

const INSTALL = path.join(FIXTURE_DIR, "mathesar-install-standin.sql");

const FILE = "user-database.sql";
const DB = "appdb";
const available = postgresBinDir() !== undefined && hasTool("psql") && hasTool("runuser", ["--version"]);

let pg: TestPostgres;
let firstRun: PsqlResult;

/** Runs the file as the app's admin, connected to the app's database. */
const runAsAdmin = (variables: Record<string, string>) =>
  runSqlFile(pg, FILE, { user: "dbadmin", database: DB, variables });
const asConnector = (statement: string) => pg.trySql(statement, { user: "mathesar_connector", database: DB });
const queryAsConnector = (statement: string) => pg.sql(statement, { user: "mathesar_connector", database: DB });
/** Every privilege list the file could touch, to compare two runs. */
const privileges = () =>
  [
    pg.sql(`SELECT datacl FROM pg_database WHERE datname = '${DB}'`),
    pg.sql("SELECT nspname, nspacl FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY 1", { database: DB }),
    pg.sql(
      "SELECT oid::regclass, relacl, relowner::regrole FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1",
      { database: DB },
    ),
    pg.sql(
      "SELECT rolname, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolpassword FROM pg_authid WHERE rolname LIKE 'mathesar%' ORDER BY 1",
    ),
  ].join("\n");

describeWithTool("PostgreSQL server and psql", available, "sql/user-database.sql against a real PostgreSQL", () => {
  beforeAll(() => {
    pg = startPostgres();
    // Supabase-like: the project's admin is not a superuser; `authenticated` is the role its policies name.
    pg.sql("CREATE ROLE dbadmin LOGIN CREATEDB CREATEROLE NOSUPERUSER; CREATE ROLE authenticated NOLOGIN;");
    pg.sql(`CREATE DATABASE ${DB}`, { user: "dbadmin" });
    pg.sql(
      `
      CREATE TABLE public.customers (id serial PRIMARY KEY, name text NOT NULL);
      INSERT INTO public.customers (name) VALUES ('Ada'), ('Grace');

      CREATE SCHEMA private;
      CREATE TABLE private.secrets (value text);
      INSERT INTO private.secrets VALUES ('payroll');

      -- Row-level security: each role sees and writes only its own rows.
      CREATE TABLE public.notes (id serial PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text);
      ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own_rows ON public.notes USING (owner = current_user) WITH CHECK (owner = current_user);
      INSERT INTO public.notes (owner, body) VALUES ('mathesar_connector', 'mine'), ('someone_else', 'theirs');

      -- RLS whose only policy names another role, as Supabase's usually do.
      CREATE TABLE public.profiles (id int, name text);
      ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
      CREATE POLICY app_users ON public.profiles TO authenticated USING (true);
      INSERT INTO public.profiles VALUES (1, 'Linus');
      `,
      { user: "dbadmin", database: DB },
    );
    firstRun = runAsAdmin({ password: "connector-password-1", install: "on" });
  });
  afterAll(() => pg?.stop());

  test("run by a non-superuser admin connected to the user database with install=on, it succeeds and opens the install window", () => {
    expect(firstRun.output).toContain(
      "OK: role mathesar_connector can connect to database appdb and use schema public with access readwrite",
    );
    expect(firstRun.output).toContain("install window OPEN: it may create schemas here");
    expect(firstRun.status).toBe(0);
  });

  test("the connector is a plain login role: no superuser, BYPASSRLS, CREATEDB, CREATEROLE or REPLICATION", () => {
    expect(
      pg.sql(
        "SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolreplication, rolcanlogin FROM pg_roles WHERE rolname = 'mathesar_connector'",
      ),
    ).toBe("f|f|f|f|f|t");
  });

  test("while the window is open, Mathesar's installer runs as the connector", () => {
    const install = runSqlFile(pg, INSTALL, { user: "mathesar_connector", database: DB });
    expect(install.output).toBe("");
    expect(install.status).toBe(0);
    expect(
      pg.sql(
        "SELECT string_agg(nspowner::regrole::text, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('msar', '__msar', 'mathesar_types')",
        { database: DB },
      ),
    ).toBe("mathesar_connector,mathesar_connector,mathesar_connector");
  });

  test("a run without install=on closes the window: no more schemas, no renaming its own to an admin's name", () => {
    const closing = runAsAdmin({});
    expect(closing.output).toContain("revoked CREATE on database appdb from role mathesar_connector");
    expect(closing.status).toBe(0);
    expect(pg.sql("SELECT has_database_privilege('mathesar_connector', 'appdb', 'CREATE')")).toBe("f");
    expect(asConnector("CREATE SCHEMA dbadmin").error).toMatch(/permission denied for database appdb/);
    // PostgreSQL asks for CREATE on the database to rename a schema, too.
    expect(asConnector("ALTER SCHEMA msar RENAME TO dbadmin").error).toMatch(/permission denied for database appdb/);
    expect(queryAsConnector("SELECT msar.hello()")).toBe("hello from mathesar_connector");
  });

  test("an upgrade needs the window again: Mathesar's installer fails without it and succeeds with it", () => {
    const closed = runSqlFile(pg, INSTALL, { user: "mathesar_connector", database: DB });
    expect(closed.status).not.toBe(0);
    expect(closed.output).toContain("permission denied for database appdb");
    expect(runAsAdmin({ install: "on" }).status).toBe(0);
    expect(runSqlFile(pg, INSTALL, { user: "mathesar_connector", database: DB }).status).toBe(0);
    expect(runAsAdmin({}).status).toBe(0);
  });

  test("closing the window fails loudly if the role made a schema named after a role meanwhile", () => {
    expect(runAsAdmin({ install: "on" }).status).toBe(0);
    expect(asConnector("CREATE SCHEMA dbadmin").ok).toBe(true);
    const closing = runAsAdmin({});
    expect(closing.status).not.toBe(0);
    expect(closing.output).toContain("owns schemas named after roles: dbadmin");
    expect(closing.output).toContain("the role owns a schema named after a role");
    // One transaction: the failed closing run took nothing back, so the admin sees the state as it was.
    expect(pg.sql("SELECT has_database_privilege('mathesar_connector', 'appdb', 'CREATE')")).toBe("t");
    expect(asConnector("DROP SCHEMA dbadmin").ok).toBe(true);
    expect(runAsAdmin({}).status).toBe(0);
    expect(pg.sql("SELECT has_database_privilege('mathesar_connector', 'appdb', 'CREATE')")).toBe("f");
  });

  test("columns of your tables in a type the connector owns are reported: it could drop them (DROP TYPE ... CASCADE)", () => {
    pg.sql(
      "CREATE TABLE public.contacts (id int, email mathesar_types.email); INSERT INTO public.contacts VALUES (1, 'ada@example.org');",
      { user: "dbadmin", database: DB },
    );
    const result = runAsAdmin({});
    expect(result.status).toBe(0);
    expect(result.output).toMatch(
      /WARNING: {2}column contacts\.email is of type mathesar_types\.email, which role mathesar_connector owns/,
    );
    // The risk the warning names, for real (in a transaction that is rolled back).
    expect(
      queryAsConnector(
        "BEGIN; DROP DOMAIN mathesar_types.email CASCADE; SELECT count(*) FROM pg_attribute WHERE attrelid = " +
          "'public.contacts'::regclass AND attname = 'email'; ROLLBACK;",
      ),
    ).toBe("0");
  });

  test("the connector reads and writes the granted tables, including inserts into a serial column", () => {
    expect(queryAsConnector("SELECT string_agg(name, ',' ORDER BY id) FROM public.customers")).toBe("Ada,Grace");
    expect(queryAsConnector("INSERT INTO public.customers (name) VALUES ('Barbara') RETURNING id")).toBe("3");
    expect(
      asConnector(
        "UPDATE public.customers SET name = 'Barbara L.' WHERE id = 3; DELETE FROM public.customers WHERE id = 3;",
      ).ok,
    ).toBe(true);
  });

  test("the connector cannot read a schema it was not granted", () => {
    const result = asConnector("SELECT * FROM private.secrets");
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/permission denied for schema private/);
  });

  test("row-level security applies: the connector sees and writes only its own rows", () => {
    expect(queryAsConnector("SELECT string_agg(body, ',') FROM public.notes")).toBe("mine");
    const forged = asConnector("INSERT INTO public.notes (owner, body) VALUES ('someone_else', 'forged')");
    expect(forged.ok).toBe(false);
    expect(forged.error).toMatch(/new row violates row-level security policy/);
    // Nothing of someone else's can be changed either: the UPDATE matches no visible row.
    expect(
      queryAsConnector(
        "WITH changed AS (UPDATE public.notes SET body = 'x' WHERE owner = 'someone_else' RETURNING 1) SELECT count(*) FROM changed",
      ),
    ).toBe("0");
  });

  test("row-level security cannot be switched off: SET row_security = off makes the query fail", () => {
    const result = asConnector("SET row_security = off; SELECT * FROM public.notes;");
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/query would be affected by row-level security policy for table "notes"/);
  });

  test("the connector cannot ALTER or DROP tables it does not own (nor disable their RLS)", () => {
    for (const statement of [
      "ALTER TABLE public.notes DISABLE ROW LEVEL SECURITY",
      "ALTER TABLE public.customers ADD COLUMN extra int",
      "DROP TABLE public.customers",
      "DROP POLICY own_rows ON public.notes",
      "TRUNCATE public.customers",
    ]) {
      const result = asConnector(statement);
      expect({ statement, ok: result.ok }).toEqual({ statement, ok: false });
      expect(result.error).toMatch(/must be owner of (table|relation)|permission denied for table/);
    }
  });

  test("the connector cannot give itself more: no BYPASSRLS, no SET ROLE to the admin", () => {
    expect(asConnector("ALTER ROLE mathesar_connector BYPASSRLS").error).toMatch(/permission denied|must be superuser/);
    expect(asConnector("SET ROLE dbadmin").error).toMatch(/permission denied to set role/);
  });

  test("a table whose RLS policies name only other roles is reported, and shows the connector no rows", () => {
    expect(firstRun.output).toMatch(
      /WARNING: {2}table profiles has row-level security enabled but no policy applies to role mathesar_connector/,
    );
    expect(firstRun.output).not.toMatch(/table notes has row-level security enabled but no policy/);
    expect(queryAsConnector("SELECT count(*) FROM public.profiles")).toBe("0");
  });

  test("a second run succeeds and changes no privilege (idempotent)", () => {
    expect(runAsAdmin({}).status).toBe(0);
    const before = privileges();
    const again = runAsAdmin({ password: "another-password-2" });
    expect(again.status).toBe(0);
    expect(again.output).toContain("role mathesar_connector exists already: left unchanged");
    expect(privileges()).toBe(before);
  });

  test("access=readonly: an extra role that reads, cannot write, cannot create schemas, can use Mathesar's", () => {
    const result = runAsAdmin({ role: "mathesar_viewer", access: "readonly", password: "viewer-password-1" });
    expect(result.status).toBe(0);
    expect(result.output).toContain("it may not create schemas here");
    const asViewer = (statement: string) => pg.trySql(statement, { user: "mathesar_viewer", database: DB });
    expect(pg.sql("SELECT count(*) FROM public.customers", { user: "mathesar_viewer", database: DB })).toBe("2");
    expect(asViewer("INSERT INTO public.customers (name) VALUES ('Eve')").error).toMatch(
      /permission denied for table customers/,
    );
    expect(asViewer("CREATE SCHEMA mine").error).toMatch(/permission denied for database appdb/);
    // Mathesar's schemas are usable by every role once installed (Mathesar grants them to PUBLIC).
    expect(pg.sql("SELECT msar.hello()", { user: "mathesar_viewer", database: DB })).toBe("hello from mathesar_viewer");
    // RLS applies to it too: no policy lets mathesar_viewer see the connector's note.
    expect(pg.sql("SELECT count(*) FROM public.notes", { user: "mathesar_viewer", database: DB })).toBe("0");
  });

  test("a table owned by the connector is reported: owners bypass RLS", () => {
    pg.sql("CREATE SCHEMA shared; CREATE TABLE shared.board (note text);", { user: "dbadmin", database: DB });
    pg.sql("ALTER TABLE shared.board OWNER TO mathesar_connector", { database: DB });
    const result = runAsAdmin({ schema: "shared" });
    expect(result.status).toBe(0);
    expect(result.output).toMatch(
      /WARNING: {2}role mathesar_connector owns \(or can act as the owner of\) shared\.board/,
    );
    // The admin may not grant on a table it does not own: reported and skipped, the rest goes on.
    expect(result.output).toMatch(/WARNING: {2}nothing granted on shared\.board/);
  });

  test("a role that may create in a schema it does not own is reported (functions there could catch others' queries)", () => {
    // PostgreSQL 14's default for public, or a grant someone made.
    pg.sql("CREATE SCHEMA open_door; GRANT USAGE, CREATE ON SCHEMA open_door TO PUBLIC;", {
      user: "dbadmin",
      database: DB,
    });
    const result = runAsAdmin({});
    expect(result.status).toBe(0);
    expect(result.output).toMatch(
      /WARNING: {2}role mathesar_connector may create objects in schema open_door, which it does not own/,
    );
    pg.sql("DROP SCHEMA open_door", { user: "dbadmin", database: DB });
  });

  test("a CREATE on the database that someone else granted is not silently kept: the run fails and says so", () => {
    // A deputy holding the privilege with grant option gives it on: the admin's REVOKE removes only its own grants.
    pg.sql(`CREATE ROLE deputy LOGIN; GRANT CREATE ON DATABASE ${DB} TO deputy WITH GRANT OPTION;`, {
      user: "dbadmin",
    });
    pg.sql(`GRANT CREATE ON DATABASE ${DB} TO mathesar_connector`, { user: "deputy", database: DB });
    const result = runAsAdmin({});
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      "role mathesar_connector can still create schemas in database appdb (granted by another role",
    );
    pg.sql(`REVOKE CREATE ON DATABASE ${DB} FROM deputy CASCADE; DROP ROLE deputy;`, { user: "dbadmin" });
    expect(runAsAdmin({}).status).toBe(0);
  });

  test("a table whose owner the connector can SET ROLE to (NOINHERIT membership) is reported too", () => {
    pg.sql(
      "CREATE ROLE table_keeper NOLOGIN; GRANT table_keeper TO mathesar_connector; ALTER ROLE mathesar_connector NOINHERIT;",
    );
    pg.sql("CREATE TABLE public.kept (v text); ALTER TABLE public.kept OWNER TO table_keeper;", { database: DB });
    const result = runAsAdmin({});
    expect(result.output).toMatch(/WARNING: {2}role mathesar_connector owns \(or can act as the owner of\) kept/);
    pg.sql(
      "DROP TABLE public.kept; REVOKE table_keeper FROM mathesar_connector; ALTER ROLE mathesar_connector INHERIT; DROP ROLE table_keeper;",
      { database: DB },
    );
  });

  test("refuses an existing role that bypasses RLS, changing nothing", () => {
    pg.sql("CREATE ROLE mathesar_bypasser LOGIN BYPASSRLS");
    const before = privileges();
    const result = runAsAdmin({ role: "mathesar_bypasser" });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("is a superuser or has BYPASSRLS");
    expect(privileges()).toBe(before);
  });

  test("install=on fails loudly when the admin may not grant CREATE on the database, leaving no role behind", () => {
    pg.sql("CREATE DATABASE not_mine");
    const result = runSqlFile(pg, FILE, {
      user: "dbadmin",
      database: "not_mine",
      variables: { role: "mathesar_elsewhere", password: "elsewhere-password-1", install: "on" },
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no privileges were granted for "not_mine"');
    expect(result.output).toContain("cannot grant CREATE on database not_mine: nothing was changed");
    expect(pg.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'mathesar_elsewhere'")).toBe("0");
  });

  test("refuses to create a login role without a password, leaving nothing behind", () => {
    const result = runAsAdmin({ role: "mathesar_nopass" });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("refusing to create login role mathesar_nopass without a password");
    expect(pg.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'mathesar_nopass'")).toBe("0");
  });

  test("refuses a role that is a member of a BYPASSRLS role (it could SET ROLE to it)", () => {
    pg.sql(
      "CREATE ROLE mathesar_member LOGIN; CREATE ROLE rls_exempt NOLOGIN BYPASSRLS; GRANT rls_exempt TO mathesar_member;",
    );
    const result = runAsAdmin({ role: "mathesar_member" });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("is a member of a superuser or BYPASSRLS role");
  });

  test("removing a role: the old recipe fails on the database privileges; the documented one works", () => {
    pg.sql("CREATE ROLE mathesar_retired LOGIN PASSWORD 'retired-password-1'", { user: "dbadmin" });
    // A CONNECT grant on the database, as where PUBLIC's was revoked (and as earlier versions granted CREATE).
    pg.sql(`GRANT CONNECT ON DATABASE ${DB} TO mathesar_retired`, { user: "dbadmin" });
    expect(runAsAdmin({ role: "mathesar_retired" }).status).toBe(0);
    // Earlier docs: DROP OWNED BY as the role itself, then DROP ROLE as the admin.
    expect(pg.trySql("DROP OWNED BY mathesar_retired", { user: "mathesar_retired", database: DB }).ok).toBe(true);
    const old = pg.trySql("DROP ROLE mathesar_retired", { user: "dbadmin", database: DB });
    expect(old.ok).toBe(false);
    expect(old.error).toMatch(/cannot be dropped because some objects depend on it/);
    expect(old.error).toMatch(/privileges for database appdb/);
    // docs/existing-database.md, "Removing the role".
    const recipe = pg.trySql(
      "GRANT mathesar_retired TO CURRENT_USER; DROP OWNED BY mathesar_retired; DROP ROLE mathesar_retired;",
      { user: "dbadmin", database: DB },
    );
    expect(recipe).toEqual({ ok: true, error: "" });
    expect(pg.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'mathesar_retired'")).toBe("0");
  });

  test.each([
    [{ access: "everything" }, "access must be readwrite or readonly"],
    [{ install: "maybe" }, "install must be on or off"],
    [{ installer: "on" }, "the variable installer was replaced by install"],
    [{ schema: "nowhere" }, "schema not found in this database"],
    [{ role: "dbadmin" }, "not the admin role you are connected as"],
  ])("refuses %j before changing anything", (variables, message) => {
    const before = privileges();
    const result = runAsAdmin({ role: "mathesar_refused", password: "refused-password-1", ...variables });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(message);
    expect(privileges()).toBe(before);
    expect(pg.sql("SELECT count(*) FROM pg_roles WHERE rolname = 'mathesar_refused'")).toBe("0");
  });
});
