import type { Step } from '../../contract/step.ts';

/** The plan's trigger name, kept so its rollback (`DROP TRIGGER sync_habit_tracker_to_new`) still applies. */
export const SYNC_TRIGGER = 'sync_habit_tracker_to_new';

/**
 * The backup path: old app versions write habit_tracker only, and this trigger keeps the new schema in
 * step — INSERT, UPDATE of any column (a whole new habits array, a renamed child, another owner, another
 * week) and DELETE, each re-derived through hv_resync.
 *
 * Changes from the plan, and why:
 * - The plan's trigger is declared for INSERT OR UPDATE but its body handles INSERT only, and it has no
 *   DELETE: every legacy update or delete would drift.
 * - It looked the child up by name alone (another family's child of that name); hv_migrate_range keys a
 *   child by (owner, exact name).
 * - It inserted the week with ON CONFLICT (child_id, week_start_date) — a DEFERRABLE constraint in the
 *   plan, which Postgres refuses as an arbiter — and never wrote habits or records.
 * - Not double-applying the API's writes: the dual-write API sets hv.dual_write = on (transaction-local)
 *   around its own legacy statement, since it writes the new schema itself. A raw write leaves it unset.
 * AFTER ROW: the row is visible as written, and a failing sync fails the legacy write with it (both or
 * neither, for old clients too).
 * SECURITY DEFINER (search_path empty, every name qualified): an old client signed in as a parent
 * writes habit_tracker as `authenticated`; the sync must not run under that role's RLS on the new
 * tables (Phase 2) nor need rights on the bookkeeping tables. Setting hv.dual_write lets a writer skip
 * the sync (drift, which the drift detector reports and reconcile repairs), not gain any right.
 */
export const SYNC_TRIGGER_STEP: Step = {
  name: 'create-sync-trigger',
  why: 'old clients write the legacy table only: re-derive every inserted, updated or deleted row',
  up: `
CREATE OR REPLACE FUNCTION public.hv_sync_to_new_schema() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  IF current_setting('hv.dual_write', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM public.hv_resync(ARRAY[NEW.id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM public.hv_resync(ARRAY[OLD.id]);
  ELSIF OLD IS DISTINCT FROM NEW THEN
    -- OLD.id as well: the week or quarantine row to forget is keyed by it (an UPDATE may change id)
    PERFORM public.hv_resync(ARRAY[OLD.id, NEW.id]);
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS ${SYNC_TRIGGER} ON public.habit_tracker;
CREATE TRIGGER ${SYNC_TRIGGER}
  AFTER INSERT OR UPDATE OR DELETE ON public.habit_tracker
  FOR EACH ROW EXECUTE FUNCTION public.hv_sync_to_new_schema();`,
  down: `
      DROP TRIGGER IF EXISTS ${SYNC_TRIGGER} ON public.habit_tracker;
      DROP FUNCTION IF EXISTS public.hv_sync_to_new_schema();`,
};
