/**
 * A throwaway PostgreSQL server laid out the way a hosted Supabase project is, as far as Mathesar's roles
 * are concerned (from Supabase's documentation and its roles as a project shows them; not a copy of
 * Supabase's own scripts):
 *
 * - `supabase_admin` is the superuser and owns the `postgres` database;
 * - `postgres` is NOT a superuser, but has CREATEROLE, CREATEDB, BYPASSRLS and ALL on the database
 *   without grant option, so it cannot grant database privileges to anyone;
 * - `anon`, `authenticated`, `service_role` (BYPASSRLS) and `authenticator` (login, member of the three);
 * - schema `auth` owned by another role (`supabase_auth_admin`), with `auth.uid()`;
 * - schema `extensions`; `search_path` of `postgres` and `supabase_admin` is `"$user", public, extensions`;
 * - tables in `public` owned by `postgres`, with row-level security and policies, and a helper function
 *   in `public` that the admins call unqualified (as dashboards and SQL editors do).
 */
import { TestPostgres, startPostgres } from "./postgres";

/** The Supabase project's data database. */
export const SUPABASE_DB = "postgres";

/** Starts a server and lays it out like a Supabase project (see the file comment). */
export function startSupabaseLike(): TestPostgres {
  const pg = startPostgres({ superuser: "supabase_admin" });
  pg.sql(`
    CREATE ROLE postgres LOGIN NOSUPERUSER CREATEROLE CREATEDB REPLICATION BYPASSRLS;
    GRANT ALL ON DATABASE postgres TO postgres;
    CREATE ROLE anon NOLOGIN NOINHERIT;
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
    CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
    CREATE ROLE authenticator LOGIN NOINHERIT;
    GRANT anon, authenticated, service_role TO authenticator;
    CREATE ROLE supabase_auth_admin LOGIN NOINHERIT CREATEROLE;
    ALTER ROLE postgres SET search_path = "$user", public, extensions;
    ALTER ROLE supabase_admin SET search_path = "$user", public, extensions;

    CREATE SCHEMA extensions;
    GRANT USAGE ON SCHEMA extensions TO PUBLIC;
    CREATE SCHEMA auth AUTHORIZATION supabase_auth_admin;
    GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role, postgres;
    -- public keeps PostgreSQL 15's defaults (owner pg_database_owner, USAGE for PUBLIC); postgres may use and
    -- create in it, without grant option.
    GRANT USAGE, CREATE ON SCHEMA public TO postgres;
  `);
  pg.sql(
    `
    CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
    GRANT EXECUTE ON FUNCTION auth.uid() TO PUBLIC;
    `,
    { user: "supabase_auth_admin" },
  );
  pg.sql(
    `
    -- The dashboard's tables belong to postgres.
    CREATE TABLE public.profiles (id uuid PRIMARY KEY, name text NOT NULL);
    ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own_profile ON public.profiles TO authenticated USING (id = auth.uid());
    INSERT INTO public.profiles VALUES ('00000000-0000-0000-0000-000000000001', 'Linus');

    CREATE TABLE public.tickets (id serial PRIMARY KEY, status text NOT NULL, body text NOT NULL);
    ALTER TABLE public.tickets ENABLE ROW LEVEL SECURITY;
    ALTER TABLE public.tickets FORCE ROW LEVEL SECURITY;
    INSERT INTO public.tickets (status, body) VALUES ('open', 'printer jam'), ('closed', 'salary review'), ('open', 'vpn down');
    GRANT ALL ON ALL TABLES IN SCHEMA public TO anon, authenticated, service_role;

    -- A helper the project's admins call unqualified (dashboards, SQL editor, migrations).
    CREATE FUNCTION public.open_ticket_count() RETURNS bigint LANGUAGE sql
      AS $$ SELECT count(*) FROM public.tickets WHERE status = 'open' $$;
  `,
    { user: "postgres" },
  );
  return pg;
}

/** Whether `member` is (directly or not) a member of `role`, read by the superuser. */
export function isMemberOf(pg: TestPostgres, member: string, role: string): boolean {
  return pg.sql(`SELECT pg_has_role('${member}', '${role}', 'MEMBER')`) === "t";
}

/** Whether `role` is a superuser, read by the superuser. */
export function isSuperuser(pg: TestPostgres, role: string): boolean {
  return pg.sql(`SELECT rolsuper FROM pg_roles WHERE rolname = '${role}'`) === "t";
}
