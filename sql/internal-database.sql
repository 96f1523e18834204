-- =====================================================================================================
-- Mathesar's internal database and role, on a PostgreSQL server where you are NOT a superuser.
-- =====================================================================================================
--
-- Who runs this: the administrator of a PostgreSQL server (version 14 to 18), connected as the
-- server's admin role. That role needs CREATEROLE (to create Mathesar's role) and CREATEDB (to create
-- the database); it does not need to be a superuser. Examples: the RDS master user, DigitalOcean's
-- `doadmin`, Cloud SQL's `postgres`, Supabase's `postgres`.
--
-- What it does (and nothing else):
--   1. creates the login role `mathesar` (name configurable) if it does not exist yet. The role gets
--      NO superuser, NO CREATEDB, NO CREATEROLE, NO BYPASSRLS, NO REPLICATION. An existing role is never
--      changed: not its password, not its attributes;
--   2. creates the database `mathesar` (name configurable) if it does not exist yet;
--   3. makes the database usable by the role:
--      - when this run created the database, it hands the database to the role
--        (`ALTER DATABASE ... OWNER TO`). PostgreSQL allows that only if you may act as the role, so the
--        script first makes you a member of it (`GRANT mathesar TO CURRENT_USER`). That membership is
--        left in place: it lets you manage (and, one day, drop) the database. It gives you nothing you
--        did not have already, since a CREATEROLE admin can reset the role's password anyway;
--      - otherwise (the database already existed, or the hand-over was refused) it grants instead:
--        `CONNECT, TEMPORARY` on the database and `USAGE, CREATE` on its `public` schema. That is what
--        Mathesar's own pre-deploy bootstrap grants (modules/mathesar/admin-bootstrap.ts). Not CREATE on
--        the database: Mathesar's tables go into `public`, and a role that may create schemas could create
--        one named after another role and catch that role's unqualified queries through "$user";
--   4. checks the result and fails loudly if Mathesar's role still could not create its tables.
--
-- It is idempotent: run it again and it changes nothing (it reports what it finds).
-- It never drops, revokes or alters anything that existed before.
--
-- Why this is enough: Mathesar's internal database holds its users, sessions and the encrypted
-- credentials of the databases it connects to. Its Django migrations create ordinary tables in the
-- `public` schema; they install no extension and need no superuser. Since PostgreSQL 15, ordinary roles
-- may not create tables in the `public` schema of a database they do not own: hence step 3.
--
-- -----------------------------------------------------------------------------------------------------
-- How to run it (psql 10 or later; every value is passed as a psql variable, never pasted into the SQL):
--
--   psql "host=<server> port=5432 dbname=postgres user=<admin role> sslmode=require" \
--        -v role=mathesar -v dbname=mathesar \
--        -f sql/internal-database.sql
--
--   Variables (all optional):
--     role      name of Mathesar's role             default: mathesar
--     dbname    name of Mathesar's internal database default: mathesar
--     password  password for a NEW role, required to create one (never a login role without one).
--               Passed with -v it is visible in your process list and the server sees it in clear text
--               inside CREATE ROLE (a server that logs DDL statements would log it). To avoid both,
--               create the role yourself first in an interactive psql, then run this file:
--                 CREATE ROLE mathesar LOGIN;
--                 \password mathesar
--               (\password hashes it on your machine). Ignored when the role already exists.
--
--   Then give the deployment: POSTGRES_HOST=<server>, POSTGRES_DB=<dbname>, POSTGRES_USER=<role>,
--   POSTGRES_PASSWORD=<the password, from a secret store>, POSTGRES_SSLMODE=require.
--
-- Optional extras for Mathesar's role, NOT granted here (only if you want those features):
--   ALTER ROLE mathesar CREATEDB;     -- lets Mathesar create new databases from its interface
--   ALTER ROLE mathesar CREATEROLE;   -- lets Mathesar create and manage PostgreSQL roles
--
-- Tested: this file runs against a real PostgreSQL 15 server in __tests__/sql/internal-database.test.ts,
-- as a non-superuser admin with CREATEROLE and CREATEDB, twice in a row. The PostgreSQL 16+ behaviour
-- described below (membership and SET ROLE) follows the PostgreSQL documentation and is not tested here.
-- =====================================================================================================

\set ON_ERROR_STOP on
\set QUIET on

-- ---- Defaults for the variables --------------------------------------------------------------------
\if :{?role}
\else
  \set role mathesar
\endif
\if :{?dbname}
\else
  \set dbname mathesar
\endif

-- ---- Sanity checks: fail before changing anything ----------------------------------------------------
SELECT pg_catalog.current_setting('server_version_num')::int < 140000 AS server_too_old,
       :'role' = '' OR :'dbname' = ''                                 AS empty_name,
       :'role' = current_user                                         AS role_is_me,
       :'dbname' IN ('postgres', 'template0', 'template1')            AS reserved_database
\gset
\if :server_too_old
  \echo 'Mathesar needs PostgreSQL 14 or later.'
  DO $$ BEGIN RAISE EXCEPTION 'server older than PostgreSQL 14: stopping, nothing was changed'; END $$;
\endif
\if :empty_name
  DO $$ BEGIN RAISE EXCEPTION 'the variables role and dbname must not be empty: nothing was changed'; END $$;
\endif
\if :role_is_me
  -- Mathesar's role must be its own, unprivileged role, not the admin role running this script.
  DO $$ BEGIN RAISE EXCEPTION 'role must name Mathesar''s own role, not the admin role you are connected as: nothing was changed'; END $$;
