/**
 * SQL mutants that cannot be killed because they do not change what the migration does, each with the
 * reason (a reviewer's judgement, written after reading the survivor). Keyed by file, the trimmed line,
 * the column and the edit, so a mutant keeps its entry when lines move; an entry whose line changed no
 * longer matches, and the mutant shows as a survivor again until someone looks at it.
 */
import type { SqlMutant } from './sql-mutant-defects.ts';

export interface EquivalentSqlMutant {
  /** The file under src/migration: `phase-0/sql/create-drift-function.up.sql` (or every file holding a copy of the line). */
  file: string | readonly string[];
  /** The line as the mutant reports it (`lineText`), and the edit's column on it. */
  line: string;
  col: number;
  from: string;
  to: string;
  why: string;
}

const BACKFILL = 'phase-0/sql/create-backfill-functions.up.sql';
const TYPE_GUARD =
  "x NOT IN ('…', 'null') with coalesce(jsonb_typeof(v), 'null'): nullif(jsonb_typeof(v), 'null') gives NULL for both SQL NULL and JSON null, NOT IN is then NULL, and CASE WHEN / bool_or treat NULL as false — the same as the 'null' the coalesce gave";
const OPAQUE_ID =
  'ids derive from natural keys only to be deterministic and unique: any other injective derivation serves (nothing looks a habit or record up by its id; Phase 1 upserts records on (habit_id, record_date))';
const OPERATIONS = 'phase-1/sql/create-dual-write-operations.up.sql';
const LEGACY_VIEW = 'phase-0/sql/create-legacy-view.up.sql';
const FROM_HANDLED =
  'the row p_from is always handled before a range starting there is migrated (the previous page, or the previous row of the fallback and of a resync in id order), and handled rows are skipped by the NOT EXISTS terms';
const ONE_JOB = "backfill_progress holds one row per job and the migration runs one job ('habit_tracker'): the WHERE selects every row there is";

const SYNC = 'phase-1/sql/create-sync-functions.up.sql';
const LOCK_ORDER =
  'advisory locks are re-entrant and every taker of several group locks takes them in this one loop, so any fixed order (and taking one twice) is the same set of locks in a consistent order: no new wait, no deadlock (the API takes a single group lock before it calls hv_resync for the same group)';
const TEMPLATE_KEYS = "v_templates is built from rows WHERE legacy_id = ANY (v_ids) only, so its keys are already among v_ids and the other term selects the same rows";
const FRESH_WEEKS = "the weeks of v_ids were re-derived just above with template_id NULL: the term only skips weeks the map has no entry for, which the UPDATE would set to NULL — their value already";
const RLS_SUBQUERY = (table: string) =>
  `the subquery reads ${table} as the signed-in caller, under ${table}'s own policy (the same user_id = auth.uid() test): RLS is on for every family table whenever authenticated holds a privilege (Phase 2 grants last and its rollback revokes first), so the subquery yields the caller's rows with or without the term`;
const RETIREMENT = 'phase-3/sql/create-retirement-functions.up.sql';
/** hv_p3_sync_legacy is defined in the retirement functions and again, for the legacy table's other name, by the rename and its rollback. */
const REVERSE_SYNC_COPIES = [RETIREMENT, 'phase-3/sql/rename-legacy.up.sql', 'phase-3/sql/rename-legacy.down.sql'] as const;
const SYNC_IDS =
  "hv_p3_sync_legacy is executable by no API role and called only by the statement triggers, with ARRAY(SELECT …) (never NULL): its ids are used only through = ANY (p_ids), which matches a row once however often its id is listed and never for a NULL; the early return only saves work — with no id to match, the upsert and the delete touch no row (the read-only guard lets the sync's empty statements through: it runs in a trigger with the flag on) and the flag ends 'off' instead of unset, which the only reader compares with 'on'";
const SYNC_GUARD =
  "the guard only spares rewriting a legacy row whose every column already equals the view's: the update would write the same values; ON CONFLICT DO UPDATE locks the conflicting row whether its WHERE holds or not, and the switch leaves no row-level trigger on the legacy table to see the rewrite";

const DRIFT = 'phase-0/sql/create-drift-function.up.sql';
const CANDIDATES_ONLY =
  "hv_drift_candidates only narrows which rows hv_drift compares field by field (the report reads both sides in full for every candidate): this edit makes more rows candidates, or other segments of a sample — equal rows then reach the report and are found equal, and a sample stays a part of the full report. What it reports is the same; what it costs is not (bench:drift measures drift ÷ one read)";

