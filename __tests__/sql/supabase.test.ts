/**
 * docs/supabase.md followed literally, on a real PostgreSQL server laid out like a hosted Supabase project
 * (../support/supabase-layout): `postgres` is not a superuser and cannot grant database privileges,
 * `supabase_admin` is, and both search `"$user", public, extensions`. Mathesar's installer is replaced by
 * a stand-in that asks PostgreSQL for the same privileges (fixtures/mathesar-install-standin.sql).
 *
 * What it pins: the connector role gets no way to create schemas (so no schema named after an admin, the
 * escalation a review found), sees only what policies give it (views included), cannot drop Mathesar's
 * types from under your columns, and the role-removal recipe works.
 */
import * as fs from "fs";
import * as path from "path";
import { TestPostgres, postgresBinDir } from "../support/postgres";
import { SUPABASE_DB, isMemberOf, isSuperuser, startSupabaseLike } from "../support/supabase-layout";
import { describeWithTool, hasTool } from "../support/tools";
import { FIXTURE_DIR, PsqlResult, runSqlFile } from "./psql-file";

const available = postgresBinDir() !== undefined && hasTool("psql") && hasTool("runuser", ["--version"]);
const INSTALL = path.join(FIXTURE_DIR, "mathesar-install-standin.sql");
const CONNECTOR = "mathesar_connector";

let pg: TestPostgres;
let prepared: PsqlResult;

const as = (user: string, statement: string) => pg.trySql(statement, { user, database: SUPABASE_DB });
const query = (user: string, statement: string) => pg.sql(statement, { user, database: SUPABASE_DB });
/** sql/user-database.sql run as Supabase's `postgres`, connected to the `postgres` database (docs, section 5). */
const prepare = (variables: Record<string, string>) =>
  runSqlFile(pg, "user-database.sql", { user: "postgres", database: SUPABASE_DB, variables });
/** The ```sql block of docs/supabase.md that contains `marker`: the tests run the docs' own text. */
function docSql(marker: string): string {
  const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "supabase.md"), "utf8");
  const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]).filter((block) => block.includes(marker));
  if (blocks.length !== 1)
    throw new Error(`docs/supabase.md: expected one sql block with ${marker}, found ${blocks.length}`);
  return blocks[0];
}
const roleExists = (role: string) => pg.sql(`SELECT count(*) FROM pg_roles WHERE rolname = '${role}'`) === "1";

/**
 * The escalation a review found: a role that may create schemas creates one named after an admin. That
 * admin's search_path starts with "$user", so its next unqualified call of public.open_ticket_count()
 * runs the role's function instead, with the admin's privileges.
 */
function plantTrojans(role: string): { ok: boolean; error: string } {
  const trojan = (schema: string) => `
    CREATE SCHEMA ${schema};
    GRANT USAGE ON SCHEMA ${schema} TO PUBLIC;
    CREATE FUNCTION ${schema}.open_ticket_count() RETURNS bigint LANGUAGE plpgsql AS $f$
    BEGIN
      BEGIN EXECUTE 'GRANT service_role TO ${role}'; EXCEPTION WHEN OTHERS THEN NULL; END;
      BEGIN EXECUTE 'ALTER ROLE ${role} SUPERUSER'; EXCEPTION WHEN OTHERS THEN NULL; END;
      RETURN 0;
    END $f$;`;
  return as(role, `${trojan("postgres")} ${trojan("supabase_admin")}`);
}

/** The admins go on with their day: an ordinary, unqualified query each. */
function adminsRunAQuery(): void {
  query("postgres", "SELECT open_ticket_count()");
  query("supabase_admin", "SELECT open_ticket_count()");
}

