/**
 * sql/remove-mathesar-schemas.sql, run for real with psql against a real PostgreSQL server, as the role
 * that installed Mathesar's schemas (a connector prepared by sql/user-database.sql). Mathesar's install
 * is simulated with the same kinds of objects it creates (schemas msar, __msar, mathesar_types holding
 * domains, a composite type, functions, an aggregate and a table). It proves the file removes exactly
 * those three schemas, leaves everything else alone, and refuses to drop a column of the user's that
 * uses a Mathesar type unless told to.
 */
import { TestPostgres, postgresBinDir, startPostgres } from "../support/postgres";
import { describeWithTool, hasTool } from "../support/tools";
import { runSqlFile, userSchemas } from "./psql-file";

const FILE = "remove-mathesar-schemas.sql";
const MATHESAR_SCHEMAS = ["__msar", "mathesar_types", "msar"];
const available = postgresBinDir() !== undefined && hasTool("psql") && hasTool("runuser", ["--version"]);

let pg: TestPostgres;

/** Mathesar's install, as the connector: the kinds of objects its SQL creates, granted to PUBLIC as it does. */
const SIMULATED_INSTALL = `
  CREATE SCHEMA msar;
  CREATE SCHEMA __msar;
  CREATE SCHEMA mathesar_types;
  CREATE DOMAIN mathesar_types.email AS text CHECK (VALUE ~ '@');
  CREATE DOMAIN mathesar_types.mathesar_money AS numeric;
  CREATE TYPE mathesar_types.multicurrency_money AS (value numeric, currency char(3));
  CREATE TYPE __msar.col_def AS (name text, type text);
  CREATE TABLE msar.all_mathesar_objects (obj_schema text, obj_name text);
  CREATE FUNCTION __msar.build(d __msar.col_def) RETURNS text LANGUAGE sql AS $$ SELECT d.name $$;
  CREATE FUNCTION msar.domain(e mathesar_types.email) RETURNS text LANGUAGE sql AS $$ SELECT split_part(e, '@', 2) $$;
  CREATE FUNCTION msar.keep_first(anyelement, anyelement) RETURNS anyelement LANGUAGE sql AS $$ SELECT coalesce($1, $2) $$;
  CREATE AGGREGATE msar.first_value(anyelement) (SFUNC = msar.keep_first, STYPE = anyelement);
  GRANT USAGE ON SCHEMA msar, __msar, mathesar_types TO PUBLIC;
  GRANT USAGE ON TYPE mathesar_types.email TO PUBLIC;
`;

/** A user database with the user's own data, prepared with sql/user-database.sql, with Mathesar installed. */
function userDatabaseWithMathesar(database: string): void {
  pg.sql(`CREATE DATABASE ${database}`, { user: "dbadmin" });
  pg.sql(
    `
    CREATE TABLE public.contacts (id serial PRIMARY KEY, name text);
    INSERT INTO public.contacts (name) VALUES ('Ada');
    CREATE SCHEMA sales;
    CREATE TABLE sales.orders (id int);
    CREATE SCHEMA msar_lookalike;
    `,
    { user: "dbadmin", database },
  );
  // The documented order: open the install window, let Mathesar install, close the window.
  const prepared = runSqlFile(pg, "user-database.sql", {
    user: "dbadmin",
    database,
    variables: { password: "connector-password-1", install: "on" },
  });
  expect(prepared.status).toBe(0);
  pg.sql(SIMULATED_INSTALL, { user: "mathesar_connector", database });
  expect(runSqlFile(pg, "user-database.sql", { user: "dbadmin", database }).status).toBe(0);
}

const removeAs = (user: string, database: string, variables: Record<string, string> = {}) =>
  runSqlFile(pg, FILE, { user, database, variables });