const RECONCILE_IDS =
  "hv_resync sorts and de-duplicates the ids it is given (array_agg(DISTINCT … ORDER BY …)); with none to reconcile, a NULL list reaches hv_resync, which finds no group and re-derives nothing";
const NEVER_HANDLED_VIA_DRIFT =
  "a legacy row neither migrated nor quarantined is a drift row too (hv_drift's missing_in_new: it hashes every row not in quarantine), so the drift branch lists it when this branch no longer does";
const DRIFT_NULL_IDS =
  "hv_drift gives a NULL legacy id only to weeks made without a legacy row, which Phase 1 never makes; a NULL among the ids matches no row in hv_resync (= ANY, an empty range)";

const HELPERS = 'phase-1/sql/create-dual-write-request-helpers.up.sql';
const WHY_OPS: Record<string, string> = {
  '81:108': 'the habit at v_i was deleted by the statement before: no habit of the week has display_order = v_i, so >= selects what > does',
  '144:12': "a template without habits gives NULL instead of '[]', and both consumers expand v_names with jsonb_array_elements (no element either way) under coalesce(…, '[]')",
  '176:63': OPAQUE_ID,
  '200:6': "nullif(x, 'boolean') <> 'boolean' is NULL (IF does not reject) exactly where coalesce(x, 'boolean') <> 'boolean' is false: a boolean or a missing isDefault",
  '6:36': "with no write number yet the DETAIL reads 'op_seq=' instead of '': neither carries a number, and the contract reads only op_seq=<digits> (toDualWriteError)",
  '96:8': "an index equal to the habit count passes this check but names no habit: hv_dw_new_write then changes no row and refuses with the same DW416, rolling back the legacy change (jsonb_set and - leave the array as it is for that index)",
};

const DAY_OFFSET =
  "the legacy side hashes one weekday at the wrong date, so every row with a habit hashes unlike its new side and is compared field by field (the report reads dates and statuses itself); a single changed value cannot make the two sets equal: the new side keeps one record per date";