describeWithTool("PostgreSQL server and psql", available, "docs/supabase.md on a Supabase-like PostgreSQL", () => {
  beforeAll(() => {
    pg = startSupabaseLike();
    prepared = prepare({ role: CONNECTOR, schema: "public", access: "readwrite", password: "connector-password-1" });
  });
  afterAll(() => pg?.stop());

  test("the layout is Supabase's: postgres is no superuser and cannot grant on the database", () => {
    expect(query("supabase_admin", "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'postgres'")).toBe(
      "f|t",
    );
    expect(query("supabase_admin", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'postgres'")).toBe(
      "supabase_admin",
    );
    expect(as("postgres", "GRANT CREATE ON DATABASE postgres TO anon").error).toContain(
      'no privileges were granted for "postgres"',
    );
  });

  test("the escalation is real when a role may create schemas (what the earlier docs granted)", () => {
    pg.sql("CREATE ROLE old_connector LOGIN; GRANT CREATE ON DATABASE postgres TO old_connector;");
    expect(plantTrojans("old_connector").ok).toBe(true);
    adminsRunAQuery();
    expect(isMemberOf(pg, "old_connector", "service_role")).toBe(true);
    expect(isSuperuser(pg, "old_connector")).toBe(true);
    pg.sql("DROP SCHEMA postgres, supabase_admin CASCADE; DROP OWNED BY old_connector; DROP ROLE old_connector;");
  });

  test("sql/user-database.sql, run as postgres on the postgres database, succeeds", () => {
    expect(prepared.output).toContain(
      "OK: role mathesar_connector can connect to database postgres and use schema public with access readwrite",
    );
    expect(prepared.status).toBe(0);
    expect(
      query(
        "supabase_admin",
        `SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = '${CONNECTOR}'`,
      ),
    ).toBe("f|f|f|f|t");
  });

  test("the connector may not create schemas: the escalation fails, nobody gains anything", () => {
    expect(query("supabase_admin", `SELECT has_database_privilege('${CONNECTOR}', 'postgres', 'CREATE')`)).toBe("f");
    const attempt = plantTrojans(CONNECTOR);
    expect(attempt.ok).toBe(false);
    expect(attempt.error).toContain("permission denied for database postgres");
    adminsRunAQuery();
    expect(isMemberOf(pg, CONNECTOR, "service_role")).toBe(false);
    expect(isSuperuser(pg, CONNECTOR)).toBe(false);
  });

  test("Mathesar's installer as the connector fails (CREATE SCHEMA IF NOT EXISTS needs CREATE on the database)", () => {
    const result = runSqlFile(pg, INSTALL, { user: CONNECTOR, database: SUPABASE_DB });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("permission denied for database postgres");
  });

  test("Mathesar's installer as postgres succeeds, twice (connect, then an upgrade)", () => {
    for (let run = 0; run < 2; run++) {
      const result = runSqlFile(pg, INSTALL, { user: "postgres", database: SUPABASE_DB });
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    }
    expect(
      query(
        "supabase_admin",
        "SELECT string_agg(nspname || '=' || nspowner::regrole, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('msar', '__msar', 'mathesar_types')",
      ),
    ).toBe("__msar=postgres,mathesar_types=postgres,msar=postgres");
  });

  test("the connector then uses Mathesar's functions and types", () => {
    expect(query(CONNECTOR, "SELECT msar.hello()")).toBe("hello from mathesar_connector");
    expect(query(CONNECTOR, "SELECT 'a@b.org'::mathesar_types.email")).toBe("a@b.org");
  });

  test("the connector cannot drop Mathesar's types, so no column of yours goes with them", () => {
    query(
      "postgres",
      "CREATE TABLE public.links (id int, url mathesar_types.uri); INSERT INTO public.links VALUES (1, 'https://example.org');",
    );
    const drop = as(CONNECTOR, "DROP DOMAIN mathesar_types.uri CASCADE");
    expect(drop.ok).toBe(false);
    expect(drop.error).toContain("must be owner of type");
    expect(query("postgres", "SELECT url FROM public.links")).toBe("https://example.org");
    expect(as(CONNECTOR, "DROP SCHEMA mathesar_types CASCADE").error).toContain("must be owner of schema");
  });

  test("the connector cannot alter, drop or truncate your tables, nor switch their RLS off", () => {
    for (const statement of [
      "ALTER TABLE public.tickets DISABLE ROW LEVEL SECURITY",
      "ALTER TABLE public.tickets NO FORCE ROW LEVEL SECURITY",
      "ALTER TABLE public.tickets ADD COLUMN extra int",
      "DROP TABLE public.tickets",
      "TRUNCATE public.tickets",
      "DROP POLICY own_profile ON public.profiles",
    ]) {
      const result = as(CONNECTOR, statement);
      expect({ statement, ok: result.ok }).toEqual({ statement, ok: false });
      expect(result.error).toMatch(/must be owner of (table|relation)|permission denied for table/);
    }
    expect(as(CONNECTOR, "SET row_security = off; SELECT * FROM public.tickets;").error).toMatch(
      /query would be affected by row-level security policy/,
    );
  });

  test("a table whose policies name only Supabase's roles shows the connector nothing, and is reported", () => {
    expect(prepared.output).toMatch(
      /WARNING: {2}table profiles has row-level security enabled but no policy applies to role mathesar_connector/,
    );
    expect(query(CONNECTOR, "SELECT count(*) FROM public.profiles")).toBe("0");
  });

  describe("with the docs' policies for the connector", () => {
    beforeAll(() => {
      // docs/supabase.md, section 5, as written: see every ticket, change only open ones, never salaries.
      query("postgres", docSql("CREATE POLICY mathesar_read"));
      query("postgres", docSql("CREATE POLICY mathesar_no_salaries"));
      // What the docs advise against: a limit written TO the role (harmless condition, to watch it vanish).
      query(
        "postgres",
        "CREATE POLICY limit_to_role ON public.tickets AS RESTRICTIVE FOR ALL TO mathesar_connector USING (id > 0);",
      );
    });

    test("RLS applies: it sees and changes only what the policies allow", () => {
      expect(query(CONNECTOR, "SELECT string_agg(body, ',' ORDER BY id) FROM public.tickets")).toBe(
        "printer jam,vpn down",
      );
      expect(
        query(
          CONNECTOR,
          "WITH c AS (UPDATE public.tickets SET body = 'x' WHERE status = 'closed' RETURNING 1) SELECT count(*) FROM c",
        ),
      ).toBe("0");
      expect(as(CONNECTOR, "DELETE FROM public.tickets").ok).toBe(true);
      expect(query("postgres", "SELECT count(*) FROM public.tickets")).toBe("3");
    });

    test("granted, a view owned by postgres (BYPASSRLS) hands out hidden rows, even with FORCE ROW LEVEL SECURITY", () => {
      query("postgres", "CREATE VIEW public.ticket_overview AS SELECT id, status, body FROM public.tickets;");
      // What the earlier script did: grant read/write on every view of the schema.
      query("postgres", "GRANT SELECT, INSERT, UPDATE, DELETE ON public.ticket_overview TO mathesar_connector;");
      expect(query(CONNECTOR, "SELECT string_agg(body, ',' ORDER BY id) FROM public.ticket_overview")).toBe(
        "printer jam,salary review,vpn down",
      );
      expect(
        query(
          CONNECTOR,
          "BEGIN; WITH d AS (DELETE FROM public.ticket_overview WHERE status = 'closed' RETURNING 1) SELECT count(*) FROM d; ROLLBACK;",
        ),
      ).toBe("1");
    });

    test("sql/user-database.sql does not grant such a view, and takes back what an earlier run granted", () => {
      const again = prepare({ role: CONNECTOR });
      expect(again.status).toBe(0);
      expect(again.output).toMatch(
        /WARNING: {2}nothing granted on view ticket_overview: it runs with the rights of its owner/,
      );
      expect(again.output).toMatch(/WARNING: {2}revoked what an earlier run granted on ticket_overview/);
      expect(again.output).toMatch(
        /WARNING: {2}restrictive policy limit_to_role on tickets names role mathesar_connector: the role can delete it with DROP OWNED BY/,
      );
      const read = as(CONNECTOR, "SELECT count(*) FROM public.ticket_overview");
      expect(read.ok).toBe(false);
      expect(read.error).toContain("permission denied for view ticket_overview");
      expect(as(CONNECTOR, "DELETE FROM public.ticket_overview WHERE status = 'closed'").ok).toBe(false);
    });

    test("the same view with security_invoker = true is granted, and the policies apply through it", () => {
      query("postgres", docSql("SET (security_invoker = true)"));
      expect(prepare({ role: CONNECTOR }).status).toBe(0);
      expect(query(CONNECTOR, "SELECT string_agg(body, ',' ORDER BY id) FROM public.ticket_overview")).toBe(
        "printer jam,vpn down",
      );
      expect(
        query(
          CONNECTOR,
          "WITH c AS (DELETE FROM public.ticket_overview WHERE status = 'closed' RETURNING 1) SELECT count(*) FROM c",
        ),
      ).toBe("0");
      expect(query("postgres", "SELECT count(*) FROM public.tickets WHERE status = 'closed'")).toBe("1");
    });

    test("DROP OWNED BY run by the connector itself removes its own policies but not the PUBLIC limit", () => {
      // Policies naming the role go (it then sees less); the restrictive limit written TO PUBLIC stays.
      expect(as(CONNECTOR, "DROP OWNED BY CURRENT_USER").ok).toBe(true);
      expect(query(CONNECTOR, "SELECT count(*) FROM public.tickets")).toBe("0");
      expect(query("postgres", "SELECT count(*) FROM pg_policy WHERE polname = 'mathesar_no_salaries'")).toBe("1");
      // The restrictive policy written TO the role is gone: a limit the role lifted by itself.
      expect(query("postgres", "SELECT count(*) FROM pg_policy WHERE polname = 'limit_to_role'")).toBe("0");
    });
  });

  test("a failing run leaves nothing behind, and no login role is created without a password", () => {
    const noPassword = prepare({ role: "mathesar_nopass" });
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.output).toContain("refusing to create login role mathesar_nopass without a password");
    expect(roleExists("mathesar_nopass")).toBe(false);

    // install=on asks for CREATE on the database, which postgres cannot grant on Supabase: everything is undone.
    const failing = prepare({ role: "mathesar_half", password: "half-password-1", install: "on" });
    expect(failing.status).not.toBe(0);
    expect(failing.output).toContain("cannot grant CREATE on database postgres");
    expect(roleExists("mathesar_half")).toBe(false);
  });

  test("the removal recipe of the docs, as written, removes the connector", () => {
    // After the DROP OWNED BY test above the connector still holds its table grants (given by postgres).
    expect(as("postgres", docSql("DROP ROLE mathesar_connector"))).toEqual({ ok: true, error: "" });
    expect(roleExists(CONNECTOR)).toBe(false);
  });

  test("sql/remove-mathesar-schemas.sql as postgres: refuses while a column of yours uses a Mathesar type, then removes them", () => {
    const refused = runSqlFile(pg, "remove-mathesar-schemas.sql", { user: "postgres", database: SUPABASE_DB });
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain("links.url");
    query("postgres", "ALTER TABLE public.links ALTER COLUMN url TYPE text USING url::text;");
    const removed = runSqlFile(pg, "remove-mathesar-schemas.sql", { user: "postgres", database: SUPABASE_DB });
    expect(removed.status).toBe(0);
    expect(
      query("postgres", "SELECT count(*) FROM pg_namespace WHERE nspname IN ('msar', '__msar', 'mathesar_types')"),
    ).toBe("0");
    expect(query("postgres", "SELECT url FROM public.links")).toBe("https://example.org");
  });

  test("the removal recipe works for a role with grants and a policy naming it", () => {
    pg.sql("CREATE ROLE mathesar_gone LOGIN PASSWORD 'gone-password-1'", { user: "postgres" });
    expect(prepare({ role: "mathesar_gone" }).status).toBe(0);
    query("postgres", "CREATE POLICY gone_read ON public.tickets FOR SELECT TO mathesar_gone USING (true);");
    const recipe = as(
      "postgres",
      `
      GRANT mathesar_gone TO postgres;
      DROP OWNED BY mathesar_gone;
      DROP ROLE mathesar_gone;
    `,
    );
    expect(recipe).toEqual({ ok: true, error: "" });
    expect(roleExists("mathesar_gone")).toBe(false);
  });
});
