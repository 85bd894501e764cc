/**
 * loadFromNewSchema, which the plan never writes (Phase 2, Feature Flag 구현), read as literally as
 * the plan allows: its one read of a week from the new schema, detectDrift's — `weeks` with
 * `children!inner(*)` and `habits(*, habit_records(*))`, filtered on children.name and
 * week_start_date, `.single()` — sent as the requesting user (RLS applies), and turned into the legacy
 * shape the way compareData reads it: habits in the order returned, each day's status the record whose
 * `new Date(record_date).getDay()` is the day's weekday, 'none' when there is none.
 * - By legacy id: the child name and the week are the legacy row's (the app still has the legacy list).
 * - By natural key: the plan's query has no user, so neither has this one.
 * - A list: the user's weeks (`.eq('user_id', userId)`), in the contract's order.
 * week_period is the label of week_start_date (the new schema has none); id is the legacy id asked
 * for, null otherwise (the new schema keeps no legacy id).
 */
import type { WeekReader } from '../contract/read-path.ts';
import { toLegacyWeek, type LegacyWeek } from '../contract/legacy-week.ts';
import { createSupabase, type Json } from './supabase-js.ts';
import { utcText } from './utc-text.ts';

const WEEK_SELECT = `
        *,
        children!inner(*),
        habits(*, habit_records(*))
      `;

export const newSchemaReader: WeekReader = {
  async week(db, key) {
    const supabase = createSupabase(db);
    let childName: string | undefined;
    let weekStart: string | undefined;
    if ('legacyId' in key) {
      const { data: row } = await supabase.from('habit_tracker').select('child_name, week_start_date').eq('id', key.legacyId).single();
      childName = row?.child_name;
      weekStart = row?.week_start_date;
    } else {
      childName = key.childName;
      weekStart = key.weekStart;
    }
    const { data: newData } = await supabase.from('weeks').select(WEEK_SELECT).eq('children.name', childName).eq('week_start_date', weekStart).single();
    return newData ? toLegacyShape(newData, 'legacyId' in key ? key.legacyId : null) : null;
  },
  async list(db, userId) {
    const { data } = await createSupabase(db).from('weeks').select(WEEK_SELECT).eq('user_id', userId);
    return ((data ?? []) as Json[]).map((w) => toLegacyShape(w, null)).sort(contractOrder);
  },
};

/** A week of the nested select in the legacy shape, its days matched as compareData matches them. */
export function toLegacyShape(w: Json, legacyId: number | null): LegacyWeek {
  const habits = (w.habits ?? []).map((h: Json) => ({
    name: h.name,
    times: Array.from({ length: 7 }, (_, day) => h.habit_records.find((r: Json) => new Date(r.record_date).getDay() === (day + 1) % 7)?.status || 'none'),
  }));
  return toLegacyWeek({
    id: legacyId === null ? null : String(legacyId),
    user_id: w.user_id,
    child_name: w.children?.name,
    week_start_date: w.week_start_date,
    theme: w.theme,
    habits,
    reflection: w.reflection,
    reward: w.reward,
    created_at: w.created_at && utcText(w.created_at),
    updated_at: w.updated_at && utcText(w.updated_at),
  });
}

/** Newest Monday first, then child name bytewise, then legacy id. */
function contractOrder(a: LegacyWeek, b: LegacyWeek): number {
  if (a.week_start_date !== b.week_start_date) return a.week_start_date < b.week_start_date ? 1 : -1;
  const byName = Buffer.compare(Buffer.from(a.child_name), Buffer.from(b.child_name));
  return byName !== 0 ? byName : (a.id ?? 0) - (b.id ?? 0);
}

