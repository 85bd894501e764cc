/**
 * Reads the legacy table and the legacy view into plain, time-zone-independent values: dates as
 * `YYYY-MM-DD`, timestamps as UTC text with microseconds, ids as numbers.
 */
import type pg from 'pg';
import type { LegacyRow } from '../generate/dataset.ts';
import type { CanonicalRow, ExpectedWarning } from './canonical.ts';
import type { QuarantineReason, WarningCode } from '../migration/mapping-rules.ts';

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

/** Every legacy-view row (the new schema seen as legacy rows), by legacy id. */
export async function readLegacyView(client: pg.ClientBase, where = 'true'): Promise<CanonicalRow[]> {
  const { rows } = await client.query<RawRow>(`SELECT ${COLUMNS} FROM public.habit_tracker_from_new t WHERE ${where} ORDER BY t.id`);
  return rows.map(toRow) as CanonicalRow[];
}

export interface QuarantineRow {
  legacy_id: number;
  reason: QuarantineReason;
  detail: Record<string, unknown> | null;
  original: Record<string, unknown>;
}

export async function readQuarantine(client: pg.ClientBase): Promise<QuarantineRow[]> {
  const { rows } = await client.query<Omit<QuarantineRow, 'legacy_id'> & { legacy_id: string }>(
    'SELECT q.legacy_id::text, q.reason, q.detail, q.original FROM public.migration_quarantine q ORDER BY q.legacy_id',
  );
  return rows.map((r) => ({ ...r, legacy_id: Number(r.legacy_id) }));
}

export async function readUserIds(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>('SELECT id::text FROM auth.users');
  return new Set(rows.map((r) => r.id));
}

export interface WarningRow {
  legacy_id: number;
  code: string;
  detail: unknown;
}

export async function readWarnings(client: pg.ClientBase): Promise<WarningRow[]> {
  const { rows } = await client.query<{ legacy_id: string; code: string; detail: unknown }>(
    'SELECT w.legacy_id::text, w.code, w.detail FROM public.migration_warnings w ORDER BY w.legacy_id, w.code',
  );
  return rows.map((r) => ({ ...r, legacy_id: Number(r.legacy_id) }));
}

/**
 * The warnings the migration recorded, in the oracle's shape: week_period_mismatch rows of
 * `migration_warnings` (with the original label) and, for each migrated week of a child listed in
 * `migration_near_duplicate_children`, one near_duplicate_child per other name.
 */
export async function readRecordedWarnings(client: pg.ClientBase): Promise<ExpectedWarning[]> {
  const { rows } = await client.query<{ legacy_id: string; code: WarningCode; detail: string | null }>(
    `SELECT w.legacy_id::text, w.code, w.detail ->> 'original' AS detail
       FROM public.migration_warnings w WHERE w.code = 'week_period_mismatch'
     UNION ALL
     SELECT wk.legacy_id::text, 'near_duplicate_child', n.other_name
       FROM public.migration_near_duplicate_children n JOIN public.weeks wk ON wk.child_id = n.child_id
      WHERE wk.legacy_id IS NOT NULL`,
  );
  return rows.map((r) => ({ legacyId: Number(r.legacy_id), code: r.code, detail: r.detail }));
}
