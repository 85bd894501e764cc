/**
 * The defect catalogue: switchable broken variants of the migration code, each reproducing one defect
 * of the plan as written (or a classic migration bug). Every property of the harness must be shown to
 * fail on at least one of them; `habit-verify mutants` runs the gates against each and records which
 * property kills it. Select one with `--defect <id>`.
 */
export type PhaseTag = 'phase-0' | 'phase-1' | 'phase-2' | 'phase-3' | 'rollback';

export interface Defect {
  id: string;
  phases: PhaseTag[];
  description: string;
  /** Where in ../shared/seed/MIGRATION_PLAN_v2.md the defect comes from (or "classic"). */
  planReference: string;
  /** The properties expected to kill it (documentation; the kill matrix measures it). */
  expectedKillers: string[];
}

export const DEFECTS = [
  {
    id: 'child-identity-by-name',
    phases: ['phase-0'],
    description: 'Children are deduplicated by name alone, so two families with a child of the same name share one child (and one of the two weeks is dropped).',
    planReference: 'Phase 0 Step 2, backfillChildren(): uniqueChildren keyed by row.child_name; upsert(onConflict: "name")',
    expectedKillers: ['phase-0/round-trip', 'phase-0/accounting'],
  },
  {
    id: 'null-owner-zero-uuid',
    phases: ['phase-0'],
    description: 'A null owner falls back to the all-zero uuid instead of being quarantined; the row then fails the auth.users foreign key and is lost as an unexpected error.',
    planReference: "Phase 0 Step 2: user_id: row.user_id || '00000000-0000-0000-0000-000000000000'",
    expectedKillers: ['phase-0/accounting'],
  },
  {
    id: 'coerce-unknown-status',
    phases: ['phase-0'],
    description: 'Unknown statuses (blue, empty, padded) are silently stored as none instead of being quarantined.',
    planReference: "Phase 0 Step 2, backfillHabitRecords(): status: status || 'none' with no validation",
    expectedKillers: ['phase-0/accounting'],
  },
  {
    id: 'records-only-for-present-times',
    phases: ['phase-0'],
    description: 'Records are written only for the days present in times, so a short times array leaves days without a record.',
    planReference: 'Phase 0 Step 2, backfillHabitRecords(): habitData.times.map(...) — one record per array element',
    expectedKillers: ['phase-0/round-trip'],
  },
  {
    id: 'week-end-off-by-one',
    phases: ['phase-0'],
    description: 'week_end_date is start + 7 days. NOT VALID does not let it in (new rows are still checked): every week fails check_week_dates and its row is lost to unexpected_error.',
    planReference: 'classic (the plan computes end dates in JS milliseconds in three places, and reads NOT VALID as "not applied yet")',
    expectedKillers: ['phase-0/accounting', 'phase-0/round-trip'],
  },
  {
    id: 'fk-checks-off-for-speed',
    phases: ['phase-0'],
    description: 'The backfill runs with session_replication_role = replica (the bulk-load trick that skips FK triggers) and no longer quarantines owners missing from auth.users: orphan rows get in, and only VALIDATE CONSTRAINT finds them.',
    planReference: "Phase 0 Step 2: user_id: row.user_id || '00000000-…' assumes every owner exists; classic bulk-load shortcut",
    expectedKillers: ['phase-0/constraint-validity'],
  },
  {
    id: 'dedupe-within-batch-only',
    phases: ['phase-0'],
    description: 'Duplicate (owner, child, week) rows are detected only inside a batch; a duplicate of a row migrated in an earlier batch is silently skipped — neither migrated nor quarantined.',
    planReference: 'Phase 0 Step 2, backfillWeeks(): upsert(weeksData) per batch with no conflict target',
    expectedKillers: ['phase-0/accounting', 'phase-0/batch-size-independence'],
  },
  {
    id: 'record-date-session-tz',
    phases: ['phase-0'],
    description: 'record_date is computed through timestamptz, i.e. in the session time zone: east of UTC every record lands a day early.',
    planReference: 'Phase 0 Step 2: record_date: new Date(new Date(week.week_start_date).getTime() + dayIndex * 24*60*60*1000)',
    expectedKillers: ['phase-0/time-zone-independence'],
  },
  {
    id: 'progress-before-batch',
    phases: ['phase-0'],
    description: 'The progress row is advanced in its own transaction before the batch is written: a crash mid-batch skips that batch for good on resume.',
    planReference: 'Phase 0 Step 2: backfill_progress is created but lastId lives in memory; progress is not written with the batch',
    expectedKillers: ['phase-0/resumability'],
  },
  {
    id: 'drift-habits-only',
    phases: ['phase-0'],
    description: 'The drift detector compares habit names and statuses only: a changed theme, reflection, reward, child or date goes unreported.',
    planReference: 'Phase 0 Step 3, compareData(): compares habits and times only',
    expectedKillers: ['phase-0/drift-detector'],
  },
  {
    id: 'drift-count-and-sample',
    phases: ['phase-0'],
    description: 'The drift detector compares row counts and the first 10 rows only: a change in any other row goes unreported.',
    planReference: "Phase 0 Step 3, detectDrift(): count(exact) then .limit(10) samples",
    expectedKillers: ['phase-0/drift-detector'],
  },
] as const satisfies readonly Defect[];

export type DefectId = (typeof DEFECTS)[number]['id'];

/** Looks a defect up by id; undefined when unknown (the CLI turns that into a usage error). */
export function findDefect(id: string): Defect | undefined {
  return (DEFECTS as readonly Defect[]).find((d) => d.id === id);
}
