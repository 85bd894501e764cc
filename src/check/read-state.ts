/**
 * Reads the legacy table (and its accounts) into plain, time-zone-independent values: dates as
 * `YYYY-MM-DD`, timestamps as UTC text with microseconds, ids as numbers.
 */
import type pg from 'pg';
import { idRangeSql } from '../contract/id-range.ts';
import type { LegacyRow } from '../generate/dataset.ts';

const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
// (ordered by the table's bigint id, not by the text alias below)
const COLUMNS = `id::bigint::text AS id, user_id::text, child_name, week_period, week_start_date::text AS week_start_date,
  theme, habits, reflection, reward, ${TS('created_at')} AS created_at, ${TS('updated_at')} AS updated_at`;

type RawRow = Omit<LegacyRow, 'id'> & { id: string };
const toRow = (r: RawRow): LegacyRow => ({ ...r, id: Number(r.id) });

/** Every habit_tracker row, by id. */
export async function readLegacyRows(client: pg.ClientBase, where = 'true'): Promise<LegacyRow[]> {
  const { rows } = await client.query<RawRow>(`SELECT ${COLUMNS} FROM public.habit_tracker t WHERE ${where} ORDER BY t.id`);
  return rows.map(toRow);
}

export async function readUserIds(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>('SELECT id::text FROM auth.users');
  return new Set(rows.map((r) => r.id));
}

/** At most `limit` habit_tracker rows with ids above `afterId` (from the first when undefined), by id: a keyset page. */
export async function readLegacyPage(client: pg.ClientBase, afterId: number | undefined, limit: number): Promise<LegacyRow[]> {
  const { rows } = await client.query<RawRow>(
    `SELECT ${COLUMNS} FROM public.habit_tracker t WHERE ${idRangeSql('t.id', afterId === undefined ? undefined : { afterId })} ORDER BY t.id LIMIT $1`,
    [limit],
  );
  return rows.map(toRow);
}

/** The ids among `ids` that auth.users has (the accounts a page of legacy rows refers to). */
export async function knownUserIds(client: pg.ClientBase, ids: readonly (string | null)[]): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>('SELECT id::text FROM auth.users WHERE id = ANY($1::uuid[])', [[...new Set(ids.filter((id) => id !== null))]]);
  return new Set(rows.map((r) => r.id));
}

export async function countLegacyRows(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.habit_tracker');
  return rows[0]!.n;
}
