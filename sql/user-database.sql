-- =====================================================================================================
-- Prepare an existing database (your data) for Mathesar: a dedicated role that Mathesar connects with.
-- =====================================================================================================
--
-- Who runs this: whoever administers the database holding the data (for example Supabase's `postgres`,
-- the RDS master user), connected TO THAT DATABASE. Not a superuser: the role you run it as needs
-- CREATEROLE (only if the connector role does not exist yet) and must own, or hold WITH GRANT OPTION,
-- what it grants (the schema, its tables; the database only where step 2 must grant on it).
--
-- What Mathesar does in a database it connects to (read in Mathesar 0.11.0's source: db/sql/*.sql and
-- db/sql/install.py):
--   * when the database is connected, and at each "upgrade", the role it connects with (or the role typed
--     into the upgrade form) runs its installer in one transaction. The installer runs `CREATE SCHEMA IF
--     NOT EXISTS` for `msar`, `__msar` and `mathesar_types` every time, and drops and re-creates `msar`
--     and `__msar`. PostgreSQL checks CREATE on the database before it looks whether a schema exists, so
--     THAT ROLE NEEDS CREATE ON THE DATABASE AT EVERY INSTALL OR UPGRADE; pre-created schemas do not help.
--     The installer creates functions and types only in those schemas and grants their use to PUBLIC; it
--     changes nothing in your own schemas;
--   * importing a file into an existing table goes through a temporary table: TEMPORARY on the database;
--   * every query a Mathesar user runs is sent as a PostgreSQL role: the one connected here, or another
--     role configured in Mathesar for that user (Mathesar's "database roles"). Ordinary PostgreSQL
--     privileges and row-level security (RLS) policies decide what that role sees and changes.
--
-- Why this role does NOT keep CREATE on the database: a role that may create schemas may create one
-- named after another role (`postgres`, `supabase_admin`, ...). Most roles search `"$user"` first, so
-- that admin's next unqualified query can run the role's functions with the admin's privileges: the role
-- becomes whatever that admin is, up to SUPERUSER. __tests__/sql/supabase.test.ts shows it happening.
-- So CREATE on the database is given only while Mathesar installs or upgrades its schemas (install=on),
-- and a run without install=on takes it back and checks what was created meanwhile.
--
-- What this script does, in ONE transaction (if anything fails, nothing is left behind, not even the role):
--   1. creates the login role `mathesar_connector` (name configurable) if it does not exist: NO superuser,
--      NO CREATEDB, NO CREATEROLE, NO BYPASSRLS, NO REPLICATION, and never without a password. It refuses
--      an existing role that is a superuser, has BYPASSRLS, or may become one that does;
--   2. the database: CONNECT and TEMPORARY (only if the role does not already have them, e.g. through
--      PUBLIC, PostgreSQL's default). install=on: also CREATE, for Mathesar's installer. install=off
--      (default): revokes a CREATE granted earlier, refuses to finish if the role can still create
--      schemas or owns a schema named after a role, and lists any other schema it created meanwhile.
--      Keeping install=on for good (so that Mathesar's users can create schemas from its interface) is
--      an explicit choice that keeps the risk described above;
--   3. USAGE on one schema (default `public`) and, on what exists in it now: tables and foreign tables
--      read-write (SELECT, INSERT, UPDATE, DELETE; USAGE, SELECT on sequences) or read-only (SELECT).
--      No TRUNCATE, no ownership. Views only if they run with the caller's rights (security_invoker,
--      PostgreSQL 15+): a view without it reads its tables with its OWNER's rights, so an RLS-exempt owner
--      (such as Supabase's `postgres`) would hand out every hidden row. Such views and materialized views
--      are skipped with a WARNING (and privileges an earlier run gave on them are revoked). An object you
--      may not grant on (owned by someone else) is reported with a WARNING and skipped;
--   4. warns about what would defeat or surprise row-level security or your columns: tables the role
--      owns or can SET ROLE to the owner of, tables with RLS but no policy for the role, RESTRICTIVE
--      policies naming the role (it can remove those itself with DROP OWNED BY), columns of your tables
--      whose type the role owns (it could drop them with DROP TYPE ... CASCADE), and schemas owned by
--      others where it may create objects (PostgreSQL 14's default for public).
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
--     install    on:  also grant CREATE on the database, so that Mathesar's installer can run as this
--                     role (connecting the database in Mathesar, or an upgrade). Run again without it
--                     once Mathesar has connected or upgraded.
--                off: no CREATE on the database (revoked if an earlier run granted it) default: off
--     password   password for a NEW role (required to create one). Passed with -v it is visible in
--                your process list and reaches the server in clear inside CREATE ROLE. To avoid both,
--                create the role yourself first in an interactive psql, then run this file:
--                  CREATE ROLE mathesar_connector LOGIN;
--                  \password mathesar_connector
--
-- Tables created LATER are not covered by step 3. To cover tables that you (the role running this)
-- create later in the schema, run, connected to the same database (replace the names):
--   ALTER DEFAULT PRIVILEGES IN SCHEMA public
--     GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mathesar_connector;
--   ALTER DEFAULT PRIVILEGES IN SCHEMA public
--     GRANT USAGE, SELECT ON SEQUENCES TO mathesar_connector;
-- Careful: default privileges ON TABLES also cover views created later, including views that run with
-- their owner's rights (see step 3). With them, create every view WITH (security_invoker = true), or
-- rather run this file again after adding tables.
--
-- Tested: this file runs against a real PostgreSQL 15 server in __tests__/sql/user-database.test.ts and,
-- laid out like a hosted Supabase project, in __tests__/sql/supabase.test.ts. Not tested against Supabase
-- itself.
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
\if :{?install}
\else
  \set install off
\endif
\if :{?installer}
  -- Earlier versions had `installer`, which kept CREATE on the database for good.
  \echo 'the variable installer was replaced by install (on only while Mathesar installs or upgrades): see the header of this file'
  DO $$ BEGIN RAISE EXCEPTION 'unknown variable installer: nothing was changed'; END $$;
\endif

-- Everything below is one transaction: a failure anywhere leaves the server as it was.
BEGIN;

-- ---- Sanity checks: fail before changing anything ----------------------------------------------------
SELECT pg_catalog.current_database() AS dbname,
       pg_catalog.current_setting('server_version_num')::int < 140000 AS server_too_old,
       pg_catalog.current_setting('server_version_num')::int >= 150000 AS has_security_invoker,
       :'role' = ''                                   AS empty_role,
       :'role' = current_user                         AS role_is_me,
       pg_catalog.current_database() IN ('template0', 'template1') AS template_database,
       :'access' NOT IN ('readwrite', 'readonly')     AS bad_access,
       :'access' = 'readwrite'                        AS readwrite,
       pg_catalog.lower(:'install') NOT IN ('on', 'off', 'true', 'false') AS bad_install,
       NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = :'schema') AS missing_schema,
       EXISTS (SELECT FROM pg_catalog.pg_roles
               WHERE rolname = :'role' AND (rolsuper OR rolbypassrls)) AS role_bypasses_rls,
       EXISTS (SELECT FROM pg_catalog.pg_roles r, pg_catalog.pg_roles exempt
               WHERE r.rolname = :'role' AND exempt.oid <> r.oid AND (exempt.rolsuper OR exempt.rolbypassrls)
                 AND pg_catalog.pg_has_role(r.oid, exempt.oid, 'MEMBER')) AS role_can_become_exempt
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
\if :bad_install
  DO $$ BEGIN RAISE EXCEPTION 'install must be on or off: nothing was changed'; END $$;
\endif
\if :missing_schema
  \echo 'schema' :schema 'does not exist in database' :dbname
  DO $$ BEGIN RAISE EXCEPTION 'schema not found in this database: nothing was changed'; END $$;
\endif
\if :role_bypasses_rls
  -- A superuser or BYPASSRLS role ignores every row-level security policy. This script does not
  -- change existing roles' attributes: pick another role name, or remove the attribute yourself.
  \echo 'role' :role 'is a superuser or has BYPASSRLS: row-level security would not apply to it'
  DO $$ BEGIN RAISE EXCEPTION 'refusing a role that bypasses row-level security: nothing was changed'; END $$;
\endif
\if :role_can_become_exempt
  -- A member can SET ROLE to a superuser or BYPASSRLS role it belongs to.
  \echo 'role' :role 'is a member of a superuser or BYPASSRLS role: it could SET ROLE to it'
  DO $$ BEGIN RAISE EXCEPTION 'refusing a role that can become a role that bypasses row-level security: nothing was changed'; END $$;
\endif

-- ---- 1. The role ---------------------------------------------------------------------------------------
SELECT NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = :'role') AS create_role,
       :{?password} AS password_given
\gset
\if :create_role
  \if :password_given
    SELECT :'password' = '' AS password_empty \gset
  \else
    \set password_empty true
  \endif
  \if :password_empty
    \echo 'Give a password with -v password=..., or create the role yourself first in psql:'
    \echo '    CREATE ROLE' :role 'LOGIN;'
    \echo '    \\password' :role
    SELECT pg_catalog.set_config('mathesar_setup.role', :'role', false) IS NOT NULL AS setup_role_set \gset
    DO $$ BEGIN RAISE EXCEPTION 'refusing to create login role % without a password: nothing was changed', pg_catalog.current_setting('mathesar_setup.role'); END $$;
  \endif
  CREATE ROLE :"role" LOGIN PASSWORD :'password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT;
  \echo 'creating role' :role
\else
  \echo 'role' :role 'exists already: left unchanged (password and attributes untouched)'
\endif

-- ---- 2. The database -------------------------------------------------------------------------------------
-- CONNECT: log in to this database. TEMPORARY: temporary tables (file import into an existing table).
-- PostgreSQL gives both to PUBLIC by default; grant only what is missing, because an admin without grant
-- option on the database (Supabase's `postgres`) cannot grant them.
SELECT NOT pg_catalog.has_database_privilege(:'role', :'dbname', 'CONNECT') AS grant_connect,
       NOT pg_catalog.has_database_privilege(:'role', :'dbname', 'TEMPORARY') AS grant_temporary
\gset
\if :grant_connect
  GRANT CONNECT ON DATABASE :"dbname" TO :"role";
\endif
\if :grant_temporary
  GRANT TEMPORARY ON DATABASE :"dbname" TO :"role";
\endif
\if :install
  -- The install window: Mathesar's installer runs CREATE SCHEMA at every install or upgrade.
  GRANT CREATE ON DATABASE :"dbname" TO :"role";
  SELECT pg_catalog.has_database_privilege(:'role', :'dbname', 'CREATE') AS can_install \gset
  \if :can_install
  \else
    \echo 'You may not grant CREATE on database' :dbname '(you neither own it nor hold it WITH GRANT OPTION; on Supabase, postgres cannot).'
    \echo 'Install Mathesar''s schemas as a role that may create schemas instead: see docs/supabase.md, section 5.'
    SELECT pg_catalog.set_config('mathesar_setup.dbname', :'dbname', false) IS NOT NULL AS setup_dbname_set \gset
    DO $$ BEGIN RAISE EXCEPTION 'cannot grant CREATE on database %: nothing was changed', pg_catalog.current_setting('mathesar_setup.dbname'); END $$;
  \endif
\else
  -- Take back a CREATE that an install window (or an earlier version of this file) granted. REVOKE only
  -- removes what you granted: whatever is left is checked below.
  SELECT EXISTS (SELECT FROM pg_catalog.pg_database d, pg_catalog.aclexplode(d.datacl) a
                 WHERE d.datname = :'dbname' AND a.privilege_type = 'CREATE'
                   AND a.grantee = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = :'role')) AS revoke_create
  \gset
  \if :revoke_create
    REVOKE CREATE ON DATABASE :"dbname" FROM :"role";
    \echo 'revoked CREATE on database' :dbname 'from role' :role '(the install window is closed)'
  \endif
\endif

-- ---- 3. The schema and its tables --------------------------------------------------------------------------
SELECT NOT pg_catalog.has_schema_privilege(:'role', :'schema', 'USAGE') AS grant_usage \gset
\if :grant_usage
  GRANT USAGE ON SCHEMA :"schema" TO :"role";
\endif

-- The names travel to the DO blocks below as transaction-local settings (custom `mathesar_setup.*`
-- settings that any role may set), because psql does not substitute variables inside $$ ... $$.
SELECT pg_catalog.set_config('mathesar_setup.role', :'role', true) IS NOT NULL AS setup_role_set,
       pg_catalog.set_config('mathesar_setup.schema', :'schema', true) IS NOT NULL AS setup_schema_set,
       pg_catalog.set_config('mathesar_setup.readwrite', :'readwrite', true) IS NOT NULL AS setup_access_set,
       pg_catalog.set_config('mathesar_setup.invoker_views', :'has_security_invoker', true) IS NOT NULL AS setup_views_set
\gset
DO $$
DECLARE
  role_name     text := pg_catalog.current_setting('mathesar_setup.role');
  schema_name   text := pg_catalog.current_setting('mathesar_setup.schema');
  readwrite     boolean := pg_catalog.current_setting('mathesar_setup.readwrite')::boolean;
  invoker_views boolean := pg_catalog.current_setting('mathesar_setup.invoker_views')::boolean;
  tab           record;
BEGIN
  -- Like GRANT ... ON ALL TABLES / ALL SEQUENCES IN SCHEMA, but one object at a time, so that an object
  -- you may not grant on is reported and skipped, and views are looked at one by one.
  FOR tab IN
    SELECT c.oid::regclass AS name, c.relname, c.relkind,
           -- security_invoker as PostgreSQL stores it: `security_invoker=true`, `=on`, `=1`...
           EXISTS (SELECT FROM pg_catalog.unnest(c.reloptions) AS o(opt)
                   WHERE pg_catalog.lower(o.opt) IN ('security_invoker=true', 'security_invoker=on', 'security_invoker=yes', 'security_invoker=1')) AS invoker
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    ORDER BY c.relkind = 'S', c.relname
  LOOP
    BEGIN
      IF tab.relkind = 'm' OR (tab.relkind = 'v' AND NOT (invoker_views AND tab.invoker)) THEN
        -- A view without security_invoker reads its tables as its owner: the owner's RLS exemption (or
        -- the owner's policies) would apply instead of the role's. A materialized view has no RLS at all.
        RAISE WARNING 'nothing granted on % %: it runs with the rights of its owner, so row-level security of its tables would not apply to role % (%)',
          CASE tab.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, tab.name, role_name,
          CASE WHEN tab.relkind = 'm' THEN 'expose the underlying table instead'
               WHEN invoker_views THEN pg_catalog.format('ALTER VIEW %s SET (security_invoker = true), then run this file again', tab.name)
               ELSE 'PostgreSQL 15 or later can run views as the caller (security_invoker)' END;
        IF pg_catalog.has_table_privilege(role_name, tab.name, 'SELECT, INSERT, UPDATE, DELETE') THEN
          EXECUTE pg_catalog.format('REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLE %s FROM %I', tab.name, role_name);
          RAISE WARNING 'revoked what an earlier run granted on %', tab.name;
        END IF;
      ELSIF tab.relkind = 'S' THEN
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

-- ---- 4. Warn about what would defeat or surprise row-level security, or endanger your columns ------------
DO $$
DECLARE
  role_name   text := pg_catalog.current_setting('mathesar_setup.role');
  schema_name text := pg_catalog.current_setting('mathesar_setup.schema');
  item        record;
BEGIN
  -- Owners are exempt from their tables' policies (unless FORCE ROW LEVEL SECURITY), and can ALTER or
  -- DROP them. MEMBER: a role can SET ROLE to a role it belongs to, even without inheriting its rights.
  -- This script never transfers ownership; this only reports it.
  FOR item IN
    SELECT c.oid::regclass AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND pg_catalog.pg_has_role(role_name, c.relowner, 'MEMBER')
  LOOP
    RAISE WARNING 'role % owns (or can act as the owner of) %: it can alter or drop it, and row-level security does not apply to it there%',
      role_name, item.name, CASE WHEN item.rls AND item.forced THEN ' (except that FORCE ROW LEVEL SECURITY is on)' ELSE '' END;
  END LOOP;

  -- RLS enabled, but no policy names this role, a role it belongs to, or PUBLIC: the role sees no row.
  -- Typical on Supabase, whose policies are usually written TO authenticated / anon.
  FOR item IN
    SELECT c.oid::regclass AS name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = schema_name AND c.relkind IN ('r', 'p') AND c.relrowsecurity
      AND NOT pg_catalog.pg_has_role(role_name, c.relowner, 'USAGE')
      AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_policy p
        WHERE p.polrelid = c.oid AND p.polpermissive
          AND (0::oid = ANY (p.polroles)
               OR EXISTS (SELECT FROM pg_catalog.unnest(p.polroles) AS r(oid)
                          WHERE pg_catalog.pg_has_role(role_name, r.oid, 'USAGE'))))
  LOOP
    RAISE WARNING 'table % has row-level security enabled but no policy applies to role %: it will see no rows there until you add one (CREATE POLICY ... TO %)',
      item.name, role_name, pg_catalog.quote_ident(role_name);
  END LOOP;

  -- DROP OWNED BY, which any role may run on itself, deletes the policies that name only that role. A
  -- RESTRICTIVE policy written TO the role is therefore a limit the role can lift.
  FOR item IN
    SELECT p.polname, p.polrelid::regclass AS tab
    FROM pg_catalog.pg_policy p
    WHERE NOT p.polpermissive
      AND (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = role_name) = ANY (p.polroles)
  LOOP
    RAISE WARNING 'restrictive policy % on % names role %: the role can delete it with DROP OWNED BY; write such limits TO PUBLIC with a test on current_user',
      item.polname, item.tab, role_name;
  END LOOP;

  -- The owner of a type may drop it WITH CASCADE, which drops every column of that type, in any table.
  FOR item IN
    SELECT a.attrelid::regclass AS tab, a.attname, a.atttypid::regtype AS typ
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
      AND pg_catalog.pg_has_role(role_name, t.typowner, 'MEMBER')
      AND NOT pg_catalog.pg_has_role(role_name, c.relowner, 'MEMBER')
  LOOP
    RAISE WARNING 'column %.% is of type %, which role % owns: the role could drop that column (DROP TYPE ... CASCADE)',
      item.tab, pg_catalog.quote_ident(item.attname), item.typ, role_name;
  END LOOP;

  -- CREATE in a schema someone else owns (PostgreSQL 14's default for public): functions or operators
  -- the role puts there can be picked by other roles' unqualified calls, with their rights.
  FOR item IN
    SELECT n.nspname
    FROM pg_catalog.pg_namespace n
    WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
      AND pg_catalog.has_schema_privilege(role_name, n.oid, 'CREATE')
      AND NOT pg_catalog.pg_has_role(role_name, n.nspowner, 'MEMBER')
  LOOP
    RAISE WARNING 'role % may create objects in schema %, which it does not own: its functions there could catch other roles'' unqualified calls (REVOKE CREATE ON SCHEMA % FROM PUBLIC, or from the role)',
      role_name, pg_catalog.quote_ident(item.nspname), pg_catalog.quote_ident(item.nspname);
  END LOOP;
END
$$;

-- ---- 5. Check and report ----------------------------------------------------------------------------------
-- GRANT only warns ("no privileges were granted") when you lack the right to grant: check the outcome.
SELECT pg_catalog.has_database_privilege(:'role', :'dbname', 'CONNECT') AS can_connect,
       pg_catalog.has_database_privilege(:'role', :'dbname', 'CREATE') AS can_create_schemas,
       pg_catalog.has_schema_privilege(:'role', :'schema', 'USAGE') AS can_use_schema,
       -- coalesce: \gset unsets a variable for a NULL
       coalesce(pg_catalog.string_agg(pg_catalog.quote_ident(n.nspname), ', ' ORDER BY n.nspname), '') AS foreign_schemas,
       coalesce(pg_catalog.string_agg(pg_catalog.quote_ident(n.nspname), ', ' ORDER BY n.nspname)
         FILTER (WHERE EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = n.nspname)), '') AS role_named_schemas
FROM (SELECT 1) AS one
LEFT JOIN pg_catalog.pg_namespace n
  ON n.nspowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = :'role')
 AND n.nspname NOT IN ('msar', '__msar', 'mathesar_types')
