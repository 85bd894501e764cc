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
    description: 'The backfill runs with session_replication_role = replica (the bulk-load trick that skips FK triggers) and no longer quarantines owners missing from auth.users: orphan rows get in instead of being quarantined, and VALIDATE CONSTRAINT fails on them.',
    planReference: "Phase 0 Step 2: user_id: row.user_id || '00000000-…' assumes every owner exists; classic bulk-load shortcut",
    expectedKillers: ['phase-0/accounting', 'phase-0/round-trip', 'phase-0/constraint-validity'],
  },
  {
    id: 'rerun-reprocesses-rows',
    phases: ['phase-0'],
    description: 'The backfill does not skip legacy rows it already handled: a rerun from scratch finds each migrated row\'s own week and quarantines the row as its duplicate.',
    planReference: 'Phase 0 Step 2: backfill_progress is never read; a rerun starts at lastId = 0 and upserts every row again',
    expectedKillers: ['phase-0/idempotency'],
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
  // Phase 2 — read switch, RLS, constraint validation
  {
    id: 'router-flag-ignores-percentage',
    phases: ['phase-2'],
    description: 'The read router checks the on/off flag only: newSchemaPercentage is read and never used, so "5 %" sends every user to the new schema.',
    planReference: 'Phase 2, Feature Flag 구현: getFeatureFlags() returns newSchemaPercentage, then `if (flags.useNewSchema)` decides alone',
    expectedKillers: ['phase-2/router'],
  },
  {
    id: 'router-random-per-request',
    phases: ['phase-2'],
    description: 'The router draws a random number per request: the share is right on average, but a user flips between the two schemas from one read to the next (not sticky).',
    planReference: 'Phase 2, 점진적 전환 스케줄 (5 % → 20 % → 50 % → 100 %) with no bucketing by user; classic Math.random() rollout',
    expectedKillers: ['phase-2/router'],
  },
  {
    id: 'router-percent-inclusive',
    phases: ['phase-2'],
    description: 'The router compares bucket <= threshold: at 0 % the users of bucket 0 still read from the new schema, and every step lets one bucket too many in.',
    planReference: 'classic off-by-one at the rollout boundary (the plan gives no bucketing rule at all)',
    expectedKillers: ['phase-2/router'],
  },
  {
    id: 'rls-with-check-true',
    phases: ['phase-2'],
    description: "Write policies check nothing (WITH CHECK (true), Supabase's 'Enable insert for authenticated users only' template): a signed-in parent can insert and re-parent rows into another family.",
    planReference: 'Phase 2, RLS 단계적 활성화 (no policy given); Phase 1 createWeekDualWrite inserts with whatever child/user it was handed',
    expectedKillers: ['phase-2/rls-isolation'],
  },
  {
    id: 'rls-parent-tables-only',
    phases: ['phase-2'],
    description: 'RLS is enabled on children, weeks, templates and notifications but not on habits and habit_records: every family\'s habits and daily records leak through the child tables.',
    planReference: 'Phase 2, RLS 단계적 활성화: "gradual" read as weeks first; habits/habit_records carry no user_id of their own',
    expectedKillers: ['phase-2/rls-isolation'],
  },
  {
    id: 'rls-week-child-unchecked',
    phases: ['phase-2'],
    description: "The weeks policy checks the week's user_id but not its child: a parent can file a week (and templates) under another family's child.",
    planReference: "Phase 1 createWeekDualWrite / sync_to_new_schema: child looked up by name alone (.eq('name', childName)), so the child may be another family's",
    expectedKillers: ['phase-2/rls-isolation'],
  },
  {
    id: 'legacy-view-bypasses-rls',
    phases: ['phase-2'],
    description: 'The legacy-shaped view stays a definer view (no security_invoker): read by authenticated it runs as its owner, bypasses RLS, and shows every family\'s weeks.',
    planReference: 'classic Supabase pitfall (views bypass RLS unless security_invoker); Phase 2 reads through the legacy shape',
    expectedKillers: ['phase-2/rls-isolation'],
  },
  {
    id: 'read-times-by-record-order',
    phases: ['phase-2'],
    description: "The new-schema read builds each habit's times from its records in storage order instead of by record_date - week_start_date, so days come back shuffled.",
    planReference: "Phase 0 Step 3, compareData(): matches records to days only for the comparison; the Phase 2 read path (loadFromNewSchema) is left unspecified",
    expectedKillers: ['phase-2/read-equivalence'],
  },
  {
    id: 'compare-candidate-no-savepoint',
    phases: ['phase-2'],
    description: "Compare mode catches the candidate's error in JS but runs it without a savepoint: inside the request's transaction the error aborts it, the mismatch is never recorded and every later statement of the request fails.",
    planReference: 'Phase 2, 성능 비교 (구 vs 신) / monitoring: the new read runs beside the old one; classic Scientist-on-one-connection pitfall',
    expectedKillers: ['phase-2/compare-mode'],
  },
  {
    id: 'validate-by-readd',
    phases: ['phase-2'],
    description: 'Phase 0\'s NOT VALID constraints are "activated" by dropping and re-adding them without NOT VALID, which scans each table under an ACCESS EXCLUSIVE (check) or SHARE ROW EXCLUSIVE (foreign key) lock and blocks the app\'s writes meanwhile.',
    planReference: 'Phase 0 Step 1: "제약 조건 (NOT VALID - 기존 데이터 검증 안함)" read as "not applied yet"; the plan never validates them',
    expectedKillers: ['phase-2/constraint-validation'],
  },
  // Phase 3 — retirement — and the rollbacks
  {
    id: 'read-only-set-unlogged',
    phases: ['phase-3'],
    description: 'The legacy table is "made read-only" with SET UNLOGGED: writes still succeed, and crash recovery truncates an unlogged table — a SIGKILL during the read-only week empties the table a rollback needs.',
    planReference: 'Phase 3, Day 1: ALTER TABLE habit_tracker SET UNLOGGED; -- 성능 향상',
    expectedKillers: ['phase-3/crash-during-retirement', 'phase-3/read-only-week'],
  },
  {
    id: 'phase0-rollback-as-planned',
    phases: ['phase-0', 'rollback'],
    description: 'Phase 0 is rolled back as the plan writes it: only habit_records, habits, weeks and children are dropped; habit_templates, notifications, the bookkeeping tables and the functions stay behind.',
    planReference: '롤백 시나리오, Phase 0 롤백: DROP TABLE IF EXISTS habit_records / habits / weeks / children CASCADE',
    expectedKillers: ['rollback/phase-0-cycle'],
  },
  {
    id: 'phase3-rollback-no-reverse-sync',
    phases: ['phase-3', 'rollback'],
    description: 'Dual write is switched off with nothing carrying new-schema writes back to the legacy table: a Phase 3 rollback brings back a legacy table without any write made after the switch (and without the weeks created since).',
    planReference: 'Phase 3, Day 1: 쓰기 비활성화 / 이중쓰기 비활성화 — no way back is described; 롤백 시나리오 has no Phase 3 entry',
    expectedKillers: ['rollback/phase-3-cycle', 'phase-3/read-only-week'],
  },
  {
    id: 'archive-flag-update',
    phases: ['phase-3'],
    description: 'The soft archive runs as written: a whole-table UPDATE of a column habit_tracker does not have. The switch fails (42703) and Phase 3 cannot start; with the column added it would lock and rewrite every legacy row.',
    planReference: 'Phase 3, Day 1: UPDATE habit_tracker SET _archived = true; -- 소프트 아카이브',
    expectedKillers: ['phase-3/zero-downtime', 'rollback/phase-3-cycle'],
  },
  {
    id: 'drop-without-grace',
    phases: ['phase-3'],
    description: 'The drop runs whenever it is called: no check that the read-only week (and the week after the rename) has passed.',
    planReference: 'Phase 3: Day 2-7 모니터링, Day 9-14 추가 모니터링, Day 15 완전 삭제 — a schedule, not a guard',
    expectedKillers: ['phase-3/complete-guard'],
  },
  {
    id: 'drop-cascade',
    phases: ['phase-3'],
    description: 'The retired table is dropped with CASCADE: a view or function that still depends on it (a report nobody migrated) disappears silently instead of stopping the drop.',
    planReference: 'Phase 3, Day 15: DROP TABLE habit_tracker_old CASCADE;',
    expectedKillers: ['phase-3/complete-guard'],
  },
  {
    id: 'ddl-without-lock-timeout',
    phases: ['phase-3'],
    description: 'Phase 3 DDL runs without lock_timeout: the rename queues behind a long transaction on the legacy table, and every write queues behind the rename for as long.',
    planReference: 'Phase 3: ALTER TABLE … RENAME / DROP TABLE run bare; the plan never sets lock_timeout',
    expectedKillers: ['phase-3/zero-downtime'],
  },
  {
    id: 'idempotency-check-then-log',
    phases: ['phase-1'],
    description: 'The idempotency key is looked up before the writes and logged after them: concurrent duplicates all miss the lookup and all execute (a habit added twice), each with its own response.',
    planReference: "Phase 1 Edge Function: select('*').eq('key', idempotencyKey).single() first, insert into idempotency_log after the writes, the insert's error never read",
    expectedKillers: ['phase-1/idempotency-keys'],
  },
  {
    id: 'legacy-write-failure-ignored',
    phases: ['phase-1'],
    description: 'A failed legacy write is logged and ignored; the new-schema write commits alone and the two schemas part.',
    planReference: "Phase 1 createWeekDualWrite(): if (oldError) { console.error('Old schema write failed:', oldError); // 계속 진행 (신 스키마 우선) }",
    expectedKillers: ['phase-1/atomicity'],
  },
  {
    id: 'dual-write-two-transactions',
    phases: ['phase-1'],
    description: 'The legacy and the new-schema write are two independent transactions (Promise.all): a fault in one leaves the other committed, and the key already answers retries.',
    planReference: 'Strangler Fig 개요, 3. 이중쓰기: await Promise.all([writeToOldSchema(data), writeToNewSchema(data)])',
    expectedKillers: ['phase-1/atomicity'],
  },
  {
    id: 'trigger-insert-only',
    phases: ['phase-1'],
    description: 'The backup trigger is declared for INSERT OR UPDATE but handles INSERT only, and not DELETE: an old client\'s update or delete never reaches the new schema.',
    planReference: "Phase 1 Database Trigger: AFTER INSERT OR UPDATE … IF TG_OP = 'INSERT' THEN … END IF; RETURN NEW;",
    expectedKillers: ['phase-1/convergence'],
  },
  {
    id: 'trigger-child-by-name',
    phases: ['phase-1'],
    description: 'The backup trigger finds the child by name alone: a week an old client writes for one family is attached to another family\'s child of the same name.',
    planReference: 'Phase 1 Database Trigger: SELECT id INTO child_uuid FROM children WHERE name = NEW.child_name;',
    expectedKillers: ['phase-1/convergence'],
  },
  {
    id: 'trigger-double-apply',
    phases: ['phase-1'],
    description: 'The API does not tell the trigger that it writes the new schema itself: the trigger re-derives the week from the legacy write, then the API applies its new-schema write on top (an added habit appears twice, a created week collides).',
    planReference: "Phase 1: Edge Function writes both schemas, and the trigger (백업) also syncs every habit_tracker INSERT; source_version: 'dual_write' is written but never read",
    expectedKillers: ['phase-1/convergence'],
  },
  {
    id: 'upsert-on-deferrable-unique',
    phases: ['phase-1'],
    description: "habit_records' UNIQUE (habit_id, record_date) is DEFERRABLE INITIALLY DEFERRED as the plan declares it: Postgres refuses it as the arbiter of the status upsert, and every setStatus fails.",
    planReference: "Phase 0 DDL UNIQUE(habit_id, record_date) DEFERRABLE INITIALLY DEFERRED + Phase 1 updateHabitRecordDualWrite(): upsert(…, { onConflict: 'habit_id,record_date' })",
    expectedKillers: ['phase-1/convergence', 'phase-1/atomicity'],
  },
  {
    id: 'rollback-drops-new-only-data',
    phases: ['phase-1'],
    description: "Phase 1's rollback returns to the old schema by deleting what only the new schema holds (templates, notifications, weeks.template_id): users' templates are lost without a word.",
    planReference: 'Phase 1 롤백: functions.delete + DROP TRIGGER, "구 스키마만 사용" — silent about templates, which live only in the new schema (템플릿 기능 (신 스키마만))',
    expectedKillers: ['phase-1/rollback'],
  },
] as const satisfies readonly Defect[];

export type DefectId = (typeof DEFECTS)[number]['id'];

/** Looks a defect up by id; undefined when unknown (the CLI turns that into a usage error). */
export function findDefect(id: string): Defect | undefined {
  return (DEFECTS as readonly Defect[]).find((d) => d.id === id);
}