describeWithTool(
  "PostgreSQL server and psql",
  available,
  "sql/remove-mathesar-schemas.sql against a real PostgreSQL",
  () => {
    beforeAll(() => {
      pg = startPostgres();
      pg.sql("CREATE ROLE dbadmin LOGIN CREATEDB CREATEROLE NOSUPERUSER");
    });
    afterAll(() => pg?.stop());

    test("removes exactly msar, __msar and mathesar_types, and nothing of the user's", () => {
      userDatabaseWithMathesar("clean");
      const before = userSchemas(pg, "clean");
      expect(before).toEqual(expect.arrayContaining(MATHESAR_SCHEMAS));
      const data = pg.sql("SELECT string_agg(name, ',') FROM public.contacts", { database: "clean" });

      const result = removeAs("mathesar_connector", "clean");
      expect(result.output).toContain("Removed schemas msar, __msar and mathesar_types");
      expect(result.status).toBe(0);
      expect(userSchemas(pg, "clean")).toEqual(before.filter((schema) => !MATHESAR_SCHEMAS.includes(schema)));
      expect(userSchemas(pg, "clean")).toEqual(["msar_lookalike", "public", "sales"]);
      expect(pg.sql("SELECT string_agg(name, ',') FROM public.contacts", { database: "clean" })).toBe(data);
      expect(
        pg.sql("SELECT count(*) FROM pg_type WHERE typname IN ('email', 'mathesar_money', 'col_def')", {
          database: "clean",
        }),
      ).toBe("0");
    });

    test("a second run, with the schemas already gone, succeeds and changes nothing", () => {
      const result = removeAs("mathesar_connector", "clean");
      expect(result.status).toBe(0);
      expect(userSchemas(pg, "clean")).toEqual(["msar_lookalike", "public", "sales"]);
    });

    test("refuses, changing nothing, while a column of the user's uses a Mathesar type; lists it", () => {
      userDatabaseWithMathesar("in_use");
      // What a Mathesar user gets by setting a column's type to "Email" in Mathesar.
      pg.sql(
        "ALTER TABLE public.contacts ADD COLUMN email mathesar_types.email; UPDATE public.contacts SET email = 'ada@example.org';",
        {
          user: "dbadmin",
          database: "in_use",
        },
      );
      pg.sql("CREATE VIEW sales.contact_domains AS SELECT msar.domain(email) FROM public.contacts", {
        user: "dbadmin",
        database: "in_use",
      });
      const before = userSchemas(pg, "in_use");

      const result = removeAs("mathesar_connector", "in_use");
      expect(result.status).not.toBe(0);
      expect(result.output).toContain("public.contacts.email");
      expect(result.output).toContain("sales.contact_domains");
      expect(result.output).toContain("objects depend on Mathesar's schemas: nothing was changed");
      expect(userSchemas(pg, "in_use")).toEqual(before);
      expect(pg.sql("SELECT email FROM public.contacts", { database: "in_use" })).toBe("ada@example.org");
    });

    test("after converting the column (and dropping the view) as advised, removal succeeds and keeps the data", () => {
      pg.sql(
        "DROP VIEW sales.contact_domains; ALTER TABLE public.contacts ALTER COLUMN email TYPE text USING email::text;",
        {
          user: "dbadmin",
          database: "in_use",
        },
      );
      const result = removeAs("mathesar_connector", "in_use");
      expect(result.status).toBe(0);
      expect(userSchemas(pg, "in_use")).toEqual(["msar_lookalike", "public", "sales"]);
      expect(pg.sql("SELECT email FROM public.contacts", { database: "in_use" })).toBe("ada@example.org");
    });

    test("with force=on, drops the dependent column too (its data is lost, as the file warns)", () => {
      userDatabaseWithMathesar("forced");
      pg.sql("ALTER TABLE public.contacts ADD COLUMN email mathesar_types.email", {
        user: "dbadmin",
        database: "forced",
      });
      const result = removeAs("mathesar_connector", "forced", { force: "on" });
      expect(result.output).toContain("force=on: dropping them together with the schemas");
      expect(result.status).toBe(0);
      expect(userSchemas(pg, "forced")).toEqual(["msar_lookalike", "public", "sales"]);
      expect(
        pg.sql(
          "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'public.contacts'::regclass AND attnum > 0 AND NOT attisdropped",
          { database: "forced" },
        ),
      ).toBe("id,name");
    });

    test("a role that does not own the schemas cannot remove them; nothing changes", () => {
      userDatabaseWithMathesar("not_owner");
      const before = userSchemas(pg, "not_owner");
      const result = removeAs("dbadmin", "not_owner");
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/must be owner of schema/);
      expect(userSchemas(pg, "not_owner")).toEqual(before);
    });
  },
);
