-- =====================================================================================================
-- Remove Mathesar's schemas (msar, __msar, mathesar_types) from a user database.
-- =====================================================================================================
--
-- When a database is connected to Mathesar, Mathesar installs three schemas into it: `msar` and
-- `__msar` (its functions) and `mathesar_types` (its custom column types: email, uri, money, JSON
-- list/object...). This script removes exactly those three schemas and nothing else of yours, unless
-- you tell it to (see `force` below).
--
-- Prefer Mathesar's own way first: while Mathesar is still running, disconnecting the database in its
-- interface removes these schemas too, and it refuses (without CASCADE) when something of yours still
-- depends on them. Use this file when Mathesar is gone, or to clean up by hand.
--
-- !! WARNING !!  Columns of YOUR tables may use Mathesar's types: a column shown as "Email", "URI" or
-- "Money" in Mathesar is typically of type mathesar_types.email / .uri / .mathesar_money. Dropping
-- `mathesar_types` with CASCADE drops every such column, WITH ITS DATA. Likewise views, column defaults,
-- constraints or triggers of yours that call Mathesar's functions would be dropped.
-- This script therefore first lists everything outside the three schemas that depends on them, and
-- stops without changing anything if it finds something. Convert those columns first, e.g.
--     ALTER TABLE public.contacts ALTER COLUMN email TYPE text USING email::text;
-- then run it again. Only with `-v force=on` does it drop them anyway. Take a backup first.
--
-- Who runs this: the role that owns the schemas, i.e. the role Mathesar installed them as (the connector
-- if it installed them through the install window of user-database.sql; `postgres` on Supabase, see
-- docs/supabase.md), or a role that inherits that role's privileges, or a superuser. No CREATE on the
-- database is needed: dropping a schema needs only its ownership.
-- Connected to the user database (not to Mathesar's internal database).
--
--   psql "host=<server> port=5432 dbname=<your database> user=<that role> sslmode=require" \
--        -f sql/remove-mathesar-schemas.sql
--
--   Variables (optional):
--     force   off: stop if anything of yours depends on Mathesar's schemas (default)
--             on:  drop those dependent columns/views/defaults too (their data is lost)
--
-- Everything happens in one transaction: either all three schemas are gone, or nothing changed.
-- If Mathesar is still running and still has the database connected, it will try to re-install the
-- schemas: disconnect the database in Mathesar (or stop Mathesar) first.
--
-- Tested: against a real PostgreSQL 15 server in __tests__/sql/remove-mathesar-schemas.test.ts.
-- =====================================================================================================

\set ON_ERROR_STOP on
\set QUIET on

\if :{?force}
\else
  \set force off
\endif
SELECT pg_catalog.lower(:'force') NOT IN ('on', 'off', 'true', 'false') AS bad_force \gset
\if :bad_force
  DO $$ BEGIN RAISE EXCEPTION 'force must be on or off: nothing was changed'; END $$;
\endif

BEGIN;

-- Objects outside the three schemas that depend on something inside them: what CASCADE would also drop.
-- Defaults, view rules, triggers and policies have no schema of their own: theirs is their table's.
CREATE TEMPORARY VIEW mathesar_removal_dependents AS
WITH mathesar_namespaces AS (
  SELECT oid FROM pg_catalog.pg_namespace WHERE nspname IN ('msar', '__msar', 'mathesar_types')
), mathesar_objects AS (
  SELECT 'pg_catalog.pg_type'::regclass AS classid, oid FROM pg_catalog.pg_type
  WHERE typnamespace IN (SELECT oid FROM mathesar_namespaces)
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::regclass, oid FROM pg_catalog.pg_proc
  WHERE pronamespace IN (SELECT oid FROM mathesar_namespaces)
  UNION ALL
  SELECT 'pg_catalog.pg_class'::regclass, oid FROM pg_catalog.pg_class
  WHERE relnamespace IN (SELECT oid FROM mathesar_namespaces)
), dependents AS (
  SELECT obj.type, obj.identity, ref.identity AS uses,
         coalesce(obj.schema, (
           SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
           WHERE c.oid = CASE d.classid
             WHEN 'pg_catalog.pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_catalog.pg_attrdef WHERE oid = d.objid)
             WHEN 'pg_catalog.pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_catalog.pg_rewrite WHERE oid = d.objid)
             WHEN 'pg_catalog.pg_trigger'::regclass THEN (SELECT tgrelid FROM pg_catalog.pg_trigger WHERE oid = d.objid)
             WHEN 'pg_catalog.pg_policy'::regclass THEN (SELECT polrelid FROM pg_catalog.pg_policy WHERE oid = d.objid)
           END)) AS schema
  FROM pg_catalog.pg_depend d
  JOIN mathesar_objects m ON d.refclassid = m.classid AND d.refobjid = m.oid
  CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid) AS obj
  CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.refclassid, d.refobjid, 0) AS ref
  WHERE d.deptype IN ('n', 'a')
)
-- A view shows up as its "_RETURN" rule: name the view instead.
SELECT DISTINCT
  CASE WHEN type = 'rule' AND identity LIKE '"\_RETURN" on %' THEN 'view' ELSE type END AS "object type",
  CASE WHEN type = 'rule' AND identity LIKE '"\_RETURN" on %' THEN substr(identity, length('"_RETURN" on ') + 1)
       ELSE identity END AS "object",
  uses AS "uses Mathesar's"
FROM dependents
WHERE schema IS DISTINCT FROM 'msar' AND schema IS DISTINCT FROM '__msar'
  AND schema IS DISTINCT FROM 'mathesar_types';

SELECT EXISTS (SELECT FROM mathesar_removal_dependents) AS has_dependents \gset
\if :has_dependents
  \echo 'These objects of yours depend on Mathesar''s schemas; dropping the schemas would drop them too:'
  \pset footer off
  SELECT * FROM mathesar_removal_dependents ORDER BY 2;
  \if :force
    \echo 'force=on: dropping them together with the schemas.'
  \else
    ROLLBACK;
    \echo 'Nothing was changed. Convert those columns (ALTER TABLE ... ALTER COLUMN ... TYPE text USING ...::text),'
    \echo 'drop those objects, or run again with -v force=on to lose them.'
    DO $$ BEGIN RAISE EXCEPTION 'objects depend on Mathesar''s schemas: nothing was changed'; END $$;
  \endif
\endif

DROP VIEW mathesar_removal_dependents;
-- CASCADE is needed because the schemas hold Mathesar's functions, types and a table. IF EXISTS: a
-- schema that is already gone is not an error, so the script can be run again.
DROP SCHEMA IF EXISTS msar, __msar, mathesar_types CASCADE;

COMMIT;
\echo 'Removed schemas msar, __msar and mathesar_types (those that existed).'
