import type pg from 'pg';

/** One difference between legacy and new, located down to the field, habit and day. */
export interface DriftRow {
  legacy_id: number | null;
  child: string | null;
  week: string | null;
  habit_index: number | null;
  day: number | null;
  field: string;
  legacy: string | null;
  new: string | null;
  kind: string;
}

export interface DriftOptions {
  /** Compare only ~permille/1000 of legacy ids (deterministic for a salt); 1000 = everything. */
  samplePermille?: number;
  salt?: number;
}

/** Runs the set-based drift detector (hv_drift, installed by Phase 0) and returns its rows. */
export async function readDrift(client: pg.ClientBase, opts: DriftOptions = {}): Promise<DriftRow[]> {
  const { rows } = await client.query<Omit<DriftRow, 'legacy_id' | 'week'> & { legacy_id: string | null; week: string | null }>(
    `SELECT d.legacy_id::text, d.child, d.week::text, d.habit_index, d.day, d.field, d.legacy, d.new, d.kind
       FROM public.hv_drift($1, $2) d ORDER BY d.legacy_id NULLS FIRST, d.habit_index NULLS FIRST, d.day NULLS FIRST, d.field`,
    [opts.samplePermille ?? 1000, opts.salt ?? 0],
  );
  return rows.map((r) => ({ ...r, legacy_id: r.legacy_id === null ? null : Number(r.legacy_id) }));
}
