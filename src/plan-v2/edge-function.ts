/**
 * Phase 1's Edge Function, supabase/functions/dual-write-habit/index.ts, ported line for line: the
 * idempotency key looked up first (`.single()`, its error unread) and logged after the writes (the
 * insert's error unread); `create_week` and `update_habit_record`, any other action `throw new
 * Error(\`Unknown action: ${action}\`)`; every error answered 500 `{ error: error.message }`.
 * createWeekDualWrite writes the legacy row (with a `source_version` column habit_tracker does not
 * have; its error is logged and ignored, "신 스키마 우선"), then the week (child looked up by name
 * alone, no user_id, `source_version` again); updateHabitRecordDualWrite leaves the legacy update out
 * ("// ... (복잡한 JSONB 업데이트 로직)") and upserts the record on (habit_id, record_date).
 *
 * Where the file is silent: `formatKoreanDate` is never defined (taken as the legacy label's
 * `2025년 10월 13일`, from the UTC date), nor `verifyDualWrite` (a check outside the database: nothing
 * here); its console.error lines are left out. Each request gets a client on the caller's connection
 * (createClient with the service-role key: see supabase-js.ts).
 */
import type pg from 'pg';
import { createSupabase, type Json, type Supabase } from './supabase-js.ts';

export interface EdgeRequest {
  /** The X-Idempotency-Key header. */
  idempotencyKey: string | null;
  /** The JSON body. */
  body: { action: string; data: Json };
}

export interface EdgeResponse {
  status: number;
  body: Json;
}

/** serve(async (req) => …): one request to the function. */
export async function dualWriteHabit(db: pg.ClientBase, req: EdgeRequest): Promise<EdgeResponse> {
  const supabase = createSupabase(db);

  const { action, data } = req.body;

  try {
    // idempotency_key 검사
    const idempotencyKey = req.idempotencyKey;
    if (!idempotencyKey) {
      throw new Error('Idempotency key required');
    }

    // 중복 요청 체크
    const { data: existing } = await supabase.from('idempotency_log').select('*').eq('key', idempotencyKey).single();

    if (existing) {
      return { status: 200, body: { cached: true, result: existing.result } };
    }

    let result;

    switch (action) {
      case 'create_week':
        result = await createWeekDualWrite(supabase, data);
        break;
      case 'update_habit_record':
        result = await updateHabitRecordDualWrite(supabase, data);
        break;
      default:
        throw new Error(`Unknown action: ${action}`);
    }

    // idempotency 로그 저장
    await supabase.from('idempotency_log').insert({
      key: idempotencyKey,
      result: result,
      created_at: new Date().toISOString(),
    });

    return { status: 200, body: result };
  } catch (error) {
    return { status: 500, body: { error: (error as Error).message } };
  }
}

async function createWeekDualWrite(supabase: Supabase, data: Json): Promise<Json> {
  const { childName, weekStartDate, theme } = data;

  // 1. 구 스키마 쓰기
  const { data: oldResult } = await supabase
    .from('habit_tracker')
    .insert({
      child_name: childName,
      week_period: formatWeekPeriod(weekStartDate),
      week_start_date: weekStartDate,
      theme: theme,
      habits: [],
      source_version: 'dual_write', // 이중쓰기 표시
    })
    .select()
    .single();
  // if (oldError) { console.error('Old schema write failed:', oldError); // 계속 진행 (신 스키마 우선) }

  // 2. 신 스키마 쓰기
  // child_id 조회
  const { data: child } = await supabase.from('children').select('id').eq('name', childName).single();

  const { data: newResult, error: newError } = await supabase
    .from('weeks')
    .insert({
      child_id: child.id,
      week_start_date: weekStartDate,
      week_end_date: addDays(weekStartDate, 6),
      theme: theme,
      source_version: 'dual_write',
    })
    .select()
    .single();

  if (newError) throw newError;

  // 3. 검증 — verifyDualWrite('week', oldResult.id, newResult.id): undefined in the plan

  return { old: oldResult, new: newResult };
}

async function updateHabitRecordDualWrite(supabase: Supabase, data: Json): Promise<Json> {
  const { habitId, recordDate, status } = data;

  // Last-Write-Wins 전략
  const timestamp = new Date().toISOString();

  // 1. 구 스키마 업데이트 (JSONB)
  // ... (복잡한 JSONB 업데이트 로직)

  // 2. 신 스키마 업데이트 (간단)
  const { data: newResult, error: newError } = await supabase
    .from('habit_records')
    .upsert(
      {
        habit_id: habitId,
        record_date: recordDate,
        status: status,
        updated_at: timestamp,
        source_version: 'dual_write',
      },
      {
        onConflict: 'habit_id,record_date',
      },
    )
    .select()
    .single();

  if (newError) throw newError;

  return { new: newResult };
}

function formatWeekPeriod(startDate: string): string {
  const start = new Date(startDate);
  const end = addDays(start, 6);
  return `${formatKoreanDate(start)} ~ ${formatKoreanDate(end)}`;
}

function addDays(date: Date | string, days: number): string {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d.toISOString().split('T')[0]!;
}

/** Not defined in the plan: the legacy label's format, of the date's UTC day. */
function formatKoreanDate(date: Date | string): string {
  const [y, m, d] = new Date(date).toISOString().slice(0, 10).split('-');
  return `${Number(y)}년 ${Number(m)}월 ${Number(d)}일`;
}
