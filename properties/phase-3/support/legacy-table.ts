/** The legacy table under whichever name it has during Phase 3 (habit_tracker, then habit_tracker_old). */
import type pg from 'pg';
import type { LegacyRow } from '../../../src/generate/dataset.ts';

/** The plan's names: the legacy table, and its name from Day 8 (Phase 3, 테이블 이름 변경). */
export const LEGACY_TABLE = 'habit_tracker';
export const RETIRED_TABLE = 'habit_tracker_old';
/** A write the read-only legacy table refuses: read_only_sql_transaction. */
export const READ_ONLY_SQLSTATE = '25006';
/** The plan's schedule: read-only from Day 1, dropped on Day 15. */
export const GRACE_DAYS = 14;

export async function legacyTableName(client: pg.ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ legacy: string | null; retired: string | null }>(
    `SELECT to_regclass('public.${LEGACY_TABLE}')::text AS legacy, to_regclass('public.${RETIRED_TABLE}')::text AS retired`,
  );
  return rows[0]?.legacy ? LEGACY_TABLE : rows[0]?.retired ? RETIRED_TABLE : null;
}

const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Every row of `table`, by id, in the same plain form as readLegacyRows. */
export async function readLegacyTable(client: pg.ClientBase, table: string): Promise<LegacyRow[]> {
  const { rows } = await client.query<Omit<LegacyRow, 'id'> & { id: string }>(
    `SELECT id::text AS id, user_id::text, child_name, week_period, week_start_date::text AS week_start_date, theme, habits,
            reflection, reward, ${TS('created_at')} AS created_at, ${TS('updated_at')} AS updated_at
       FROM public.${client.escapeIdentifier(table)} ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Whether the table is WAL-logged (`p`) or unlogged (`u`). */
export async function persistenceOf(client: pg.ClientBase, table: string): Promise<string | undefined> {
  const { rows } = await client.query<{ p: string }>(`SELECT relpersistence AS p FROM pg_class WHERE oid = to_regclass($1)`, [`public.${table}`]);
  return rows[0]?.p;
}
