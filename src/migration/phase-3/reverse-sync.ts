/**
 * The reverse sync: while the legacy table is read-only (Phase 3, before the drop), every write the app
 * makes to the new schema is carried back to its legacy row, in the same transaction. So a rollback of
 * Phase 3 finds the legacy table complete — every write made after the switch included — and has
 * nothing to rebuild: it only switches the app back.
 *
 * Why this and not a rebuild at rollback time (from the legacy view): a rebuild would run at the worst
 * moment (something is wrong, we are rolling back), take time proportional to the table under a lock,
 * and would have to tell rows that changed in Phase 3 from rows that did not (rewriting an untouched row
 * from the view replaces its original text — `GREEN`, short `times`, a null label — by the canonical
 * form). The sync touches only the rows the app touches, when it touches them. Its cost: every write
 * to the new schema during the read-only week also rewrites one legacy row.
 *
 * How:
 * - AFTER … FOR EACH STATEMENT triggers with transition tables on children, weeks, habits and
 *   habit_records collect the legacy ids a statement touched (a week's `legacy_id`) and call
 *   `hv_p3_sync_legacy(ids)` once per statement: set-based, one upsert from the legacy view
 *   `habit_tracker_from_new` and one delete for weeks that no longer exist.
 * - A week created in Phase 3 gets its legacy id from the legacy table's own sequence (BEFORE INSERT on
 *   weeks), so its legacy row can never collide with an existing one.
 * - Every function is SECURITY DEFINER: the legacy copy is kept by the migration, not subject to the
 *   app role's privileges or RLS (Phase 2 turns RLS on: a parent's write must still reach the legacy
 *   row, and its joins must see the rows it touched). None is callable by the API roles: Supabase's
 *   default privileges grant EXECUTE on every new function to anon and authenticated (RPC), so it is
 *   revoked; triggers do not need it.
 * - A legacy row the sync writes is the legacy view's row: canonical (statuses lower-case, 7 days,
 *   week_period recomputed). Rows the app never touches in Phase 3 keep their original text.
 */
import { LEGACY_ID_SEQUENCE, REVERSE_SYNC_GUC } from './names.ts';

const COLUMNS = ['user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'habits', 'reflection', 'reward', 'created_at', 'updated_at'];

/** The sync function, writing to `table` (habit_tracker, or habit_tracker_old after the rename). */
export function syncFunctionSql(table: string): string {
  const list = COLUMNS.join(', ');
  return `
    CREATE OR REPLACE FUNCTION public.hv_p3_sync_legacy(p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
      PERFORM set_config('${REVERSE_SYNC_GUC}', 'on', true);
      INSERT INTO public.${table} AS h (id, ${list})
      SELECT v.id, v.user_id, v.child_name, v.week_period, v.week_start_date, v.theme, v.habits, v.reflection, v.reward,
             coalesce(v.created_at, now()), coalesce(v.updated_at, now())
        FROM public.habit_tracker_from_new v
       WHERE v.id = ANY (p_ids)
      ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE (${COLUMNS.map((c) => `h.${c}`).join(', ')}) IS DISTINCT FROM (${COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')});
      -- the week is gone from the new schema (deleted, or its child was): so is its legacy row
      DELETE FROM public.${table} h
       WHERE h.id = ANY (p_ids) AND NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id);
      PERFORM set_config('${REVERSE_SYNC_GUC}', 'off', true);
    END $$;`;
}

/** Legacy ids touched by a statement on each synced table, from its transition tables. */
const TOUCHED: Record<string, (rows: string) => string> = {
  weeks: (rows) => `SELECT legacy_id FROM ${rows}`,
  habits: (rows) => `SELECT w.legacy_id FROM ${rows} x JOIN public.weeks w ON w.id = x.week_id`,
  habit_records: (rows) => `SELECT w.legacy_id FROM ${rows} x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id`,
  children: (rows) => `SELECT w.legacy_id FROM ${rows} x JOIN public.weeks w ON w.child_id = x.id`,
};

/** Which statements of each table can change a legacy row (children: a rename or a new owner). */
const EVENTS: Record<string, Array<'INSERT' | 'UPDATE' | 'DELETE'>> = {
  weeks: ['INSERT', 'UPDATE', 'DELETE'],
  habits: ['INSERT', 'UPDATE', 'DELETE'],
  habit_records: ['INSERT', 'UPDATE', 'DELETE'],
  children: ['UPDATE'],
};

/** Functions only (no lock on any table): the sync, one trigger function per table, the legacy-id default. */
export function reverseSyncFunctionsSql(table: string): string {
  const perTable = Object.entries(TOUCHED).map(
    ([t, touched]) => `
    CREATE OR REPLACE FUNCTION public.hv_p3_sync_from_${t}() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      -- old_rows / new_rows exist only for the events that have them; plpgsql plans a branch when it runs
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (${touched('old_rows')}) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (${touched('new_rows')}) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      RETURN NULL;
    END $$;`,
  );
  return `${syncFunctionSql(table)}
    ${perTable.join('\n')}
    -- A week created in Phase 3 takes a legacy id from the legacy table's own sequence: its legacy row
    -- can never collide with an existing one, and a rollback gives the legacy app a row it can address.
    CREATE OR REPLACE FUNCTION public.hv_p3_assign_legacy_id() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF NEW.legacy_id IS NULL THEN NEW.legacy_id := nextval('${LEGACY_ID_SEQUENCE}'); END IF;
      RETURN NEW;
    END $$;
    REVOKE EXECUTE ON FUNCTION public.hv_p3_sync_legacy(bigint[]), public.hv_p3_assign_legacy_id(),
      ${Object.keys(TOUCHED).map((t) => `public.hv_p3_sync_from_${t}()`).join(', ')} FROM PUBLIC, anon, authenticated;`;
}

export const DROP_REVERSE_SYNC_FUNCTIONS_SQL = `
    ${Object.keys(TOUCHED).map((t) => `DROP FUNCTION IF EXISTS public.hv_p3_sync_from_${t}();`).join('\n    ')}
    DROP FUNCTION IF EXISTS public.hv_p3_assign_legacy_id();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_legacy(bigint[]);`;

/** The triggers (CREATE OR REPLACE: a rerun is a no-op). Takes SHARE ROW EXCLUSIVE on each table. */
export const REVERSE_SYNC_TRIGGERS_SQL = [
  `CREATE OR REPLACE TRIGGER hv_p3_assign_legacy_id BEFORE INSERT ON public.weeks
     FOR EACH ROW EXECUTE FUNCTION public.hv_p3_assign_legacy_id();`,
  ...Object.entries(EVENTS).flatMap(([t, events]) =>
    events.map((e) => {
      const refs = e === 'INSERT' ? 'NEW TABLE AS new_rows' : e === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      return `CREATE OR REPLACE TRIGGER hv_p3_sync_${e.toLowerCase()} AFTER ${e} ON public.${t}
     REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_${t}();`;
    }),
  ),
].join('\n    ');

export const DROP_REVERSE_SYNC_TRIGGERS_SQL = [
  'DROP TRIGGER IF EXISTS hv_p3_assign_legacy_id ON public.weeks;',
  ...Object.entries(EVENTS).flatMap(([t, events]) => events.map((e) => `DROP TRIGGER IF EXISTS hv_p3_sync_${e.toLowerCase()} ON public.${t};`)),
].join('\n    ');
