/**
 * The end of Phase 3 (the plan's Day 15–16): drop the retired table — only after the grace period — and
 * ANALYZE. Irreversible: after it, Phase 3 can no longer be rolled back.
 *
 * Changes from the plan:
 * - The drop refuses until the grace period has passed since the read-only week began (recorded in
 *   migration_retirement), unless forced. The check runs in the drop's own transaction.
 * - `DROP TABLE … CASCADE` would silently take along whatever still depends on the table (a report view,
 *   a function of its row type): here only the migration's own dependents go first (its `hv_…`
 *   functions of the legacy row type — Phase 0's classifiers, Phase 1's legacy-change function — and the
 *   backfill and drift functions that read the table by name), then the table with RESTRICT: an unknown
 *   dependent stops the drop, in one transaction, with the legacy table and the reverse sync intact.
 * - No `VACUUM FULL`: it rewrites every table under ACCESS EXCLUSIVE (writes and reads stop, table by
 *   table) and needs room for a second copy; DROP TABLE already gives the legacy table's space back to
 *   the OS. A plain ANALYZE refreshes the planner's statistics of the new tables without blocking writes.
 * - Quarantined legacy rows are not lost with the table: migration_quarantine keeps every original.
 */
import type { Step } from '../../contract/step.ts';
import { NEW_SCHEMA_TABLES, RETIRED_TABLE, RETIREMENT_TABLE } from './names.ts';
import { DROP_REVERSE_SYNC_FUNCTIONS_SQL, DROP_REVERSE_SYNC_TRIGGERS_SQL } from './reverse-sync.ts';
import { DROP_READ_ONLY_FUNCTION_SQL } from './read-only.ts';

/** The plan's schedule: read-only from Day 1, dropped on Day 15. */
export const DEFAULT_GRACE_DAYS = 14;

/**
 * The session setting the drop step reads its grace period from, in seconds (Phase 3's complete sets
 * it for the statement, from graceDays; 0 when forced). Unset, the default period applies.
 */
export const GRACE_SETTING = 'hv.grace_seconds';

/** SQLSTATE of a refused drop: object_not_in_prerequisite_state. */
export const GRACE_NOT_OVER_SQLSTATE = '55000';

/**
 * Phase 0's functions tied to the legacy table: those of its row type (they would block a RESTRICT drop)
 * and those that read it by name (dead without it). Only the migration's own (`hv_…`): anything else
 * that depends on the table is unknown and must stop the drop.
 */
const DROP_LEGACY_BOUND_FUNCTIONS = `DO $$
    DECLARE f record;
    BEGIN
      FOR f IN SELECT DISTINCT p.oid::regprocedure AS sig
                 FROM pg_proc p
                 LEFT JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                      AND d.refclassid = 'pg_type'::regclass AND d.refobjid = 'public.${RETIRED_TABLE}'::regtype
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'hv\\_%'
                  AND (d.objid IS NOT NULL
                       OR p.proname IN ('hv_backfill_batch', 'hv_migrate_page', 'hv_advance_progress', 'hv_migrate_range', 'hv_drift')) LOOP
        EXECUTE format('DROP FUNCTION %s', f.sig);
      END LOOP;
    END $$;`;

export const DROP_LEGACY_STEP: Step = (() => {
  // checked here too, not only by complete(): the read-only start is read in the drop's own transaction
  const graceCheck = `DO $$
    DECLARE
      since timestamptz := (SELECT r.read_only_since FROM public.${RETIREMENT_TABLE} r);
      grace numeric := coalesce(nullif(current_setting('${GRACE_SETTING}', true), '')::numeric, ${DEFAULT_GRACE_DAYS * 86400});
    BEGIN
      IF since IS NULL OR since > now() - make_interval(secs => grace) THEN
        RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
          MESSAGE = format('refusing to drop public.${RETIRED_TABLE}: the grace period of %s days has not passed (read-only since %s)', trim_scale(round(grace / 86400, 4)), coalesce(since::text, 'never')),
          HINT = 'wait until the grace period is over, or complete with force if you mean it';
      END IF;
    END $$;`;
  return {
    name: 'drop-legacy',
    why: 'the retired table goes, after the grace period, with RESTRICT: an unknown dependent stops it',
    up: `
    ${graceCheck}
    -- the flag row first (app writes hold it FOR SHARE): see switch-writes.ts
    UPDATE public.${RETIREMENT_TABLE} SET dropped_at = now();
    LOCK TABLE public.${RETIRED_TABLE} IN ACCESS EXCLUSIVE MODE;
    LOCK TABLE public.children, public.weeks, public.habits, public.habit_records IN SHARE ROW EXCLUSIVE MODE;
    ${DROP_REVERSE_SYNC_TRIGGERS_SQL}
    ${DROP_REVERSE_SYNC_FUNCTIONS_SQL}
    ${DROP_LEGACY_BOUND_FUNCTIONS}
    DROP TABLE public.${RETIRED_TABLE} RESTRICT;
    ${DROP_READ_ONLY_FUNCTION_SQL}`,
  };
})();

export const ANALYZE_STEP: Step = {
  name: 'analyze-new-tables',
  why: 'fresh planner statistics for the tables that now serve everything; no VACUUM FULL (see retire.ts)',
  up: `ANALYZE ${NEW_SCHEMA_TABLES.map((t) => `public.${t}`).join(', ')};`,
};