export const EQUIVALENT_SQL_MUTANTS: readonly EquivalentSqlMutant[] = [
  { file: BACKFILL, line: "WHEN bool_or(coalesce(jsonb_typeof(e.value -> 'times'), 'null') NOT IN ('array', 'null')) THEN 'times_not_array'", col: 18, from: 'coalesce', to: 'nullif', why: TYPE_GUARD },
  { file: BACKFILL, line: "WHEN coalesce(jsonb_typeof(r.habits), 'null') NOT IN ('array', 'null') THEN 'habits_not_array'", col: 10, from: 'coalesce', to: 'nullif', why: TYPE_GUARD },
  { file: BACKFILL, line: "CASE WHEN coalesce(jsonb_typeof(r.reflection), 'null') NOT IN ('object', 'null') THEN 'reflection_not_object' END)", col: 17, from: 'coalesce', to: 'nullif', why: TYPE_GUARD },
  {
    file: BACKFILL,
    line: 'WHERE h.id > p_from AND h.id <= p_to',
    col: 17,
    from: '>',
    to: '>=',
    why: FROM_HANDLED,
  },
  {
    file: BACKFILL,
    line: 'FOR v_one IN SELECT h.id FROM public.habit_tracker h WHERE h.id > p_from AND h.id <= p_to ORDER BY h.id LOOP',
    col: 69,
    from: '>',
    to: '>=',
    why: `${FROM_HANDLED} (its unexpected_error record, if any, is not deleted either: the DELETE takes legacy_id > p_from)`,
  },
  {
    file: BACKFILL,
    line: 'AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)',
    col: 8,
    from: 'AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q…',
    to: '',
    why: 'a quarantined row re-derived gets the same reason (its rule, or duplicate_week as its week is taken) and ON CONFLICT (legacy_id) DO NOTHING keeps the first record and its count; unexpected_error rows are deleted before a retry anyway',
  },
  {
    file: BACKFILL,
    line: 'FROM ok s ORDER BY s.child_id, s.id',
    col: 36,
    from: '',
    to: 'DESC',
    why: 'DISTINCT ON (s.child_id) keeps the first row of each child by the remaining key (s.id, unchanged); the direction of the DISTINCT ON key only orders the groups',
  },
  { file: BACKFILL, line: "public.hv_uuid('habit:' || w.id || ':' || (e.ord - 1)) AS habit_id", col: 63, from: '1', to: '2', why: OPAQUE_ID },
  { file: BACKFILL, line: "public.hv_uuid('habit:' || w.id || ':' || (e.ord - 1)) AS habit_id", col: 63, from: '1', to: '0', why: OPAQUE_ID },
  { file: BACKFILL, line: "SELECT public.hv_uuid('record:' || hb.habit_id || ':' || (t.ord - 1)), hb.habit_id, hb.week_start_date + (t.ord - 1)::int,", col: 71, from: '1', to: '2', why: OPAQUE_ID },
  { file: BACKFILL, line: "SELECT public.hv_uuid('record:' || hb.habit_id || ':' || (t.ord - 1)), hb.habit_id, hb.week_start_date + (t.ord - 1)::int,", col: 71, from: '1', to: '0', why: OPAQUE_ID },
  {
    file: BACKFILL,
    line: "SELECT coalesce(jsonb_agg(jsonb_build_object('name', e.value -> 'name', 'times', public.hv_canonical_times(e.value -> 'times'))",
    col: 10,
    from: 'coalesce',
    to: 'nullif',
    why: "hv_canonical_habits' one caller (hv_drift's legacy side) only expands it with jsonb_array_elements, which gives no element for SQL NULL as for '[]': nullif(x, '[]') turns a week with no habits into NULL, and nothing reads the difference",
  },
  {
    file: BACKFILL,
    line: `LATERAL (SELECT CASE WHEN jsonb_typeof(tt.t) <> 'array' OR tt.t <@ '["green", "yellow", "red", "none", null]'::jsonb THEN 0 ELSE`,
    col: 64,
    from: 'OR',
    to: 'AND',
    why: "the first branch is a shortcut to the ELSE's own answer: for times that are not an array (or SQL NULL) every `t -> k` is NULL and hv_status_fault(NULL) is 0; for an array of the four statuses and nulls each element's fault is 0 — whichever branch runs, the fault is the same",
  },
  { file: BACKFILL, line: 'SELECT p.last_processed_id INTO from_id FROM public.backfill_progress p WHERE p.job = p_job FOR UPDATE;', col: 75, from: 'WHERE p.job = p_job', to: '', why: ONE_JOB },
  { file: BACKFILL, line: 'WHERE job = p_job;', col: 6, from: 'WHERE job = p_job', to: '', why: ONE_JOB },
  { file: BACKFILL, line: 'WHERE job = p_job;', col: 4, from: 'WHERE job = p_job', to: '', why: ONE_JOB },
  {
    file: LEGACY_VIEW,
    line: "(SELECT jsonb_agg(coalesce(to_jsonb(r.status), 'null'::jsonb) ORDER BY d.d)",
    col: 34,
    from: 'coalesce',
    to: 'nullif',
    why: "jsonb_agg turns an SQL NULL element into JSON null: a day with no record gives null either way, and a day with one gives its status string, never the JSON null nullif would remove",
  },
  { file: OPERATIONS, line: "IF coalesce(jsonb_typeof(p_req -> 'reflection'), 'null') NOT IN ('object', 'null') THEN", col: 8, from: 'coalesce', to: 'nullif', why: `${TYPE_GUARD} (here IF NULL does not reject)` },
  {
    file: OPERATIONS,
    line: "RETURN jsonb_build_object('reflection', coalesce(p_req -> 'reflection', 'null'::jsonb));",
    col: 45,
    from: 'coalesce',
    to: 'nullif',
    why: "jsonb_build_object turns an SQL NULL value into JSON null: {\"reflection\": null} either way (a missing key and a JSON null give the same object)",
  },
  {
    file: SYNC,
    line: "SELECT hashtextextended(coalesce(p_user::text, '-') || '/' || (p_start - DATE '2000-01-03')::text || '/' || p_child, 1471)",
    col: 27,
    from: 'coalesce',
    to: 'nullif',
    why: 'only a group without an owner loses its lock (the id is NULL, pg_advisory_xact_lock(NULL) takes none), and such rows are quarantined as owner_null whatever else they hold (the first rule; duplicate_week counts only rows passing every other rule): no outcome of theirs depends on another row, and each write holds its own row lock',
  },
  { file: SYNC, line: 'SELECT DISTINCT public.hv_week_lock_id(g.user_id, g.child_name, g.week_start_date) FROM public.hv_groups_of(p_ids) g ORDER BY 1', col: 12, from: 'DISTINCT', to: '', why: LOCK_ORDER },
  { file: SYNC, line: 'SELECT DISTINCT public.hv_week_lock_id(g.user_id, g.child_name, g.week_start_date) FROM public.hv_groups_of(p_ids) g ORDER BY 1', col: 132, from: '', to: 'DESC', why: LOCK_ORDER },
  {
    file: SYNC,
    line: "SELECT coalesce(array_agg(DISTINCT x.id ORDER BY x.id), '{}') INTO v_ids",
    col: 10,
    from: 'coalesce',
    to: 'nullif',
    why: "no caller passes an empty p_ids (the trigger passes the written row's id, the API its week's, hv_reconcile returns before calling with none), so unnest(p_ids) gives a row and the aggregate is never NULL nor '{}'",
  },
  {
    file: SYNC,
    line: "SELECT coalesce(array_agg(DISTINCT x.id ORDER BY x.id), '{}') INTO v_ids",
    col: 29,
    from: 'DISTINCT',
    to: '',
    why: "an id met twice is migrated by its first turn and skipped by the second (hv_migrate_range's NOT EXISTS terms); the DELETEs and UPDATEs use = ANY; only the returned count grows, and every caller discards it (PERFORM, and the reconcile step's bare SELECT)",
  },
  { file: SYNC, line: 'WHERE w.legacy_id = ANY (v_ids) AND v_templates ? w.legacy_id::text;', col: 38, from: 'AND', to: 'OR', why: TEMPLATE_KEYS },
  { file: SYNC, line: 'WHERE w.legacy_id = ANY (v_ids) AND v_templates ? w.legacy_id::text;', col: 38, from: 'AND v_templates ? w.legacy_id::text', to: '', why: FRESH_WEEKS },
  { file: SYNC, line: 'WHERE q.legacy_id = ANY (v_ids) AND v_templates ? q.legacy_id::text;', col: 38, from: 'AND', to: 'OR', why: TEMPLATE_KEYS },
  { file: "phase-2/sql/rls-policy-habit-records.up.sql", line: "USING (habit_id IN (SELECT h.id FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = (SELECT auth.uid())))", col: 102, from: "WHERE w.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('habits') },
  { file: "phase-2/sql/rls-policy-habit-records.up.sql", line: "WITH CHECK (habit_id IN (SELECT h.id FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = (SELECT auth.uid())));", col: 107, from: "WHERE w.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('habits') },
  { file: "phase-2/sql/rls-policy-habit-templates.up.sql", line: "WITH CHECK (user_id = (SELECT auth.uid()) AND (child_id IS NULL OR child_id IN (SELECT c.id FROM public.children c WHERE c.user_id = (SELECT auth.uid()))));", col: 124, from: "WHERE c.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('children') },
  { file: "phase-2/sql/rls-policy-habits.up.sql", line: "USING (week_id IN (SELECT w.id FROM public.weeks w WHERE w.user_id = (SELECT auth.uid())))", col: 60, from: "WHERE w.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('weeks') },
  { file: "phase-2/sql/rls-policy-habits.up.sql", line: "WITH CHECK (week_id IN (SELECT w.id FROM public.weeks w WHERE w.user_id = (SELECT auth.uid())));", col: 65, from: "WHERE w.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('weeks') },
  { file: "phase-2/sql/rls-policy-weeks.up.sql", line: "WITH CHECK (user_id = (SELECT auth.uid()) AND child_id IN (SELECT c.id FROM public.children c WHERE c.user_id = (SELECT auth.uid()))", col: 103, from: "WHERE c.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('children') },
  { file: "phase-2/sql/rls-policy-weeks.up.sql", line: "AND (template_id IS NULL OR template_id IN (SELECT t.id FROM public.habit_templates t WHERE t.user_id = (SELECT auth.uid()))));", col: 94, from: "WHERE t.user_id = (SELECT auth.uid())", to: "", why: RLS_SUBQUERY('habit_templates') },
  { file: REVERSE_SYNC_COPIES, line: "IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;", col: 24, from: "OR", to: "AND", why: SYNC_IDS },
  { file: REVERSE_SYNC_COPIES, line: "WHERE (h.user_id, h.child_name, h.week_period, h.week_start_date, h.theme, h.habits, h.reflection, h.reward, h.created_at, h.updated_at) IS DISTINCT FROM (EXCLUDED.user_id, EXCLUDED.child_name, EXCLUDED.week_period, EXCLUDED.week_start_date, EXCLUDED.theme, EXCLUDED.habits, EXCLUDED.reflection, EXCLUDED.reward, EXCLUDED.created_at, EXCLUDED.updated_at);", col: 8, from: "WHERE (h.user_id, h.child_name, h.week_period, h.week_start_date, h…", to: "", why: SYNC_GUARD },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT legacy_id FROM old_rows) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT legacy_id FROM old_rows) x WHERE x.legacy_id IS NOT NULL));", col: 116, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT legacy_id FROM new_rows) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT legacy_id FROM new_rows) x WHERE x.legacy_id IS NOT NULL));", col: 116, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.id = x.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.id = x.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 160, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.weeks w ON w.id = x.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.weeks w ON w.id = x.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 160, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 205, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id) x WHERE x.legacy_id IS NOT NULL));", col: 205, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.child_id = x.id) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.child_id = x.id) x WHERE x.legacy_id IS NOT NULL));", col: 161, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.weeks w ON w.child_id = x.id) x WHERE x.legacy_id IS NOT NULL));", col: 55, from: "DISTINCT", to: "", why: SYNC_IDS },
  { file: RETIREMENT, line: "PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.weeks w ON w.child_id = x.id) x WHERE x.legacy_id IS NOT NULL));", col: 161, from: "WHERE x.legacy_id IS NOT NULL", to: "", why: SYNC_IDS },
  { file: DRIFT, line: "ELSE hashtext(coalesce(public.hv_ascii_lower(p_status), 'none')) END", col: 38, from: "coalesce", to: "nullif", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT public.hv_drift_set_hash(bit_xor(public.hv_drift_habit_hash((e.ord - 1)::int, e.value ->> 'name', public.hv_drift_set_hash(", col: 79, from: "1", to: "2", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT public.hv_drift_set_hash(bit_xor(public.hv_drift_habit_hash((e.ord - 1)::int, e.value ->> 'name', public.hv_drift_set_hash(", col: 79, from: "1", to: "0", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT k * 1024 AS lo, k * 1024 + 1024 AS hi", col: 32, from: "1024", to: "1025", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT k * 1024 AS lo, k * 1024 + 1024 AS hi", col: 32, from: "1024", to: "1023", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT k * 1024 AS lo, k * 1024 + 1024 AS hi", col: 39, from: "1024", to: "1025", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT k * 1024 AS lo, k * 1024 + 1024 AS hi", col: 39, from: "1024", to: "1023", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille", col: 6, from: "WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1…", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille", col: 30, from: "<", to: "<=", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille", col: 37, from: "AND", to: "OR", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille", col: 37, from: "AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille", col: 78, from: "<", to: "<=", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT h.* FROM public.habit_tracker h WHERE p_sample_permille >= 1000", col: 44, from: "WHERE p_sample_permille >= 1000", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT h.* FROM seg JOIN public.habit_tracker h ON h.id >= seg.lo AND h.id < seg.hi", col: 61, from: ">=", to: ">", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT h.* FROM seg JOIN public.habit_tracker h ON h.id >= seg.lo AND h.id < seg.hi", col: 71, from: "AND", to: "OR", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT h.* FROM seg JOIN public.habit_tracker h ON h.id >= seg.lo AND h.id < seg.hi", col: 71, from: "AND h.id < seg.hi", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT h.* FROM seg JOIN public.habit_tracker h ON h.id >= seg.lo AND h.id < seg.hi", col: 80, from: "<", to: "<=", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habit_records r WHERE p_sample_permille >= 1000 GROUP BY r.habit_id", col: 59, from: ">=", to: ">", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habits hb LEFT JOIN rec ON rec.habit_id = hb.id WHERE p_sample_permille >= 1000 GROUP BY hb.week_id", col: 59, from: "=", to: "<>", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.weeks w JOIN public.children c ON c.id = w.child_id LEFT JOIN hab ON hab.week_id = w.id", col: 58, from: "=", to: "<>", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille >= 1000 AND w.legacy_id IS NOT NULL", col: 6, from: "WHERE p_sample_permille >= 1000 AND w.legacy_id IS NOT NULL", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille >= 1000 AND w.legacy_id IS NOT NULL", col: 38, from: "AND", to: "OR", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "WHERE p_sample_permille >= 1000 AND w.legacy_id IS NOT NULL", col: 38, from: "AND w.legacy_id IS NOT NULL", to: "", why: CANDIDATES_ONLY },
  { file: SYNC, line: "SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}') INTO v_ids FROM (", col: 10, from: "coalesce", to: "nullif", why: RECONCILE_IDS },
  { file: SYNC, line: "SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}') INTO v_ids FROM (", col: 29, from: "DISTINCT", to: "", why: RECONCILE_IDS },
  { file: SYNC, line: "SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}') INTO v_ids FROM (", col: 56, from: "", to: "DESC", why: RECONCILE_IDS },
  { file: SYNC, line: "WHERE NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id)", col: 53, from: "WHERE w.legacy_id = h.id", to: "", why: NEVER_HANDLED_VIA_DRIFT },
  { file: SYNC, line: "WHERE NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id)", col: 71, from: "=", to: "<>", why: NEVER_HANDLED_VIA_DRIFT },
  { file: SYNC, line: "AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)", col: 68, from: "WHERE q.legacy_id = h.id", to: "", why: NEVER_HANDLED_VIA_DRIFT },
  { file: SYNC, line: "AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)", col: 86, from: "=", to: "<>", why: NEVER_HANDLED_VIA_DRIFT },
  { file: SYNC, line: "SELECT d.legacy_id FROM public.hv_drift() d WHERE d.legacy_id IS NOT NULL", col: 49, from: "WHERE d.legacy_id IS NOT NULL", to: "", why: DRIFT_NULL_IDS },
  { file: OPERATIONS, line: "UPDATE public.habits SET display_order = display_order - 1 WHERE week_id = p_week.id AND display_order > v_i;", col: 108, from: ">", to: ">=", why: WHY_OPS['81:108']! },
  { file: OPERATIONS, line: "SELECT coalesce(jsonb_agg(e.value -> 'name' ORDER BY e.ord), '[]'::jsonb) INTO v_names", col: 12, from: "coalesce", to: "nullif", why: WHY_OPS['144:12']! },
  { file: OPERATIONS, line: "SELECT public.hv_uuid('habit:' || v_week || ':' || (n.ord - 1)), v_week, n.value #>> '{}',", col: 63, from: "1", to: "2", why: WHY_OPS['176:63']! },
  { file: OPERATIONS, line: "SELECT public.hv_uuid('habit:' || v_week || ':' || (n.ord - 1)), v_week, n.value #>> '{}',", col: 63, from: "1", to: "0", why: WHY_OPS['176:63']! },
  { file: OPERATIONS, line: "IF coalesce(jsonb_typeof(p_req -> 'isDefault'), 'boolean') <> 'boolean' THEN", col: 6, from: "coalesce", to: "nullif", why: WHY_OPS['200:6']! },
  { file: HELPERS, line: "DETAIL = coalesce('op_seq=' || nullif(current_setting('hv.op_seq', true), ''), '');", col: 36, from: "nullif", to: "coalesce", why: WHY_OPS['6:36']! },
  { file: HELPERS, line: "IF v >= p_count THEN", col: 8, from: ">=", to: ">", why: WHY_OPS['96:8']! },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 1, public.hv_drift_status_hash(e.value -> 'times' ->> 1))", col: 47, from: "1", to: "2", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 1, public.hv_drift_status_hash(e.value -> 'times' ->> 1))", col: 47, from: "1", to: "0", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 2, public.hv_drift_status_hash(e.value -> 'times' ->> 2))", col: 47, from: "2", to: "3", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 2, public.hv_drift_status_hash(e.value -> 'times' ->> 2))", col: 47, from: "2", to: "1", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 3, public.hv_drift_status_hash(e.value -> 'times' ->> 3))", col: 47, from: "3", to: "4", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 3, public.hv_drift_status_hash(e.value -> 'times' ->> 3))", col: 47, from: "3", to: "2", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 4, public.hv_drift_status_hash(e.value -> 'times' ->> 4))", col: 47, from: "4", to: "5", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 4, public.hv_drift_status_hash(e.value -> 'times' ->> 4))", col: 47, from: "4", to: "3", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 5, public.hv_drift_status_hash(e.value -> 'times' ->> 5))", col: 47, from: "5", to: "6", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 5, public.hv_drift_status_hash(e.value -> 'times' ->> 5))", col: 47, from: "5", to: "4", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 6, public.hv_drift_status_hash(e.value -> 'times' ->> 6)), 7))), count(*))", col: 47, from: "6", to: "7", why: DAY_OFFSET },
  { file: DRIFT, line: "# public.hv_drift_day_hash(p_start + 6, public.hv_drift_status_hash(e.value -> 'times' ->> 6)), 7))), count(*))", col: 47, from: "6", to: "5", why: DAY_OFFSET },
  { file: DRIFT, line: "WHERE NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)", col: 6, from: "WHERE NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE…", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habit_records r WHERE p_sample_permille >= 1000 GROUP BY r.habit_id", col: 35, from: "WHERE p_sample_permille >= 1000", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "coalesce(rec.days, public.hv_drift_set_hash(NULL, 0)))), count(*)) AS habits", col: 14, from: "coalesce", to: "nullif", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habits hb LEFT JOIN rec ON rec.habit_id = hb.id WHERE p_sample_permille >= 1000 GROUP BY hb.week_id", col: 67, from: "WHERE p_sample_permille >= 1000", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "w.created_at, w.updated_at, coalesce(hab.habits, public.hv_drift_set_hash(NULL, 0))) AS hash", col: 42, from: "coalesce", to: "nullif", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habit_records r WHERE r.habit_id = hb.id))), count(*))", col: 55, from: "WHERE r.habit_id = hb.id", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habit_records r WHERE r.habit_id = hb.id))), count(*))", col: 72, from: "=", to: "<>", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM public.habits hb WHERE hb.week_id = w.id))", col: 39, from: "WHERE hb.week_id = w.id", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM seg JOIN public.weeks w ON w.legacy_id >= seg.lo AND w.legacy_id < seg.hi", col: 61, from: "AND", to: "OR", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "FROM seg JOIN public.weeks w ON w.legacy_id >= seg.lo AND w.legacy_id < seg.hi", col: 77, from: "<", to: "<=", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT coalesce(l.id, n.id) FROM lh l FULL JOIN nh n ON n.id = l.id WHERE l.hash IS DISTINCT FROM n.hash", col: 71, from: "WHERE l.hash IS DISTINCT FROM n.hash", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT w.id FROM public.weeks w WHERE w.legacy_id IN (SELECT c.id FROM cand c)", col: 41, from: "WHERE w.legacy_id IN (SELECT c.id FROM cand c)", to: "", why: CANDIDATES_ONLY },
  { file: DRIFT, line: "SELECT w.id FROM public.weeks w WHERE w.legacy_id IS NULL", col: 41, from: "WHERE w.legacy_id IS NULL", to: "", why: CANDIDATES_ONLY },
  {
    file: 'phase-3/sql/switch-writes-to-new.up.sql',
    line: "SELECT jsonb_agg(jsonb_build_object('name', tg.tgname, 'def', pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled) ORDER BY tg.tgname)",
    col: 143,
    from: '',
    to: 'DESC',
    why: 'the rollback recreates the saved triggers in the order saved, and PostgreSQL fires triggers of one event in the order of their names, whenever they were created: the order saved changes nothing',
  },
  {
    file: OPERATIONS,
    line: "IF coalesce(jsonb_typeof(p_req -> 'templateId'), 'null') <> 'null' THEN",
    col: 6,
    from: 'coalesce',
    to: 'nullif',
    why: "nullif(x, 'null') <> 'null' is NULL (the IF takes the ELSE) exactly where coalesce(x, 'null') <> 'null' is false: a missing or JSON-null templateId",
  },
  {
    file: HELPERS,
    line: "v jsonb := coalesce(p_req -> p_field, '[]'::jsonb);",
    col: 14,
    from: 'coalesce',
    to: 'nullif',
    why: "a missing list (or an explicit []) then comes back as NULL instead of '[]': every check on it is NULL (no refusal, as for []), and both callers expand it with jsonb_array_elements under coalesce(…, '[]') — no habit either way",
  },
];

/** Why the mutant is equivalent, or undefined when nobody said it is. */
export function equivalenceOf(m: SqlMutant): string | undefined {
  const inFile = (e: EquivalentSqlMutant) => (typeof e.file === 'string' ? [e.file] : e.file).some((f) => m.file.endsWith(f));
  return EQUIVALENT_SQL_MUTANTS.find((e) => inFile(e) && e.line === m.lineText && e.col === m.col && e.from === m.from && e.to === m.to)?.why;
}
