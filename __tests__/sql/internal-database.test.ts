/**
 * sql/internal-database.sql, run for real with psql against a real PostgreSQL server by an admin role
 * that is NOT a superuser (CREATEROLE + CREATEDB only, like RDS's master user, DigitalOcean's doadmin or
 * Supabase's postgres). It proves that the file alone leaves Mathesar a database it can migrate, with a
 * role that has no more than it needs, that a second run changes nothing, and that it never takes over
 * or alters what existed before.
 */
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";
import { runSqlFile } from "./psql-file";

const FILE = "internal-database.sql";
const available = postgresBinDir() !== undefined && hasTool("psql") && hasTool("runuser", ["--version"]);

let pg: TestPostgres;

/** Runs the file as the non-superuser admin, from the `postgres` database, as a DBA would. */
const runAsAdmin = (variables: Record<string, string>) =>
  runSqlFile(pg, FILE, { user: "doadmin", database: "postgres", variables });

const roleAttributes = (role: string) =>
  pg.sql(
    `SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication, rolcanlogin FROM pg_roles WHERE rolname = '${role}'`,
  );
const databaseOwner = (database: string) =>
  pg.sql(`SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '${database}'`);
/** Everything the file could change about a role and its database, to compare two runs. */
const snapshot = (role: string, database: string) =>
  [
    pg.sql(
      `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolcanlogin, rolpassword FROM pg_authid WHERE rolname = '${role}'`,
    ),
    pg.sql(`SELECT datname, pg_get_userbyid(datdba), datacl FROM pg_database WHERE datname = '${database}'`),
    pg.sql("SELECT nspacl FROM pg_namespace WHERE nspname = 'public'", { database }),
    pg.sql(
      `SELECT roleid::regrole, member::regrole, admin_option FROM pg_auth_members WHERE roleid = ` +
        `'${role}'::regrole OR member = '${role}'::regrole ORDER BY 1, 2`,
    ),
  ].join("\n");
/** Creating and dropping a table as Mathesar's role: what Django's migrations need. */
const canCreateTables = (role: string, database: string) =>
  pg.trySql("CREATE TABLE mathesar_check (id int); DROP TABLE mathesar_check;", { user: role, database });

