/**
 * The old app's reads, straight from habit_tracker in the legacy shape: what every read path serves as
 * its control, and what the harness compares the new reads with. Needs nothing but the legacy table.
 */
import type pg from 'pg';
import { toLegacyWeek, type LegacyWeek, type RawWeekRow, type WeekKey } from './legacy-week.ts';

/** Timestamps as UTC text with microseconds, whatever the session's TimeZone. */
export const UTC_TEXT = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** Dates as YYYY-MM-DD, whatever the session's DateStyle. */
export const ISO_DATE = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

const COLUMNS = `h.id::text AS id, h.user_id::text AS user_id, h.child_name, ${ISO_DATE('h.week_start_date')} AS week_start_date,
  h.theme, h.habits, h.reflection, h.reward, ${UTC_TEXT('h.created_at')} AS created_at, ${UTC_TEXT('h.updated_at')} AS updated_at`;

/**
 * The control read: one week from the legacy table, in the legacy shape. By natural key, the lowest
 * id wins (the row the backfill migrated when the legacy table holds duplicates). null when absent.
 * Needs nothing but habit_tracker: it keeps working after any rollback.
 */
export async function readWeekLegacy(client: pg.ClientBase, key: WeekKey): Promise<LegacyWeek | null> {
  const { rows } =
    'legacyId' in key
      ? await client.query<RawWeekRow>(`SELECT ${COLUMNS} FROM public.habit_tracker h WHERE h.id = $1`, [key.legacyId])
      : await client.query<RawWeekRow>(
          `SELECT ${COLUMNS} FROM public.habit_tracker h
            WHERE h.user_id = $1 AND h.child_name = $2 AND h.week_start_date = $3::date
            ORDER BY h.id LIMIT 1`,
          [key.userId, key.childName, key.weekStart],
        );
  return rows[0] ? toLegacyWeek(rows[0]) : null;
}

/** A user's weeks from the legacy table: newest Monday first, then child name (bytewise), then id. */
export async function listWeeksLegacy(client: pg.ClientBase, userId: string): Promise<LegacyWeek[]> {
  const { rows } = await client.query<RawWeekRow>(
    `SELECT ${COLUMNS} FROM public.habit_tracker h WHERE h.user_id = $1
      ORDER BY h.week_start_date DESC, h.child_name COLLATE "C", h.id`,
    [userId],
  );
  return rows.map(toLegacyWeek);
}
