/**
 * Where in ../shared/seed/MIGRATION_PLAN_v2.md each property, and each step of the plan's port
 * (src/plan-v2), points: the "plan line it exposes" of the README's "The plan as written" table,
 * phrased like the defect catalogue's planReference fields. A test keeps one entry per property.
 */

/** What each property checks of the plan: the lines it would expose once the plan gets that far. */
export const PROPERTY_PLAN_REFERENCES: Readonly<Record<string, string>> = {
  'phase-0/round-trip': 'Phase 0 Step 2, backfillChildren() … backfillHabitRecords(): each legacy row to a week, its habits and 7 records',
  'phase-0/accounting': "Phase 0 Step 2: no quarantine — `user_id: row.user_id || '00000000-…'`, `status: status || 'none'`, `error` never read",
  'phase-0/constraint-validity': 'Phase 0 Step 1: CHECK … NOT VALID (check_week_dates, check_week_start_monday, check_status), never validated',
  'phase-0/idempotency': 'Phase 0 Step 2: backfill_progress never read; a rerun starts at lastId = 0 and `insert`s habits and records again',
  'phase-0/resumability': "Phase 0 Step 2: lastId lives in memory; `rpc('create_backfill_progress_table')`, a function the plan never defines",
  'phase-0/batch-size-independence': 'Phase 0 Step 2, backfillWeeks(): BATCH_SIZE = 1000, `upsert(weeksData)` per batch with no conflict target',
  'phase-0/time-zone-independence': 'Phase 0 Step 2: `new Date(new Date(week_start_date).getTime() + n * 24 * 60 * 60 * 1000)`; Step 3: `new Date(r.record_date).getDay()`',
  'phase-0/drift-detector': 'Phase 0 Step 3, detectDrift(): count(exact) and `.limit(10)` samples; compareData(): habit names and statuses only',
  'phase-0/new-schema-rows': 'Phase 0 Step 2, backfillHabits() / backfillHabitRecords(): `display_order: index`, `record_date` from `new Date(…)` arithmetic — only ever read back through counts and samples',
  'phase-0/edge-rows': "Phase 0 Step 1, check_name_length: `CHECK (length(name) >= 1 AND length(name) <= 100)`; Step 2, backfillWeeks(): `.gt('id', lastId)…limit(BATCH_SIZE)`, `upsert(weeksData)` per batch, `week_end_date: new Date(…getTime() + 6 * 24 * 60 * 60 * 1000)`",
  'phase-0/backfill-faults': "Phase 0 Step 2, runBackfill(): `catch (error) { console.error('❌ Backfill failed:', error); throw error; }` — one bad row stops the whole backfill, no quarantine, no retry",
  'phase-1/sync-faults': 'Phase 1, Database Trigger (백업): no EXCEPTION handling — a row the trigger cannot sync fails the old client\'s write, and nothing reconciles what the backfill missed',
  'phase-1/write-locality': "Phase 1, Database Trigger (백업): the trigger upserts the week it is fired for — nothing bounds what a sync may rewrite, and the plan's Step 3 compares only counts",
  'phase-1/request-validation': 'Phase 1 Edge Function: `const { childId, weekStartDate, habits } = await req.json()` — no request is ever validated before both schemas are written',
  'phase-3/reverse-sync-faults': 'Phase 3: after the switch nothing writes the legacy table back (no reverse sync), so a rollback after Day 1 finds it stale',
  'phase-1/convergence': "Phase 1 Edge Function (create_week, update_habit_record only) and Database Trigger (백업): `IF TG_OP = 'INSERT'`, child by name, `ON CONFLICT (child_id, week_start_date)`",
  'phase-1/idempotency-keys': "Phase 1 Edge Function: `from('idempotency_log').select('*').eq('key', idempotencyKey).single()` before the writes, `insert` after them",
  'phase-1/atomicity': 'Phase 1 createWeekDualWrite(): legacy insert and weeks insert as separate requests; `if (oldError) … // 계속 진행 (신 스키마 우선)`',
  'phase-1/rollback': "롤백 시나리오, Phase 1 롤백: `functions.delete('dual-write-habit')`, `DROP TRIGGER sync_habit_tracker_to_new ON habit_tracker;` — silent about templates (템플릿 기능 (신 스키마만))",
  'phase-2/router': 'Phase 2, Feature Flag 구현: getFeatureFlags() returns newSchemaPercentage, then `if (flags.useNewSchema)` decides alone',
  'phase-2/read-equivalence': 'Phase 2, Feature Flag 구현: `loadFromNewSchema()` (never written) instead of `loadFromOldSchema()`',
  'phase-2/compare-mode': 'Phase 2, 점진적 전환 스케줄: 성능 비교 (구 vs 신) — no compare mode, no mismatch log',
  'phase-2/rls-isolation': 'Phase 2, RLS 단계적 활성화 / 체크리스트 RLS 활성화 — no policy given',
  'phase-2/constraint-validation': 'Phase 0 Step 1: "제약 조건 (NOT VALID - 기존 데이터 검증 안함)" — no phase ever validates them',
  'phase-3/read-only-week': 'Phase 3, Day 1: 쓰기 비활성화 — `ALTER TABLE habit_tracker SET UNLOGGED;` `UPDATE habit_tracker SET _archived = true;`',
  'phase-3/crash-during-retirement': 'Phase 3, Day 1: `ALTER TABLE habit_tracker SET UNLOGGED; -- 성능 향상` (crash recovery empties an unlogged table)',
  'phase-3/complete-guard': 'Phase 3: Day 2-7, Day 9-14 모니터링, Day 15 `DROP TABLE habit_tracker_old CASCADE;` — a schedule, not a guard',
  'phase-3/zero-downtime': 'Phase 3: RENAME, DROP, `VACUUM FULL;` run bare (no lock_timeout); `UPDATE habit_tracker SET _archived = true;`',
  'phase-0/exposure': 'Phase 0 Step 1: "RLS는 일단 OFF" — children, weeks, habits, habit_records created in public with no RLS and no REVOKE (under automatic grants, open to the anon key)',
  'phase-0/reachability': 'Phase 0 Step 2: the backfill writes through `supabase.from(\'children\').upsert(…)` with a service-role client — a path that needs grants the plan never gives',
  'phase-1/exposure': 'Phase 1: idempotency_log and the trigger function created with no RLS, REVOKE or GRANT — whatever the project\'s default privileges give',
  'phase-1/reachability': "Phase 1 Edge Function: `createClient(…, SUPABASE_SERVICE_ROLE_KEY)` writes weeks, habits and idempotency_log — 42501 under explicit grants",
  'phase-2/exposure': 'Phase 2, RLS 단계적 활성화 / 체크리스트 "RLS 활성화" — no policy, no order of grants and RLS given',
  'phase-2/reachability': 'Phase 2, Feature Flag 구현: `loadFromNewSchema()` reads as the signed-in parent — no GRANT to authenticated anywhere in the plan',
  'phase-3/exposure': 'Phase 3: Day 8 rename and Day 15 drop — nothing says who may reach habit_tracker_old meanwhile',
  'phase-3/reachability': 'Phase 3: after the switch the app writes only the new tables — as the signed-in parent, with grants the plan never gives',
  'rollback/exposure': '롤백 시나리오: each rollback drops or disables; nothing says what the API roles may reach on the way back',
  'rollback/reachability': '롤백 시나리오: the old client writes habit_tracker again as the parent — the grants it needs are never checked',
  'rollback/phase-0-cycle': '롤백 시나리오, Phase 0 롤백: DROP TABLE IF EXISTS habit_records / habits / weeks / children CASCADE (habit_templates, notifications stay)',
  'rollback/phase-1-cycle': '롤백 시나리오, Phase 1 롤백: `DROP TRIGGER sync_habit_tracker_to_new ON habit_tracker;`, then CREATE TRIGGER again (no IF NOT EXISTS)',
  'rollback/phase-2-cycle': '롤백 시나리오, Phase 2 롤백: `ld.variation(\'use-new-schema\').set(false)` — RLS stays on',
  'rollback/phase-3-cycle': '롤백 시나리오: no Phase 3 entry — Day 1 SET UNLOGGED and the rename are never undone',
  'rollback/zero-downtime': '전략 변경 배경: "0초 다운타임" — every phase\'s DDL runs bare under the app\'s writes (no lock_timeout)',
};

