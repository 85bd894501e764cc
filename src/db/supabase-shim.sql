-- Supabase on plain Postgres: what Supabase's own init scripts and migrations (repository
-- supabase/postgres, migrations/db/) set up that the migration and the app meet. Run by the server's
-- superuser into the per-server template database (database-factory.ts); every test database is
-- cloned from it. What it models and what not: README, "Postgres: the Supabase shim".

-- Roles are cluster-wide: several processes may race to create them; create only if absent and
-- tolerate losing the race (42710 duplicate_object, or 23505 unique_violation on pg_authid).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      -- API roles; INHERIT since 20230529180330_alter_api_roles_for_inherit.sql
      ('anon', 'NOLOGIN INHERIT'),
      ('authenticated', 'NOLOGIN INHERIT'),
      ('service_role', 'NOLOGIN INHERIT BYPASSRLS'),
      -- PostgREST logs in as authenticator and switches to an API role per request
      ('authenticator', 'LOGIN NOINHERIT'),
      -- the hosted `postgres` role after 10000000000000_demote-postgres.sql: not a superuser. The
      -- lab's superuser is called postgres, so the migration's role is called hv_postgres here.
      ('hv_postgres', 'LOGIN NOSUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS PASSWORD ''hv-local-only''')
    ) AS t(name, attrs) LOOP
    BEGIN
      EXECUTE format('CREATE ROLE %I %s', r.name, r.attrs);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END LOOP;
END
$$;

-- Memberships as on hosted projects: postgres holds the API roles and authenticator WITH ADMIN (so it
-- can SET ROLE to them and grant them onward), and pg_signal_backend / pg_read_all_data / pg_monitor.
GRANT anon, authenticated, service_role TO authenticator;
GRANT anon, authenticated, service_role, authenticator TO hv_postgres WITH ADMIN OPTION;
GRANT pg_signal_backend, pg_read_all_data, pg_monitor TO hv_postgres;
-- supautils lets the hosted postgres SET session_replication_role (privileged_role_allowed_configs);
-- the nearest plain-Postgres grant (it also allows set_config(), which hosted does not).
GRANT SET ON PARAMETER session_replication_role TO hv_postgres;

CREATE SCHEMA IF NOT EXISTS auth;

-- The columns the app and the migration read; Supabase's real table has many more.
CREATE TABLE IF NOT EXISTS auth.users (
  id                 uuid PRIMARY KEY,
  email              text,
  raw_user_meta_data jsonb DEFAULT '{}'::jsonb,
  created_at         timestamptz DEFAULT now()
);

-- As the auth server defines them today (supabase/auth migrations 20220224000811, 20220531120530):
-- the legacy single-claim GUCs (request.jwt.claim.sub) win, else the JSON of all claims that
-- PostgREST sets per request (request.jwt.claims). No search_path, EXECUTE kept by PUBLIC.
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

CREATE OR REPLACE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

-- auth is Supabase's: usable by the API roles, readable and writable by postgres (the auth schema's
-- default privileges grant supabase_auth_admin's tables to postgres), not creatable into.
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role, hv_postgres;
GRANT ALL ON ALL TABLES IN SCHEMA auth TO hv_postgres;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.jwt() TO anon, authenticated, service_role, hv_postgres;
