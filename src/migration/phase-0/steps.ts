/**
 * Phase 0's steps: the shadow schema, its indexes, the backfill's functions, the legacy view and the
 * drift detector. Their SQL is in ./sql/, one file per step and direction (index.template.*.sql for
 * the indexes); this file says why each exists.
 */
import { sqlStepsIn } from '../../contract/sql-step.ts';
import type { Step } from '../../contract/step.ts';

const step = sqlStepsIn(new URL('./sql/', import.meta.url));

/**
 * The shadow schema: the plan's DDL, made to run on a live database.
 *
 * Changes from the plan, and why:
 * - The plan wraps everything in BEGIN … COMMIT, but CREATE INDEX CONCURRENTLY cannot run inside a
 *   transaction block: each index is its own non-transactional step here.
 * - `unique_child_week` and habit_records' UNIQUE(habit_id, record_date) are declared DEFERRABLE
 *   INITIALLY DEFERRED in the plan. Postgres refuses a deferrable constraint as an ON CONFLICT arbiter
 *   (the plan's own upsert on `habit_id,record_date` fails), and a deferred check lets a duplicate live
 *   until commit. Nothing in the migration swaps rows between keys, so they are immediate here.
 * - children gets UNIQUE (user_id, name): the mapping rule's child identity (owner, exact name). The
 *   plan keys children on name alone, which merges two families' children of the same name.
 * - weeks gets `legacy_id` (unique): the habit_tracker row a week came from. The backfill resumes by
 *   it, the trigger and the dual-write API keep it, and the drift detector and the legacy view join by it.
 * - Ids are derived from natural keys (md5 → uuid) by the backfill, so a rerun is a no-op and two
 *   runs over the same data give byte-identical tables. DEFAULT gen_random_uuid() stays for the app.
 * - CHECK constraints are added NOT VALID as the plan says (validated in Phase 2); foreign keys too.
 * - Bookkeeping for the backfill: backfill_progress (one row per job, advanced in the batch's own
 *   transaction), migration_quarantine (every row not migrated, with reason and the original row), and
 *   migration_warnings (rows migrated with a note for a human).
 */
const SHADOW_SCHEMA: readonly Step[] = [
  step('create-children', { why: 'children: one row per (owner, exact name); the plan keyed them by name alone' }),
  step('create-weeks', { why: 'weeks: one row per child per Monday; legacy_id ties it to its habit_tracker row' }),
  step('create-habits', { why: 'habits: the entries of the legacy habits array, display_order = array index' }),
  step('create-habit-records', { why: 'habit_records: one row per habit per day (7 per habit); status null in legacy is none here' }),
  step('create-habit-templates', { why: 'habit_templates: new-only data (Phase 1 writes them to the new schema only)' }),
  step('create-notifications', { why: 'notifications: new-only data; nothing to backfill' }),
  step('create-backfill-bookkeeping', { why: 'progress (resume point, advanced inside each batch transaction), quarantine and warnings' }),
];

/** One non-transactional step per index: `[index, table, columns]`. */
const INDEXES: ReadonlyArray<readonly [index: string, table: string, columns: string]> = [
  ['idx_children_user_id', 'children', 'user_id'],
  ['idx_weeks_user_id', 'weeks', 'user_id'],
  ['idx_weeks_child_id', 'weeks', 'child_id'],
  ['idx_weeks_start_date', 'weeks', 'week_start_date DESC'],
  ['idx_habits_week_id', 'habits', 'week_id'],
  ['idx_habits_week_order', 'habits', 'week_id, display_order'],
  ['idx_habit_records_habit_id', 'habit_records', 'habit_id'],
  ['idx_habit_records_date', 'habit_records', 'record_date DESC'],
  ['idx_habit_records_status', 'habit_records', 'status'],
  ['idx_habit_templates_user_id', 'habit_templates', 'user_id'],
  ['idx_habit_templates_child_id', 'habit_templates', 'child_id'],
  ['idx_notifications_user_id', 'notifications', 'user_id'],
  ['idx_notifications_is_read', 'notifications', 'user_id, is_read'],
  ['idx_notifications_created_at', 'notifications', 'created_at DESC'],
];

const INDEX_STEPS: readonly Step[] = INDEXES.map(([index, table, columns]) =>
  step(`index-${index.replace(/^idx_/, '').replace(/_/g, '-')}`, {
    why: 'CONCURRENTLY: no write lock on a table the app may already be writing to (Phase 1)',
    transactional: false,
    concurrentIndex: index,
    template: { family: 'index', vars: { index, table, columns } },
  }),
);

/**
 * The SQL side of the backfill: the mapping rules of src/migration/mapping-rules.ts as functions,
 * and one batch function that migrates a keyset page of legacy ids in one statement.
 *
 * Shape of a batch (one round trip, one transaction): lock the progress row, take the next
 * `batch_size` ids after `last_processed_id`, classify every row (reason or migrate), write
 * quarantine, children, weeks, habits, records and warnings with one data-modifying statement, advance
 * the progress row. If that statement fails for a reason no rule foresaw, the same range is redone
 * row by row in subtransactions and the failing row is quarantined as `unexpected_error` — one bad
 * row never blocks its batch.
 */
const BACKFILL_FUNCTIONS = step('create-backfill-functions', {
  why: 'mapping rules, canonical form and the set-based batch, all server-side: constant round trips per batch',
});

/**
 * The legacy view: habit_tracker-shaped rows rebuilt from the new schema. It is the other half of the
 * round-trip oracle now, and Phase 2's read path later.
 *
 * times is rebuilt by day offset (record_date - week_start_date = 0..6), not by record order, so a
 * record on the wrong day or a missing record shows up as a wrong or null slot instead of hiding.
 */
const LEGACY_VIEW = step('create-legacy-view', {
  why: 'rebuild legacy rows from the new tables: the oracle for round trips, drift and Phase 2 reads',
});

/**
 * The drift detector, set-based: every non-quarantined legacy row against its legacy-view row, field
 * by field, habit by habit, day by day. One row per difference:
 * (legacy_id, child, week, habit_index, day, field, legacy, new, kind), kind one of
 * missing_in_new | extra_in_new | quarantined_but_migrated | value_mismatch | missing_habit |
 * extra_habit | record_outside_week.
 *
 * How, at the speed of one read (as the data-diff tools do): one 64-bit hash of each row's canonical
 * form on both sides (the new side aggregated records → habits → weeks, order-free), joined by legacy
 * id; the field-by-field report is built only for the rows whose hashes differ, and for every week
 * with no legacy id. `npm run bench`: the full check against one read of both schemas.
 *
 * p_sample_permille < 1000 compares only segments of 1024 consecutive legacy ids whose hash falls in
 * the sample (deterministic for a given p_salt), read by index: for tables too big to scan whole.
 * No checksum tree: in one database the segment's row hashes come from the same single read a
 * segment checksum needs, so bisecting would only read it again.
 */
const DRIFT_FUNCTION = step('create-drift-function', {
  why: 'full comparison of legacy and new, not counts plus ten samples as the plan does',
});

/** Phase 0's steps in order; rollback drops them all, in reverse — the legacy table is never touched. */
export const PHASE0_STEPS: readonly Step[] = [...SHADOW_SCHEMA, ...INDEX_STEPS, BACKFILL_FUNCTIONS, LEGACY_VIEW, DRIFT_FUNCTION];

/** Tables created by Phase 0, children first (the order TRUNCATE/fingerprints use). */
export const NEW_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const;
