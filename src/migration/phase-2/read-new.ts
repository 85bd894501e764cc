import type pg from 'pg';
import type { WeekReader } from '../../contract/read-path.ts';
import { toLegacyWeek, type LegacyWeek, type RawWeekRow, type WeekKey } from '../../contract/legacy-week.ts';
import { ISO_DATE, UTC_TEXT } from '../../contract/legacy-read.ts';

/**
 * The candidate read: one week from the new tables, rebuilt in the legacy shape by one statement.
 *
 * A habit's times are its records placed by day offset (record_date - week_start_date = 0..6), a
 * missing record reading as none — never by the order records happen to come back in. Runs as the
 * caller: under RLS (Phase 2) a user sees only their own family's weeks, so another family's key
 * reads as null.
 */
/** The new read's SELECT (without WHERE): one week per row, in the legacy shape. */
export const NEW_WEEK_SELECT = selectSql();

function selectSql(): string {
  const times = `(SELECT jsonb_agg(coalesce(r.status, 'none') ORDER BY d.d)
        FROM generate_series(0, 6) AS d(d)
        LEFT JOIN public.habit_records r ON r.habit_id = h.id AND r.record_date = w.week_start_date + d.d)`;
  return `
    SELECT w.legacy_id::text AS id, c.user_id::text AS user_id, c.name AS child_name,
           ${ISO_DATE('w.week_start_date')} AS week_start_date, w.theme,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('name', h.name, 'times', ${times}) ORDER BY h.display_order, h.id), '[]'::jsonb)
              FROM public.habits h WHERE h.week_id = w.id) AS habits,
           w.reflection, w.reward, ${UTC_TEXT('w.created_at')} AS created_at, ${UTC_TEXT('w.updated_at')} AS updated_at
      FROM public.weeks w
      JOIN public.children c ON c.id = w.child_id`;
}

export async function readWeekNew(client: pg.ClientBase, key: WeekKey, select = NEW_WEEK_SELECT): Promise<LegacyWeek | null> {
  const { rows } =
    'legacyId' in key
      ? await client.query<RawWeekRow>(`${select} WHERE w.legacy_id = $1`, [key.legacyId])
      : await client.query<RawWeekRow>(
          `${select} WHERE c.user_id = $1 AND c.name = $2 AND w.week_start_date = $3::date`,
          [key.userId, key.childName, key.weekStart],
        );
  return rows[0] ? toLegacyWeek(rows[0]) : null;
}

/** A user's weeks from the new tables, in the order of {@link listWeeksLegacy}. */
export async function listWeeksNew(client: pg.ClientBase, userId: string, select = NEW_WEEK_SELECT): Promise<LegacyWeek[]> {
  const { rows } = await client.query<RawWeekRow>(
    `${select} WHERE w.user_id = $1
      ORDER BY w.week_start_date DESC, c.name COLLATE "C", w.legacy_id NULLS LAST, w.id`,
    [userId],
  );
  return rows.map(toLegacyWeek);
}

/** The new side as a reader, over a given SELECT (a broken variant patches it). */
export function newReader(select = NEW_WEEK_SELECT): WeekReader {
  return { week: (db, key) => readWeekNew(db, key, select), list: (db, userId) => listWeeksNew(db, userId, select) };
}
