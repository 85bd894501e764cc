/**
 * Phase 0 Step 3, scripts/detect-drift.js, ported line for line: compare the row counts of
 * habit_tracker and weeks, then 10 legacy rows (`.limit(10)`, no order) with their week found by
 * child name and week_start_date (`children!inner(*)`, `.single()`), through compareData — habit
 * names and statuses only, a status matched to its day by `new Date(record_date).getDay()` (in the
 * process's time zone). Its crashes are kept (`oldHabit.times[day]` on a habit without times…).
 *
 * Where the file is silent: it imports no `supabase` (taken as backfill.js's client) and calls a
 * `sendAlert` it never defines (taken as a Slack message, outside the database: nothing here); the
 * hourly setInterval is the caller's. DriftOptions (sampling) do not apply: the plan always samples 10.
 * Its drifts become DriftRows: COUNT_MISMATCH → kind `count_mismatch` (field `count`); DATA_MISMATCH →
 * kind `data_mismatch` on the legacy id, field `habits` (compareData says only that the habits differ).
 */
import type pg from 'pg';
import type { DriftRow } from '../contract/observation.ts';
import { createSupabase, type Json, type Supabase } from './supabase-js.ts';

export async function detectDrift(supabase: Supabase): Promise<Json[]> {
  const drifts: Json[] = [];

  // 1. 주차 수 비교
  const { count: oldCount } = await supabase.from('habit_tracker').select('*', { count: 'exact', head: true });

  const { count: newCount } = await supabase.from('weeks').select('*', { count: 'exact', head: true });

  if (oldCount !== newCount) {
    drifts.push({ type: 'COUNT_MISMATCH', table: 'weeks', old: oldCount, new: newCount, severity: 'HIGH' });
  }

  // 2. 샘플 데이터 비교 (10개)
  const { data: samples } = await supabase.from('habit_tracker').select('*').limit(10);

  for (const sample of samples) {
    // 새 스키마에서 동일 데이터 조회
    const { data: newData } = await supabase
      .from('weeks')
      .select(
        `
        *,
        children!inner(*),
        habits(*, habit_records(*))
      `,
      )
      .eq('children.name', sample.child_name)
      .eq('week_start_date', sample.week_start_date)
      .single();

    // 데이터 일치 검증
    const isMatch = compareData(sample, newData);
    if (!isMatch) {
      drifts.push({
        type: 'DATA_MISMATCH',
        old_id: sample.id,
        child_name: sample.child_name,
        week_start_date: sample.week_start_date,
        severity: 'CRITICAL',
      });
    }
  }

  // 3. 알림 발송 — sendAlert({ channel: 'slack', … }): undefined in the plan, outside the database
  return drifts;
}

export function compareData(old: Json, newData: Json): boolean {
  // JSONB habits → 정규화된 테이블 비교
  const oldHabits = old.habits || [];
  const newHabits = newData?.habits || [];

  if (oldHabits.length !== newHabits.length) return false;

  for (let i = 0; i < oldHabits.length; i++) {
    const oldHabit = oldHabits[i];
    const newHabit = newHabits[i];

    if (oldHabit.name !== newHabit.name) return false;

    // times 배열 → habit_records 비교
    for (let day = 0; day < 7; day++) {
      const oldStatus = oldHabit.times[day];
      const newRecord = newHabit.habit_records.find((r: Json) => new Date(r.record_date).getDay() === (day + 1) % 7);

      if ((oldStatus || 'none') !== (newRecord?.status || 'none')) {
        return false;
      }
    }
  }

  return true;
}

/** The plan's detector as the contract's drift(): its drifts as DriftRows. */
export async function planDrift(db: pg.ClientBase): Promise<DriftRow[]> {
  const drifts = await detectDrift(createSupabase(db));
  return drifts.map((d): DriftRow =>
    d.type === 'COUNT_MISMATCH'
      ? { legacy_id: null, child: null, week: null, habit_index: null, day: null, field: 'count', legacy: String(d.old), new: String(d.new), kind: 'count_mismatch' }
      : { legacy_id: Number(d.old_id), child: d.child_name, week: d.week_start_date, habit_index: null, day: null, field: 'habits', legacy: null, new: null, kind: 'data_mismatch' },
  );
}
