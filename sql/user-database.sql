-- =====================================================================================================
-- Prepare an existing database (your data) for Mathesar: a dedicated role that Mathesar connects with.
-- =====================================================================================================
--
-- Who runs this: whoever administers the database holding the data (for example Supabase's `postgres`,
-- the RDS master user), connected TO THAT DATABASE. Not a superuser: the role you run it as needs
-- CREATEROLE (only if the connector role does not exist yet) and must own, or hold WITH GRANT OPTION,
-- what it grants (the database, the schema, its tables).
--
-- What Mathesar does in a database it connects to (read in Mathesar 0.11.0's source: db/sql/*.sql):
--   * when the database is connected, and again at each upgrade, the role it connects with installs
--     three schemas: `msar` and `__msar` (Mathesar's functions) and `mathesar_types` (its custom column
--     types such as email, uri, money). It creates them itself, so that role needs CREATE on the
--     database. Upgrades drop and re-create `msar` and `__msar`, so keep that privilege afterwards.
--     No extension, no superuser, nothing in your own schemas;
--   * it makes those schemas usable by every role (GRANT USAGE/EXECUTE/SELECT ... TO PUBLIC), so other
--     roles used through Mathesar need no CREATE of their own;
--   * importing a file into an existing table goes through a temporary table: TEMPORARY on the database
--     (granted to PUBLIC by default; granted here explicitly in case your server revoked it);
--   * every query a Mathesar user runs is sent as a PostgreSQL role: the one connected here, or another
--     role configured in Mathesar for that user (Mathesar's "database roles"). Ordinary PostgreSQL
--     privileges and row-level security (RLS) policies decide what that role sees and changes.
--
-- What this script does (and nothing else: it only creates a missing role and adds privileges; it
-- never alters an existing role, revokes, drops, or touches your tables' definitions):
--   1. creates the login role `mathesar_connector` (name configurable) if it does not exist: NO superuser,
--      NO CREATEDB, NO CREATEROLE, NO BYPASSRLS, NO REPLICATION. It refuses an existing role that is a
--      superuser or has BYPASSRLS, because row-level security would not apply to it;
--   2. grants CONNECT and TEMPORARY on the current database, plus CREATE when the role is the one that
--      connects the database in Mathesar (installer=on, the default);
--   3. grants USAGE on one schema (default `public`) and, on every table, view and sequence that exists
--      in it now: read-write (SELECT, INSERT, UPDATE, DELETE; USAGE, SELECT on sequences, needed to
--      insert into serial columns) or read-only (SELECT). No TRUNCATE, no table ownership. An object you
--      may not grant on (owned by someone else) is reported with a WARNING and skipped;
--   4. warns about what would defeat or surprise row-level security: tables of that schema owned by the
--      role (owners bypass RLS unless FORCE ROW LEVEL SECURITY), and tables with RLS enabled but no
--      policy that applies to the role (it will see no rows in them).
-- Run it once per schema you want to expose, and once per extra role.
--
-- -----------------------------------------------------------------------------------------------------
-- How to run it (psql 10 or later; values travel as psql variables, never pasted into the SQL):
--
--   psql "host=<server> port=5432 dbname=<your database> user=<admin role> sslmode=require" \
--        -v role=mathesar_connector -v schema=public -v access=readwrite \
--        -f sql/user-database.sql
--
--   Variables (all optional):
--     role       the role Mathesar connects with              default: mathesar_connector
--     schema     the schema whose tables it may use          default: public
--     access     readwrite | readonly                        default: readwrite
--     installer  on:  this role connects the database in Mathesar and installs Mathesar's schemas
--                     (gets CREATE on the database)
--                off: an extra role that Mathesar users are mapped to later (no CREATE)
--                                                             default: on
--     password   password for a NEW role. Leave it out and psql asks with `\password` (hashed on your
--                machine; the clear text never reaches the server). Passed with -v it is visible in
--                your process list and reaches the server in clear inside CREATE ROLE.
--
-- Tables created LATER are not covered by step 3. To cover tables that you (the role running this)
-- create later in the schema, run, connected to the same database (replace the names):
--   ALTER DEFAULT PRIVILEGES IN SCHEMA public
--     GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mathesar_connector;
--   ALTER DEFAULT PRIVILEGES IN SCHEMA public
--     GRANT USAGE, SELECT ON SEQUENCES TO mathesar_connector;
-- or simply run this script again after adding tables.
--
-- Tested: this file runs against a real PostgreSQL 15 server in __tests__/sql/user-database.test.ts
-- (role cannot bypass RLS, cannot read other schemas, cannot alter or drop your tables, can install
-- Mathesar's three schemas). Not tested against Supabase itself.
-- =====================================================================================================

\set ON_ERROR_STOP on
\set QUIET on

-- ---- Defaults for the variables --------------------------------------------------------------------
\if :{?role}
\else
  \set role mathesar_connector
\endif
\if :{?schema}
\else
  \set schema public
\endif
\if :{?access}
\else
  \set access readwrite
\endif
\if :{?installer}
\else
  \set installer on
\endif

-- ---- Sanity checks: fail before changing anything ----------------------------------------------------
SELECT pg_catalog.current_database() AS dbname,
       pg_catalog.current_setting('server_version_num')::int < 140000 AS server_too_old,
       :'role' = ''                                   AS empty_role,
       :'role' = current_user                         AS role_is_me,
       pg_catalog.current_database() IN ('template0', 'template1') AS template_database,
       :'access' NOT IN ('readwrite', 'readonly')     AS bad_access,
       :'access' = 'readwrite'                        AS readwrite,
       pg_catalog.lower(:'installer') NOT IN ('on', 'off', 'true', 'false') AS bad_installer,
       NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = :'schema') AS missing_schema,
       EXISTS (SELECT FROM pg_catalog.pg_roles
               WHERE rolname = :'role' AND (rolsuper OR rolbypassrls)) AS role_bypasses_rls
\gset
\if :server_too_old
  \echo 'Mathesar needs PostgreSQL 14 or later.'
  DO $$ BEGIN RAISE EXCEPTION 'server older than PostgreSQL 14: stopping, nothing was changed'; END $$;
\endif
\if :empty_role
  DO $$ BEGIN RAISE EXCEPTION 'the variable role must not be empty: nothing was changed'; END $$;
\endif
\if :role_is_me
  DO $$ BEGIN RAISE EXCEPTION 'role must name a dedicated role, not the admin role you are connected as: nothing was changed'; END $$;
\endif
\if :template_database
  DO $$ BEGIN RAISE EXCEPTION 'connect to the database that holds your data, not to a template database: nothing was changed'; END $$;
\endif
\if :bad_access
  DO $$ BEGIN RAISE EXCEPTION 'access must be readwrite or readonly: nothing was changed'; END $$;
\endif
\if :bad_installer
  DO $$ BEGIN RAISE EXCEPTION 'installer must be on or off: nothing was changed'; END $$;
\endif
\if :missing_schema
  \echo 'schema' :schema 'does not exist in database' :dbname
  DO $$ BEGIN RAISE EXCEPTION 'schema not found in this database: nothing was changed'; END $$;
\endif
\if :role_bypasses_rls
  -- A superuser or BYPASSRLS role ignores every row-level security policy. This script does not
  -- change existing roles: pick another role name, or remove the attribute yourself if you mean to
  -- (ALTER ROLE ... NOBYPASSRLS).
  \echo 'role' :role 'is a superuser or has BYPASSRLS: row-level security would not apply to it'
  DO $$ BEGIN RAISE EXCEPTION 'refusing a role that bypasses row-level security: nothing was changed'; END $$;
\endif

-- ---- 1. The role ---------------------------------------------------------------------------------------
SELECT NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = :'role') AS create_role,
       :{?password} AS password_given
\gset
\if :create_role
  \if :password_given
    SELECT :'password' = '' AS password_empty \gset
    \if :password_empty
      DO $$ BEGIN RAISE EXCEPTION 'the variable password is empty: leave it out to be asked for one: nothing was changed'; END $$;
    \endif
    CREATE ROLE :"role" LOGIN PASSWORD :'password'
      NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT;
  \else
    CREATE ROLE :"role" LOGIN
      NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT;
    \echo 'Choose the password of role' :role '(typed twice, not shown, hashed before it is sent):'
    \password :"role"
  \endif
  \echo 'created role' :role
\else
  \echo 'role' :role 'exists already: left unchanged (password and attributes untouched)'
\endif

-- ---- 2. The database -------------------------------------------------------------------------------------
-- CONNECT: log in to this database. TEMPORARY: temporary tables (file import into an existing table).
GRANT CONNECT, TEMPORARY ON DATABASE :"dbname" TO :"role";
\if :installer
  -- CREATE on the database = may create schemas. Mathesar's installer needs it for msar, __msar and
  -- mathesar_types (at connection and at every upgrade). It also lets Mathesar users create new schemas
  -- of their own from Mathesar's interface, owned by this role.
  GRANT CREATE ON DATABASE :"dbname" TO :"role";
\endif

-- ---- 3. The schema and its tables --------------------------------------------------------------------------
GRANT USAGE ON SCHEMA :"schema" TO :"role";

-- The names travel to the DO block below as session settings (custom `mathesar_setup.*` settings that
-- any role may set; gone at disconnect), because psql does not substitute variables inside $$ ... $$.
SELECT pg_catalog.set_config('mathesar_setup.role', :'role', false) IS NOT NULL AS setup_role_set,
       pg_catalog.set_config('mathesar_setup.schema', :'schema', false) IS NOT NULL AS setup_schema_set,
       pg_catalog.set_config('mathesar_setup.readwrite', :'readwrite', false) IS NOT NULL AS setup_access_set
\gset
DO $$
DECLARE
  role_name   text := pg_catalog.current_setting('mathesar_setup.role');
  schema_name text := pg_catalog.current_setting('mathesar_setup.schema');
  readwrite   boolean := pg_catalog.current_setting('mathesar_setup.readwrite')::boolean;
  tab         record;
BEGIN
  -- Like GRANT ... ON ALL TABLES / ALL SEQUENCES IN SCHEMA (tables, views, materialized views, foreign
  -- tables; sequences), but one object at a time, so that an object you may not grant on (owned by
  -- someone else) is reported and skipped instead of stopping everything.
  FOR tab IN
    SELECT c.oid::regclass AS name, c.relkind = 'S' AS is_sequence
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    ORDER BY c.relkind = 'S', c.relname
  LOOP
    BEGIN
      IF tab.is_sequence THEN
        -- serial/bigserial columns draw from sequences: inserting into them needs USAGE.
        IF readwrite THEN
          EXECUTE pg_catalog.format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', tab.name, role_name);
        END IF;
      ELSIF readwrite THEN
        EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %s TO %I', tab.name, role_name);
      ELSE
        EXECUTE pg_catalog.format('GRANT SELECT ON TABLE %s TO %I', tab.name, role_name);
      END IF;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'nothing granted on %: you neither own it nor may grant on it (%)', tab.name, SQLERRM;
    END;
  END LOOP;
END
$$;
-- To expose only some tables instead, replace the block above by plain grants, for example:
--   GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.customers, public.orders TO mathesar_connector;

-- ---- 4. Row-level security: warn about what would defeat or surprise it ---------------------------------
DO $$
DECLARE
  role_name   text := pg_catalog.current_setting('mathesar_setup.role');
  schema_name text := pg_catalog.current_setting('mathesar_setup.schema');
  tab         record;
BEGIN
  -- Owners are exempt from their tables' policies (unless FORCE ROW LEVEL SECURITY), and can ALTER or
  -- DROP them. This script never transfers ownership; this only reports it.
  FOR tab IN
    SELECT c.oid::regclass AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND pg_catalog.pg_has_role(role_name, c.relowner, 'USAGE')
  LOOP
    RAISE WARNING 'role % owns (or inherits the owner of) %: it can alter or drop it, and row-level security does not apply to it there%',
      role_name, tab.name, CASE WHEN tab.rls AND tab.forced THEN ' (except that FORCE ROW LEVEL SECURITY is on)' ELSE '' END;
  END LOOP;

  -- RLS enabled, but no policy names this role, a role it belongs to, or PUBLIC: the role sees no row.
  -- Typical on Supabase, whose policies are usually written TO authenticated / anon.
  FOR tab IN
    SELECT c.oid::regclass AS name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p') AND c.relrowsecurity
      AND NOT pg_catalog.pg_has_role(role_name, c.relowner, 'USAGE')
      AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_policy p
        WHERE p.polrelid = c.oid
          AND (0::oid = ANY (p.polroles)
               OR EXISTS (SELECT FROM pg_catalog.unnest(p.polroles) AS r(oid)
                          WHERE pg_catalog.pg_has_role(role_name, r.oid, 'USAGE'))))
  LOOP
    RAISE WARNING 'table % has row-level security enabled but no policy applies to role %: it will see no rows there until you add one (CREATE POLICY ... TO %)',
      tab.name, role_name, pg_catalog.quote_ident(role_name);
  END LOOP;
END
$$;

-- ---- 5. Check and report ----------------------------------------------------------------------------------
-- GRANT only warns ("no privileges were granted") when you lack the right to grant: check the outcome.
SELECT pg_catalog.has_database_privilege(:'role', :'dbname', 'CONNECT') AS can_connect,
       pg_catalog.has_database_privilege(:'role', :'dbname', 'CREATE') AS can_install,
       pg_catalog.has_schema_privilege(:'role', :'schema', 'USAGE') AS can_use_schema
\gset
\if :can_connect
\else
  DO $$ BEGIN RAISE EXCEPTION 'the role still cannot connect to this database: ask the database''s owner to run this script (see the warnings above)'; END $$;
\endif
\if :can_use_schema
\else
  DO $$ BEGIN RAISE EXCEPTION 'the role still cannot use the schema: ask the schema''s owner to run this script (see the warnings above)'; END $$;
\endif
\if :installer
  \if :can_install
  \else
    DO $$ BEGIN RAISE EXCEPTION 'the role still cannot create schemas in this database, so Mathesar could not install: ask the database''s owner to run this script (see the warnings above)'; END $$;
  \endif
\endif
\echo 'OK: role' :role 'can connect to database' :dbname 'and use schema' :schema 'with access' :access
\if :can_install
  \echo '    it may create schemas here, so it can install Mathesar (msar, __msar, mathesar_types)'
\else
  \echo '    it may not create schemas here: connect the database in Mathesar with an installer=on role first'
\endif
SELECT rolname AS role, rolsuper AS superuser, rolbypassrls AS bypassrls, rolcreatedb AS createdb,
       rolcreaterole AS createrole, rolcanlogin AS login
FROM pg_catalog.pg_roles WHERE rolname = :'role';
