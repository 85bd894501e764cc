import type { Step } from '../../contract/step.ts';

/** The family tables RLS protects (Phase 0's new tables). */
export const RLS_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const;
export type RlsTable = (typeof RLS_TABLES)[number];

/**
 * Migration bookkeeping, by name: no business of the API roles (the quarantine holds other families'
 * original rows). A pattern, not a list, so relations Phase 0 adds later are covered too.
 */
export const BOOKKEEPING_PATTERN = '^(migration_|backfill_)';

const FAMILY = RLS_TABLES.map((t) => `public.${t}`).join(', ');
// every relation whose ACL this step changes, hence saves
const TOUCHED = `c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
       AND (c.relname = ANY (ARRAY[${[...RLS_TABLES, 'habit_tracker_from_new'].map((t) => `'${t}'`).join(', ')}])
            OR c.relname ~ '${BOOKKEEPING_PATTERN}')`;

/**
 * Privileges of the API roles on the new schema, before RLS is switched on.
 *
 * Supabase's default privileges GRANT ALL on every table created in `public` to anon and
 * authenticated, so Phase 0's tables arrived readable and writable by both. Here:
 * - anon gets nothing (the app has no signed-out view of a family);
 * - authenticated gets SELECT/INSERT/UPDATE/DELETE only — not TRUNCATE, to which RLS does not apply
 *   (any signed-in user could empty every family's table), nor REFERENCES or TRIGGER;
 * - notifications are written by the server: authenticated may read, delete, and mark them read;
 * - the migration's bookkeeping (migration_*, backfill_*) is closed to both.
 *
 * The ACLs found are saved first (first apply wins) and restored exactly by `down`, so a rollback
 * gives every path that wrote as authenticated before Phase 2 what it had.
 */
export const RLS_PRIVILEGES_STEP: Step = {
  name: 'rls-privileges',
  why: 'anon gets nothing, authenticated row-level DML only (TRUNCATE bypasses RLS); previous ACLs saved for rollback',
  up: `
    CREATE TABLE IF NOT EXISTS public.hv_phase2_saved_acl (relname text PRIMARY KEY, acl aclitem[]);
    REVOKE ALL ON public.hv_phase2_saved_acl FROM PUBLIC, anon, authenticated;
    INSERT INTO public.hv_phase2_saved_acl (relname, acl)
    SELECT c.relname, c.relacl FROM pg_class c WHERE ${TOUCHED}
    ON CONFLICT (relname) DO NOTHING;

    REVOKE ALL ON ${FAMILY}, public.habit_tracker_from_new FROM anon, authenticated;
    GRANT SELECT, INSERT, UPDATE, DELETE ON public.children, public.weeks, public.habits, public.habit_records,
      public.habit_templates TO authenticated;
    GRANT SELECT, DELETE ON public.notifications TO authenticated;
    GRANT UPDATE (is_read) ON public.notifications TO authenticated;
    GRANT SELECT ON public.habit_tracker_from_new TO authenticated;
    DO $$
    DECLARE
      v record;
    BEGIN
      FOR v IN SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                  AND c.relname ~ '${BOOKKEEPING_PATTERN}' LOOP
        EXECUTE format('REVOKE ALL ON public.%I FROM anon, authenticated', v.relname);
      END LOOP;
    END
    $$;`,
  down: `
    DO $$
    DECLARE
      v record;
    BEGIN
      IF to_regclass('public.hv_phase2_saved_acl') IS NULL THEN RETURN; END IF;
      FOR v IN SELECT s.relname FROM public.hv_phase2_saved_acl s WHERE to_regclass(format('public.%I', s.relname)) IS NOT NULL LOOP
        EXECUTE format('REVOKE ALL ON public.%I FROM anon, authenticated', v.relname);
      END LOOP;
      -- a null ACL means "owner only" (the default): nothing to grant back
      FOR v IN SELECT s.relname, r.rolname, a.privilege_type, a.is_grantable
                 FROM public.hv_phase2_saved_acl s
                 CROSS JOIN LATERAL aclexplode(s.acl) a
                 JOIN pg_roles r ON r.oid = a.grantee
                WHERE r.rolname IN ('anon', 'authenticated')
                  AND to_regclass(format('public.%I', s.relname)) IS NOT NULL LOOP
        EXECUTE format('GRANT %s ON public.%I TO %I%s', v.privilege_type, v.relname, v.rolname,
                       CASE WHEN v.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
      END LOOP;
    END
    $$;
    DROP TABLE IF EXISTS public.hv_phase2_saved_acl;`,
};
