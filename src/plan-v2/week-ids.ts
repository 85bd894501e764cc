/**
 * The contract's weekIds of the plan's new schema (the plan keeps no legacy id): each legacy row's
 * week as the legacy view finds it — compareData's match by child name and week_start_date, exactly
 * one week. A week created in the new schema has no legacy row, so no legacy id; once the legacy table
 * is dropped no week has one.
 */
import type pg from 'pg';
import { legacyTableOf, matchedWeeks } from './legacy-view.ts';

export async function planWeekIds(db: pg.ClientBase): Promise<Map<number, string>> {
  const legacy = await legacyTableOf(db);
  if (!legacy) return new Map();
  const { rows } = await db.query<{ id: string; week_id: string }>(
    `WITH ${matchedWeeks(legacy)} SELECT m.id::text, m.week_id::text FROM matched m ORDER BY m.id`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.week_id]));
}
