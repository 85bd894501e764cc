/**
 * What the oracles observe of a database this implementation migrated: its legacy-shaped view, its
 * quarantine and warnings, its drift detector, the tables its output lives in, the write path.
 */
import type pg from 'pg';
import { idRangeSql, type IdRange } from '../contract/id-range.ts';
import type { LegacyRow } from '../contract/legacy-row.ts';
import type { BackfillProgress, DriftOptions, DriftRow, LoggedMismatch, Observation, QuarantineRow, RecordedWarning } from '../contract/observation.ts';
import type { WarningCode } from './mapping-rules.ts';
import { writePathOf } from './phase-3/write-path.ts';
import { readRetirement } from './phase-3/retirement-log.ts';
import { REVERSE_SYNC_GUC } from './phase-3/names.ts';
import { JOB } from './phase-0/backfill.ts';

const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const COLUMNS = `id::bigint::text AS id, user_id::text, child_name, week_period, week_start_date::text AS week_start_date,
  theme, habits, reflection, reward, ${TS('created_at')} AS created_at, ${TS('updated_at')} AS updated_at`;

/** Every legacy-view row (the new schema seen as legacy rows), by legacy id, in `range` if given; time-zone independent. */
export async function readLegacyView(client: pg.ClientBase, range?: IdRange): Promise<LegacyRow[]> {
  const { rows } = await client.query<Omit<LegacyRow, 'id'> & { id: string }>(
    `SELECT ${COLUMNS} FROM public.habit_tracker_from_new t WHERE ${idRangeSql('t.id', range)} ORDER BY t.id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function readQuarantine(client: pg.ClientBase, range?: IdRange): Promise<QuarantineRow[]> {
  const { rows } = await client.query<Omit<QuarantineRow, 'legacy_id'> & { legacy_id: string }>(
    `SELECT q.legacy_id::text, q.reason, q.detail, q.original FROM public.migration_quarantine q WHERE ${idRangeSql('q.legacy_id', range)} ORDER BY q.legacy_id`,
  );
  return rows.map((r) => ({ ...r, legacy_id: Number(r.legacy_id) }));
}

/**
 * The recorded warnings: week_period_mismatch rows of `migration_warnings` (with the original label)
 * and, for each migrated week of a child listed in `migration_near_duplicate_children`, one
 * near_duplicate_child per other name.
 */
export async function readRecordedWarnings(client: pg.ClientBase, range?: IdRange): Promise<RecordedWarning[]> {
  const { rows } = await client.query<{ legacy_id: string; code: WarningCode; detail: string | null }>(
    `SELECT w.legacy_id::text, w.code, w.detail ->> 'original' AS detail
       FROM public.migration_warnings w WHERE w.code = 'week_period_mismatch' AND ${idRangeSql('w.legacy_id', range)}
     UNION ALL
     SELECT wk.legacy_id::text, 'near_duplicate_child', n.other_name
       FROM public.migration_near_duplicate_children n JOIN public.weeks wk ON wk.child_id = n.child_id
      WHERE wk.legacy_id IS NOT NULL AND ${idRangeSql('wk.legacy_id', range)}`,
  );
  return rows.map((r) => ({ legacyId: Number(r.legacy_id), code: r.code, detail: r.detail }));
}

/** Runs the set-based drift detector (hv_drift, installed by Phase 0). */
export async function readDrift(client: pg.ClientBase, opts: DriftOptions = {}): Promise<DriftRow[]> {
  const { rows } = await client.query<Omit<DriftRow, 'legacy_id' | 'week'> & { legacy_id: string | null; week: string | null }>(
    `SELECT d.legacy_id::text, d.child, d.week::text, d.habit_index, d.day, d.field, d.legacy, d.new, d.kind
       FROM public.hv_drift($1, $2) d ORDER BY d.legacy_id NULLS FIRST, d.habit_index NULLS FIRST, d.day NULLS FIRST, d.field`,
    [opts.samplePermille ?? 1000, opts.salt ?? 0],
  );
  return rows.map((r) => ({ ...r, legacy_id: r.legacy_id === null ? null : Number(r.legacy_id) }));
}

/** The migration's output, table by table (without the columns that record when something ran). */
export const CONTENT_QUERIES: Readonly<Record<string, string>> = {
  children: 'SELECT * FROM public.children',
  weeks: 'SELECT * FROM public.weeks',
  habits: 'SELECT * FROM public.habits',
  habit_records: 'SELECT * FROM public.habit_records',
  migration_quarantine: 'SELECT legacy_id, reason, detail, original FROM public.migration_quarantine',
  migration_warnings: 'SELECT * FROM public.migration_warnings',
};

/** The backfill's progress row (backfill_progress), or undefined before the backfill started. */
export async function readBackfillProgress(client: pg.ClientBase): Promise<BackfillProgress | undefined> {
  const { rows } = await client.query<{ status: BackfillProgress['status']; counts: string[]; started_at: string | null; completed_at: string | null }>(
    `SELECT status, ARRAY[last_processed_id, processed_rows, migrated_rows, quarantined_rows, batches]::text[] AS counts,
            ${TS('started_at')} AS started_at, ${TS('completed_at')} AS completed_at
       FROM public.backfill_progress WHERE job = $1`,
    [JOB],
  );
  const r = rows[0];
  if (!r) return undefined;
  const [lastProcessedId, processedRows, migratedRows, quarantinedRows, batches] = r.counts.map(Number) as [number, number, number, number, number];
  return { status: r.status, lastProcessedId, processedRows, migratedRows, quarantinedRows, batches, startedAt: r.started_at, completedAt: r.completed_at };
}

/** The new schema's week of every legacy row it holds (weeks.legacy_id); empty before Phase 0. */
export async function readWeekIds(client: pg.ClientBase): Promise<Map<number, string>> {
  const { rows: there } = await client.query<{ ok: boolean }>(`SELECT to_regclass('public.weeks') IS NOT NULL AS ok`);
  if (!there[0]?.ok) return new Map();
  const { rows } = await client.query<{ legacy_id: string; id: string }>(
    'SELECT w.legacy_id::text, w.id::text FROM public.weeks w WHERE w.legacy_id IS NOT NULL ORDER BY w.legacy_id',
  );
  return new Map(rows.map((r) => [Number(r.legacy_id), r.id]));
}

export const observation: Observation = {
  legacyView: readLegacyView,
  quarantine: readQuarantine,
  warnings: readRecordedWarnings,
  drift: readDrift,
  contentQueries: CONTENT_QUERIES,
  writePath: writePathOf,
  async retirement(db) {
    const r = await readRetirement(db);
    if (!r) return undefined;
    const { savedTriggers: _saved, ...state } = r;
    return state;
  },
  backfillProgress: readBackfillProgress,
  async readMismatches(db) {
    const { rows } = await db.query<LoggedMismatch>(
      `SELECT user_id::text, operation, key, kind, control, candidate, error FROM public.read_mismatches ORDER BY id`,
    );
    return rows;
  },
  weekIds: readWeekIds,
  reverseSyncSetting: REVERSE_SYNC_GUC,
  relations: {
    legacyView: 'habit_tracker_from_new',
    internal: ['migration_quarantine', 'migration_warnings', 'backfill_progress', 'read_mismatches'],
  },
  async writeNumber(db) {
    const { rows } = await db.query<{ seq: string }>(`SELECT nextval('public.hv_op_seq')::text AS seq`);
    return Number(rows[0]!.seq);
  },
};
