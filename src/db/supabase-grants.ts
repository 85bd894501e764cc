/**
 * The two regimes of Supabase's grants on what is created in `public` (its "Data API" default
 * privileges), as `ALTER DEFAULT PRIVILEGES FOR ROLE <the migration's role>` statements:
 *
 * - `auto`: the image's init script (supabase/postgres, 00000000000000-initial-schema.sql) — every new
 *   table, sequence and function is granted ALL to anon, authenticated and service_role. The regime
 *   of projects made before 2026-05-30 until 2026-10-30.
 * - `explicit`: today's (new projects since 2026-05-30, every project since 2026-10-30): the platform
 *   revokes SELECT/INSERT/UPDATE/DELETE on tables, EXECUTE on functions and USAGE/SELECT on sequences
 *   from the API roles (Studio's buildDefaultPrivilegesSql). What that revoke leaves is kept here, as
 *   strict as production: TRUNCATE, REFERENCES, TRIGGER (and MAINTAIN on 17+) on new tables and UPDATE
 *   on new sequences stay granted, and new functions stay executable through PUBLIC (a schema-scoped
 *   default cannot take away PostgreSQL's own grant). A migration that wants a new object closed must
 *   REVOKE it itself.
 *
 * Existing tables keep the grants they had: the legacy table was made in the `auto` era (src/migration/legacy/schema.sql).
 */
export type SupabaseGrants = 'explicit' | 'auto';
export const SUPABASE_GRANTS: readonly SupabaseGrants[] = ['explicit', 'auto'];

/** The role the migration runs as (the hosted `postgres`, not a superuser: supabase-shim.sql). */
export const MIGRATION_ROLE = 'hv_postgres';
export const MIGRATION_ROLE_PASSWORD = 'hv-local-only';

const API_ROLES = 'anon, authenticated, service_role';

/** The default privileges of `regime` on what MIGRATION_ROLE creates in public, on a server of `major`. */
export function defaultPrivilegesSql(regime: SupabaseGrants, major: number): string {
  const forRole = `ALTER DEFAULT PRIVILEGES FOR ROLE ${MIGRATION_ROLE} IN SCHEMA public`;
  if (regime === 'auto') {
    return [
      `${forRole} GRANT ALL ON TABLES TO ${API_ROLES};`,
      `${forRole} GRANT ALL ON SEQUENCES TO ${API_ROLES};`,
      `${forRole} GRANT ALL ON FUNCTIONS TO ${API_ROLES};`,
    ].join('\n');
  }
  const left = ['TRUNCATE', 'REFERENCES', 'TRIGGER', ...(major >= 17 ? ['MAINTAIN'] : [])].join(', ');
  return [`${forRole} GRANT ${left} ON TABLES TO ${API_ROLES};`, `${forRole} GRANT UPDATE ON SEQUENCES TO ${API_ROLES};`].join('\n');
}

/** The public schema as a Supabase project has it, run as MIGRATION_ROLE (the database's owner). */
export function publicSchemaSql(regime: SupabaseGrants, major: number): string {
  return [
    `GRANT USAGE ON SCHEMA public TO ${API_ROLES};`,
    defaultPrivilegesSql(regime, major),
  ].join('\n');
}
