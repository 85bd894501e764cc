/**
 * The contract's legacy view of the plan's new schema (the plan has none): for each legacy row, the
 * week the plan's own code would compare it with — compareData's query, by child name and
 * week_start_date, `.single()`: exactly one such week, else the row is not migrated. The row it gives
 * back: the week's user_id, the child's name, week_start_date, theme, reflection, reward, created_at
 * and updated_at; week_period the label of week_start_date (the new schema has no label); habits by
 * display_order, each day's status the record dated week_start_date + day, 'none' when there is none
 * (as compareData counts a missing record). Time-zone independent: an observation, not the plan's code.
 * Legacy ids come from the legacy table (the new schema keeps none): under its Day 8 name
 * habit_tracker_old too, and none at all once it is dropped.
 */
import type pg from 'pg';
import { idRangeSql, type IdRange } from '../contract/id-range.ts';
import type { LegacyRow } from '../contract/legacy-row.ts';
import { ISO_DATE, UTC_TEXT } from '../contract/legacy-read.ts';
import { weekPeriodLabel } from '../migration/mapping-rules.ts';

export async function planLegacyView(db: pg.ClientBase, range?: IdRange): Promise<LegacyRow[]> {
  const legacy = await legacyTableOf(db);
  if (!legacy) return [];
  const { rows } = await db.query<Omit<LegacyRow, 'id' | 'week_period'> & { id: string }>(
    `WITH ${matchedWeeks(legacy, idRangeSql('l.id', range))}
     SELECT m.id::text AS id, w.user_id::text AS user_id, c.name AS child_name, ${ISO_DATE('w.week_start_date')} AS week_start_date,
            w.theme, w.reflection, w.reward, ${UTC_TEXT('w.created_at')} AS created_at, ${UTC_TEXT('w.updated_at')} AS updated_at,
            coalesce((SELECT json_agg(json_build_object('name', h.name, 'times',
                        (SELECT json_agg(coalesce((SELECT r.status FROM public.habit_records r
                                                    WHERE r.habit_id = h.id AND r.record_date = w.week_start_date + d
                                                    ORDER BY r.id LIMIT 1), 'none') ORDER BY d)
                           FROM generate_series(0, 6) d)) ORDER BY h.display_order, h.id)
                        FROM public.habits h WHERE h.week_id = w.id), '[]'::json) AS habits
       FROM matched m JOIN public.weeks w ON w.id = m.week_id JOIN public.children c ON c.id = w.child_id
      ORDER BY m.id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), week_period: weekPeriodLabel(r.week_start_date) }));
}

/**
 * `matched (id, week_id)`: each legacy row of `legacy` (those where `where`, over `l`) with the one
 * week compareData's query finds for it (child name and week_start_date, exactly one), as a WITH item.
 */
export function matchedWeeks(legacy: string, where = 'true'): string {
  return `matched AS (
       SELECT l.id, min(w.id::text)::uuid AS week_id
         FROM ${legacy} l
         JOIN public.weeks w ON w.week_start_date = l.week_start_date
         JOIN public.children c ON c.id = w.child_id AND c.name = l.child_name
        WHERE ${where}
        GROUP BY l.id HAVING count(*) = 1)`;
}

/**
 * The legacy table the ids come from — habit_tracker, or habit_tracker_old after Day 8 — when it and
 * the new schema are both there; undefined otherwise (nothing can be matched).
 */
export async function legacyTableOf(db: pg.ClientBase): Promise<string | undefined> {
  const { rows: tables } = await db.query<{ t: string | null }>(
    `SELECT coalesce(to_regclass('public.habit_tracker'), to_regclass('public.habit_tracker_old'))::text AS t`,
  );
  const legacy = tables[0]?.t;
  return legacy && (await hasNewSchema(db)) ? legacy : undefined;
}

async function hasNewSchema(db: pg.ClientBase): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT to_regclass('public.weeks') IS NOT NULL AND to_regclass('public.children') IS NOT NULL
        AND to_regclass('public.habits') IS NOT NULL AND to_regclass('public.habit_records') IS NOT NULL AS ok`,
  );
  return rows[0]?.ok === true;
}