\gset
\if :can_connect
\else
  DO $$ BEGIN RAISE EXCEPTION 'the role still cannot connect to this database and you may not grant it: ask the database''s owner (see the warnings above); nothing was changed'; END $$;
\endif
\if :can_use_schema
\else
  DO $$ BEGIN RAISE EXCEPTION 'the role still cannot use the schema and you may not grant it: ask the schema''s owner (see the warnings above); nothing was changed'; END $$;
\endif
\if :install
\else
  \if :can_create_schemas
    -- Granted by someone else, through PUBLIC, a role it belongs to, or ownership of the database: the
    -- REVOKE above (which removes only your own grants) could not help.
    \echo 'role' :role 'can still create schemas in database' :dbname '(granted by another role, through PUBLIC, a role it is a member of, or as its owner).'
    \echo 'Find it with: SELECT datacl FROM pg_database WHERE datname = current_database();'
    DO $$ BEGIN RAISE EXCEPTION 'the role can create schemas, so it could take over other roles through their search_path; nothing was changed'; END $$;
  \endif
  SELECT :'role_named_schemas' <> '' AS has_role_named_schemas, :'foreign_schemas' <> '' AS has_foreign_schemas \gset
  \if :has_role_named_schemas
    -- The escalation itself: a schema named after a role, which "$user" in its search_path would pick.
    \echo 'role' :role 'owns schemas named after roles:' :role_named_schemas
    \echo 'Look at their functions, then drop them (as their owner): DROP SCHEMA <name> CASCADE;'
    DO $$ BEGIN RAISE EXCEPTION 'the role owns a schema named after a role: the install window was misused, or Mathesar users created it; nothing was changed'; END $$;
  \endif
  \if :has_foreign_schemas
    \echo 'note: role' :role 'also owns these schemas (created from Mathesar while it could):' :foreign_schemas
  \endif
\endif

COMMIT;

\echo 'OK: role' :role 'can connect to database' :dbname 'and use schema' :schema 'with access' :access
\if :install
  \echo '    install window OPEN: it may create schemas here. Connect (or upgrade) the database in Mathesar now,'
  \echo '    then run this file again without install=on to close it.'
\else
  \echo '    it may not create schemas here: Mathesar can use the database, but not install or upgrade its schemas'
  \echo '    as this role (run with -v install=on for that, or install as another role: see the docs)'
\endif
SELECT rolname AS role, rolsuper AS superuser, rolbypassrls AS bypassrls, rolcreatedb AS createdb,
       rolcreaterole AS createrole, rolcanlogin AS login
FROM pg_catalog.pg_roles WHERE rolname = :'role';