/** The plan's line behind each step of src/plan-v2 (a failure naming the step exposes it). */
export const STEP_PLAN_REFERENCES: Readonly<Record<string, string>> = {
  'shadow-schema': 'Phase 0 Step 1 (새 테이블 생성): `CREATE INDEX CONCURRENTLY idx_children_user_id ON children(user_id);` inside the script\'s `BEGIN; … COMMIT;`',
  'idempotency-log': 'Phase 1 체크리스트: "idempotency 로그 테이블 생성" (no DDL given)',
  'sync-trigger': 'Phase 1, Database Trigger (백업): `CREATE TRIGGER sync_habit_tracker_to_new …` (no IF NOT EXISTS); 롤백 시나리오 Phase 1: `DROP TRIGGER sync_habit_tracker_to_new ON habit_tracker;`',
  'day-1-set-unlogged': 'Phase 3, Day 1: `ALTER TABLE habit_tracker SET UNLOGGED; -- 성능 향상`',
  'day-1-soft-archive': 'Phase 3, Day 1: `UPDATE habit_tracker SET _archived = true; -- 소프트 아카이브` (no such column)',
  'day-8-rename': 'Phase 3, Day 8: `ALTER TABLE habit_tracker RENAME TO habit_tracker_old;`',
  'day-15-drop': 'Phase 3, Day 15: `DROP TABLE habit_tracker_old CASCADE;`',
  'day-16-vacuum-full': 'Phase 3, Day 16: `VACUUM FULL;`',
  'day-16-analyze': 'Phase 3, Day 16: `ANALYZE;`',
};

/** Phase 2's steps are one per table (`rls-children`, …): all the same line of the plan. */
export function stepPlanReference(step: string): string | undefined {
  return step.startsWith('rls-') ? 'Phase 2, RLS 단계적 활성화 (no policy given)' : STEP_PLAN_REFERENCES[step];
}
