/**
 * The contract's dual-write API (the app's writes in Phase 1) sent to the plan's Edge Function, as
 * the app would call it: the request as the JSON body `{ action, data }`, the key as X-Idempotency-Key.
 * - createWeek → `create_week` with the request as data (the function reads childName, weekStartDate
 *   and theme, the rest is ignored);
 * - setStatus → `update_habit_record` with { habitId, recordDate, status }: the plan never says how
 *   the app gets the habit's id; it is looked up here as the plan's own code finds a week — by the
 *   legacy row's child name and week_start_date, `.single()` — and its habit by display_order =
 *   habitIndex, the date week_start_date + day;
 * - every other operation (addHabit, renameHabit, …, createTemplate) → its name in snake_case, which
 *   the function answers with `Unknown action: …` (500).
 * An answer other than 200 rejects with EdgeFunctionError (404 once Phase 1's rollback deleted the
 * function). A 200 cannot become a contract response: the function answers without the write's number
 * (opSeq) the contract orders writes by, so it rejects with NotProvidedError — after the writes.
 */
import type pg from 'pg';
import type { DualWrite, DualWriteOp, DualWriteRequests, SetStatusRequest } from '../contract/dual-write.ts';
import { NotProvidedError } from '../contract/implementation.ts';
import { addDaysIso } from '../migration/mapping-rules.ts';
import { dualWriteHabit } from './edge-function.ts';
import { EdgeFunctionError } from './edge-function-error.ts';
import { isEdgeFunctionDeployed } from './edge-function-deployment.ts';
import { createSupabase, type Json } from './supabase-js.ts';
import { PLAN_V2 } from './name.ts';

export const planDualWrite: DualWrite = {
  async call(db, key, op, request) {
    if (!(await isEdgeFunctionDeployed(db))) throw new EdgeFunctionError(404, op, key, 'Requested function was not found');
    const body = await requestBody(db, op, request);
    const answer = await dualWriteHabit(db, { idempotencyKey: key, body });
    if (answer.status !== 200) throw new EdgeFunctionError(answer.status, op, key, String(answer.body?.error));
    throw new NotProvidedError(PLAN_V2, `a write order: the Edge Function answered ${op} with ${JSON.stringify(answer.body).slice(0, 200)}, without the write's number (opSeq)`);
  },
};

async function requestBody<O extends DualWriteOp>(db: pg.ClientBase, op: O, request: DualWriteRequests[O]): Promise<{ action: string; data: Json }> {
  if (op === 'createWeek') return { action: 'create_week', data: request };
  if (op === 'setStatus') return { action: 'update_habit_record', data: await habitRecordOf(db, request as SetStatusRequest) };
  return { action: op.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), data: request };
}

/** The app's lookup of { habitId, recordDate } (the plan leaves it out), through supabase-js as the app would. */
async function habitRecordOf(db: pg.ClientBase, r: SetStatusRequest): Promise<Json> {
  const supabase = createSupabase(db);
  const { data: row } = await supabase.from('habit_tracker').select('child_name, week_start_date').eq('id', r.legacyId).single();
  const { data: week } = await supabase
    .from('weeks')
    .select('week_start_date, children!inner(name), habits(id, display_order)')
    .eq('children.name', row?.child_name)
    .eq('week_start_date', row?.week_start_date)
    .single();
  const habit = week?.habits?.find((h: Json) => h.display_order === r.habitIndex);
  return { habitId: habit?.id, recordDate: week ? addDaysIso(week.week_start_date, r.day) : undefined, status: r.status };
}
