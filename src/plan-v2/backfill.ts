/**
 * Phase 0 Step 2, scripts/backfill.js, ported line for line: the rpc that should create
 * backfill_progress (a function the plan never defines: the call returns an error nobody reads, and
 * the table is never created), then backfillChildren, backfillWeeks, backfillHabits and
 * backfillHabitRecords through the supabase-js translation (supabase-js.ts), every `error` ignored where
 * the plan ignores it and every crash kept (`habit.name.match` on a name that is not a string…).
 * Its console output is left out. The plan's comment "실제로는 child_name으로 조인" is a comment: the
 * code filters habit_tracker on child_id, a column it does not have.
 *
 * The contract's knobs, where the plan has none: `batchSize` is the plan's BATCH_SIZE (1000 by
 * default); `maxBatches` stops the run after that many batches of backfillWeeks (the plan's only loop
 * over legacy ids), before habits and records — a crash there; `restart` changes nothing, since the plan
 * keeps lastId in memory and every run starts at 0. Counts: `rows` are the legacy rows backfillWeeks
 * read, `migrated` those of the batches whose weeks upsert returned no error (what it logs as
 * "Processed"), `quarantined` 0 (the plan has no quarantine), `roundTrips` the supabase-js requests.
 */
import type pg from 'pg';
import type { BackfillOptions, BackfillResult } from '../contract/backfill.ts';
import { createSupabase, type Json, type Supabase } from './supabase-js.ts';

/** The plan's backfill as the contract runs it. */
export async function runPlanBackfill(db: pg.ClientBase, opts: BackfillOptions = {}): Promise<BackfillResult> {
  const started = performance.now();
  const supabase = createSupabase(db);
  const BATCH_SIZE = opts.batchSize ?? 1000;
  const counts = { batches: 0, rows: 0, migrated: 0 };

  // 백필 진행 상황 추적 테이블
  await supabase.rpc('create_backfill_progress_table', {
    sql: `
    CREATE TABLE IF NOT EXISTS backfill_progress (
      id SERIAL PRIMARY KEY,
      table_name TEXT NOT NULL,
      last_processed_id BIGINT,
      total_rows INT,
      processed_rows INT DEFAULT 0,
      status TEXT DEFAULT 'pending',
      started_at TIMESTAMP WITH TIME ZONE,
      completed_at TIMESTAMP WITH TIME ZONE
    );
  `,
  });

  await backfillChildren(supabase, BATCH_SIZE);
  const done = await backfillWeeks(supabase, BATCH_SIZE, opts, counts);
  if (done) {
    await backfillHabits(supabase);
    await backfillHabitRecords(supabase);
  }
  return { ...counts, quarantined: 0, roundTrips: supabase.requests, done, ms: performance.now() - started };
}

async function backfillChildren(supabase: Supabase, BATCH_SIZE: number): Promise<void> {
  const { data: oldData } = await supabase.from('habit_tracker').select('child_name, user_id, created_at').order('id');

  // 중복 제거
  const uniqueChildren = new Map<Json, Json>();
  for (const row of oldData) {
    if (!uniqueChildren.has(row.child_name)) {
      uniqueChildren.set(row.child_name, {
        user_id: row.user_id || '00000000-0000-0000-0000-000000000000',
        name: row.child_name,
        created_at: row.created_at,
      });
    }
  }

  // 배치 삽입
  const childrenArray = Array.from(uniqueChildren.values());
  for (let i = 0; i < childrenArray.length; i += BATCH_SIZE) {
    const batch = childrenArray.slice(i, i + BATCH_SIZE);
    await supabase.from('children').upsert(batch, { onConflict: 'name', ignoreDuplicates: false });
  }
}

/** True when it reached the end of habit_tracker (false: stopped by maxBatches). */
async function backfillWeeks(supabase: Supabase, BATCH_SIZE: number, opts: BackfillOptions, counts: { batches: number; rows: number; migrated: number }): Promise<boolean> {
  // 배치 처리
  let lastId = 0;
  let hasMore = true;

  while (hasMore) {
    if (opts.maxBatches !== undefined && counts.batches >= opts.maxBatches) return false;
    const { data: batch } = await supabase.from('habit_tracker').select('*').gt('id', lastId).order('id').limit(BATCH_SIZE);

    if (!batch || batch.length === 0) {
      hasMore = false;
      break;
    }

    // 변환 로직
    const weeksData = await Promise.all(
      batch.map(async (row: Json) => {
        // child_id 조회
        const { data: child } = await supabase.from('children').select('id').eq('name', row.child_name).single();

        return {
          user_id: row.user_id || '00000000-0000-0000-0000-000000000000',
          child_id: child?.id,
          week_start_date: row.week_start_date,
          week_end_date: new Date(new Date(row.week_start_date).getTime() + 6 * 24 * 60 * 60 * 1000),
          theme: row.theme,
          reflection: row.reflection,
          reward: row.reward,
          created_at: row.created_at,
        };
      }),
    );

    const { error } = await supabase.from('weeks').upsert(weeksData);

    lastId = batch[batch.length - 1].id;
    counts.batches++;
    counts.rows += batch.length;
    if (!error) counts.migrated += batch.length;
    opts.onBatch?.({ lastId, rows: batch.length, migrated: error ? 0 : batch.length, quarantined: 0 });
  }
  return true;
}

async function backfillHabits(supabase: Supabase): Promise<void> {
  // JSONB → 테이블 변환
  const { data: weeks } = await supabase.from('weeks').select('id, child_id').order('id');

  for (const week of weeks) {
    // habit_tracker에서 JSONB habits 가져오기
    const { data: oldWeek } = await supabase
      .from('habit_tracker')
      .select('habits')
      .eq('child_id', week.child_id) // 실제로는 child_name으로 조인
      .eq('week_start_date', week.week_start_date)
      .single();

    if (!oldWeek?.habits) continue;

    const habitsArray = oldWeek.habits.map((habit: Json, index: number) => ({
      week_id: week.id,
      name: habit.name,
      time_period: habit.name.match(/^([^)]+\))/)?.[1], // "아침 (6-9시)" → "아침 (6-9시)"
      display_order: index,
    }));

    await supabase.from('habits').insert(habitsArray);
  }
}

async function backfillHabitRecords(supabase: Supabase): Promise<void> {
  const { data: habits } = await supabase.from('habits').select('id, week_id, display_order').order('id');

  for (const habit of habits) {
    // week_id로 week_start_date 조회
    const { data: week } = await supabase.from('weeks').select('week_start_date, child_id').eq('id', habit.week_id).single();

    // 원본 데이터의 times 배열 가져오기
    const { data: oldWeek } = await supabase
      .from('habit_tracker')
      .select('habits')
      .eq('child_id', week.child_id)
      .eq('week_start_date', week.week_start_date)
      .single();

    const habitData = oldWeek?.habits?.[habit.display_order];
    if (!habitData?.times) continue;

    // 7일치 레코드 생성
    const records = habitData.times.map((status: Json, dayIndex: number) => ({
      habit_id: habit.id,
      record_date: new Date(new Date(week.week_start_date).getTime() + dayIndex * 24 * 60 * 60 * 1000),
      status: status || 'none',
    }));

    await supabase.from('habit_records').insert(records);
  }
}