\endif
\if :reserved_database
  -- Mathesar's internal database must be a database of its own. (On Supabase, `postgres` holds your data.)
  DO $$ BEGIN RAISE EXCEPTION 'dbname must name a database of Mathesar''s own, not postgres/template0/template1: nothing was changed'; END $$;
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
    -- psql's \password, used here before, reads an empty password from a non-interactive input, and
    -- the server then creates the login role without any.
    \echo 'Give a password with -v password=<password>, or create the role yourself first in psql:'
    \echo '    CREATE ROLE' :role 'LOGIN;'
    \echo '    \\password' :role
    SELECT pg_catalog.set_config('mathesar_setup.role', :'role', false) IS NOT NULL AS setup_role_set \gset
    DO $$ BEGIN RAISE EXCEPTION 'refusing to create login role % without a password: nothing was changed', pg_catalog.current_setting('mathesar_setup.role'); END $$;
  \endif
  CREATE ROLE :"role" LOGIN PASSWORD :'password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT;
  \echo 'created role' :role
\else
  \echo 'role' :role 'exists already: left unchanged (password and attributes untouched)'
\endif

-- ---- 2. The database -----------------------------------------------------------------------------------
SELECT NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = :'dbname') AS create_database \gset
\if :create_database
  -- CREATE DATABASE cannot run inside a transaction or a DO block, hence this psql-level \if.
  CREATE DATABASE :"dbname";
  \echo 'created database' :dbname

  -- ---- 3a. Hand the new database to Mathesar's role, if PostgreSQL lets us ---------------------------
  -- psql does not substitute variables inside a dollar-quoted DO body, so the names travel as two
  -- session settings (custom `mathesar_setup.*` settings that any role may set; gone at disconnect).
  SELECT pg_catalog.set_config('mathesar_setup.role', :'role', false) IS NOT NULL AS setup_role_set,
         pg_catalog.set_config('mathesar_setup.dbname', :'dbname', false) IS NOT NULL AS setup_dbname_set
  \gset
  DO $$
  DECLARE
    role_name text := pg_catalog.current_setting('mathesar_setup.role');
    db_name   text := pg_catalog.current_setting('mathesar_setup.dbname');
  BEGIN
    -- ALTER DATABASE ... OWNER TO needs: you own the database (you just created it), you have CREATEDB,
    -- and you may act as the new owner. PostgreSQL 14/15: being a member of the role. PostgreSQL 16+:
    -- being able to SET ROLE to it; a CREATEROLE admin that created the role holds ADMIN OPTION on it
    -- and so may grant itself that membership.
    EXECUTE pg_catalog.format('GRANT %I TO CURRENT_USER', role_name);
    EXECUTE pg_catalog.format('ALTER DATABASE %I OWNER TO %I', db_name, role_name);
    RAISE NOTICE 'database % is now owned by role % (you are a member of %)', db_name, role_name, role_name;
  EXCEPTION
    -- For example a role created by someone else, on PostgreSQL 16+ where you hold no ADMIN OPTION on
    -- it. Everything in this block is undone; step 3b grants privileges instead.
    WHEN insufficient_privilege OR invalid_grant_operation THEN
      RAISE NOTICE 'could not hand database % to role % (%); granting privileges instead', db_name, role_name, SQLERRM;
  END
  $$;
\else
  -- An existing database is never handed over: it may be one someone else relies on.
  \echo 'database' :dbname 'exists already: its owner is left unchanged'
\endif

-- ---- 3b. Otherwise grant what Mathesar needs ---------------------------------------------------------
SELECT pg_catalog.pg_get_userbyid(datdba) = :'role' AS role_owns_database
FROM pg_catalog.pg_database WHERE datname = :'dbname'
\gset
\if :role_owns_database
  \echo 'role' :role 'owns database' :dbname '(nothing to grant)'
\else
  -- Needs you to own the database or to hold these privileges WITH GRANT OPTION.
  GRANT CONNECT, TEMPORARY ON DATABASE :"dbname" TO :"role";
\endif

-- Switch to the new database, same server, same admin role (psql reuses the password and sslmode).
\connect -reuse-previous=on :"dbname"

\if :role_owns_database
\else
  -- PostgreSQL 15+: `public` belongs to pg_database_owner, i.e. to whoever owns the database (you, if
  -- you created it), and only the owner may create in it unless granted. PostgreSQL 14: anyone may
  -- create in `public` by default; if your server prints "no privileges were granted for public" here,
  -- the check below still tells whether Mathesar's role can create its tables.
  GRANT USAGE, CREATE ON SCHEMA public TO :"role";
\endif

-- ---- 4. Check the result -------------------------------------------------------------------------------
SELECT pg_catalog.has_database_privilege(:'role', :'dbname', 'CONNECT')
   AND pg_catalog.has_schema_privilege(:'role', 'public', 'USAGE')
   AND pg_catalog.has_schema_privilege(:'role', 'public', 'CREATE') AS ready
\gset
\if :ready
  \echo 'OK: role' :role 'can connect to database' :dbname 'and create its tables in schema public'
\else
  DO $$ BEGIN RAISE EXCEPTION 'Mathesar''s role still cannot create tables in schema public of its database: see the notices above'; END $$;
\endif
SELECT rolname AS role, rolsuper AS superuser, rolcreatedb AS createdb, rolcreaterole AS createrole,
       rolbypassrls AS bypassrls, rolcanlogin AS login
FROM pg_catalog.pg_roles WHERE rolname = :'role';