describeWithTool("PostgreSQL server and psql", available, "sql/internal-database.sql against a real PostgreSQL", () => {
  beforeAll(() => {
    pg = startPostgres();
    // The managed-cloud admin: may create roles and databases, is not a superuser.
    pg.sql("CREATE ROLE doadmin LOGIN CREATEDB CREATEROLE NOSUPERUSER");
  });
  afterAll(() => pg?.stop());

  test("a non-superuser admin (CREATEROLE, CREATEDB) creates the role and a database the role owns", () => {
    const result = runAsAdmin({ password: "first-password-1" });
    expect(result.output).toContain("OK: role mathesar can connect to database mathesar");
    expect(result.status).toBe(0);
    expect(pg.sql("SELECT rolsuper FROM pg_roles WHERE rolname = 'doadmin'")).toBe("f");
    expect(databaseOwner("mathesar")).toBe("mathesar");
    // The password was set (stored hashed), so the role can log in with it.
    expect(pg.sql("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'mathesar'")).toBe("t");
  });

  test("Mathesar's role can create (and drop) tables in its database, as its migrations do", () => {
    expect(canCreateTables("mathesar", "mathesar")).toEqual({ ok: true, error: "" });
  });

  test("Mathesar's role has no more than it needs: login only, no superuser/CREATEDB/CREATEROLE/BYPASSRLS/REPLICATION", () => {
    expect(roleAttributes("mathesar")).toBe("f|f|f|f|f|t");
    const createDatabase = pg.trySql("CREATE DATABASE stolen", { user: "mathesar", database: "mathesar" });
    expect(createDatabase.ok).toBe(false);
    expect(createDatabase.error).toMatch(/permission denied to create database/);
    const createRole = pg.trySql("CREATE ROLE sneaky", { user: "mathesar", database: "mathesar" });
    expect(createRole.ok).toBe(false);
    expect(createRole.error).toMatch(/permission denied to create role/);
  });

  test("a second run succeeds and changes nothing (idempotent), even with another password", () => {
    const before = snapshot("mathesar", "mathesar");
    const result = runAsAdmin({ password: "another-password-2" });
    expect(result.status).toBe(0);
    expect(result.output).toContain("role mathesar exists already: left unchanged");
    expect(result.output).toContain("database mathesar exists already: its owner is left unchanged");
    expect(snapshot("mathesar", "mathesar")).toBe(before);
    expect(canCreateTables("mathesar", "mathesar").ok).toBe(true);
  });

  test("a database that already existed (made by the cloud for its admin) keeps its owner; grants make it usable", () => {
    pg.sql("CREATE DATABASE cloud_made", { user: "doadmin" });
    // Before: on PostgreSQL 15+ a fresh role cannot create tables in a database it does not own.
    pg.sql("CREATE ROLE mathesar_cloud LOGIN", { user: "doadmin" });
    expect(canCreateTables("mathesar_cloud", "cloud_made").error).toMatch(/permission denied for schema public/);

    const first = runAsAdmin({ role: "mathesar_cloud", dbname: "cloud_made" });
    expect(first.output).toContain("OK: role mathesar_cloud can connect to database cloud_made");
    expect(first.status).toBe(0);
    expect(databaseOwner("cloud_made")).toBe("doadmin");
    expect(canCreateTables("mathesar_cloud", "cloud_made").ok).toBe(true);
    // Tables in public, but no schemas: CREATE on the database is not granted (Mathesar installs nothing
    // else in its internal database, and a role that may create schemas may create one named after a role).
    const privileges = pg.sql(
      "SELECT has_database_privilege('mathesar_cloud', 'cloud_made', 'CONNECT'), " +
        "has_database_privilege('mathesar_cloud', 'cloud_made', 'TEMPORARY'), " +
        "has_database_privilege('mathesar_cloud', 'cloud_made', 'CREATE'), " +
        "has_schema_privilege('mathesar_cloud', 'public', 'USAGE'), has_schema_privilege('mathesar_cloud', " +
        "'public', 'CREATE')",
      { database: "cloud_made" },
    );
    expect(privileges).toBe("t|t|f|t|t");

    const before = snapshot("mathesar_cloud", "cloud_made");
    expect(runAsAdmin({ role: "mathesar_cloud", dbname: "cloud_made" }).status).toBe(0);
    expect(snapshot("mathesar_cloud", "cloud_made")).toBe(before);
  });

  test("when PostgreSQL refuses the hand-over, the run falls back to grants and still succeeds", () => {
    // A refusal simulated with a membership loop: `GRANT refused TO doadmin` is impossible once
    // `refused` is a member of doadmin (on PostgreSQL 16+ the usual cause is a role someone else created).
    pg.sql("CREATE ROLE mathesar_refused LOGIN NOINHERIT; GRANT doadmin TO mathesar_refused;");
    const result = runAsAdmin({ role: "mathesar_refused", dbname: "refused_db" });
    expect(result.output).toContain("could not hand database refused_db to role mathesar_refused");
    expect(result.output).toContain("OK: role mathesar_refused can connect to database refused_db");
    expect(result.status).toBe(0);
    expect(databaseOwner("refused_db")).toBe("doadmin");
    expect(canCreateTables("mathesar_refused", "refused_db").ok).toBe(true);
  });

  test("an existing role is never altered: its password and attributes stay as they were", () => {
    pg.sql("CREATE ROLE mathesar_existing LOGIN PASSWORD 'set-by-someone-else' CONNECTION LIMIT 7");
    const before = pg.sql(
      "SELECT rolpassword, rolconnlimit, rolcanlogin FROM pg_authid WHERE rolname = 'mathesar_existing'",
    );
    const result = runAsAdmin({ role: "mathesar_existing", dbname: "existing_role_db", password: "would-overwrite-3" });
    expect(result.status).toBe(0);
    expect(
      pg.sql("SELECT rolpassword, rolconnlimit, rolcanlogin FROM pg_authid WHERE rolname = 'mathesar_existing'"),
    ).toBe(before);
    expect(canCreateTables("mathesar_existing", "existing_role_db").ok).toBe(true);
  });

  test.each([
    [{ role: "doadmin", dbname: "admin_as_role" }, "not the admin role you are connected as", "admin_as_role"],
    [{ role: "mathesar_in_postgres", dbname: "postgres" }, "not postgres/template0/template1", undefined],
    [
      { role: "mathesar_empty_pw", dbname: "empty_pw_db", password: "" },
      "refusing to create login role mathesar_empty_pw without a password",
      "empty_pw_db",
    ],
    // No password at all: earlier, psql's \password read an empty one from a non-interactive input and
    // the server created the login role without a password.
    [
      { role: "mathesar_no_pw", dbname: "no_pw_db" },
      "refusing to create login role mathesar_no_pw without a password",
      "no_pw_db",
    ],
  ])("refuses %j before changing anything", (variables, message, database) => {
    const roles = pg.sql("SELECT count(*) FROM pg_roles");
    const result = runAsAdmin(variables);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(message);
    expect(pg.sql("SELECT count(*) FROM pg_roles")).toBe(roles);
    if (database) expect(pg.sql(`SELECT count(*) FROM pg_database WHERE datname = '${database}'`)).toBe("0");
  });
});
