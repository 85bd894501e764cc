/**
 * Full drift check against one read of both schemas: after a complete backfill of `rows` legacy
 * rows, hv_drift (every field of every row, habit by habit, day by day) against one sequential pass
 * over habit_tracker and the four new tables that touches every value (each row as text), the honest
 * limit of any full comparison. The count-only scan is kept beside it as a reference.
 */
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { readDrift } from '../../src/migration/observation.ts';
import { phase0 } from '../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../src/migration/phase-0/backfill.ts';
import { loadLegacy, type DataSource } from './legacy-data.ts';
import { median, round } from './stats.ts';

export interface DriftFigures {
  rows: number;
  source: DataSource;
  repetitions: number;
  driftRows: number;
  driftMs: number;
  /** One read of both schemas touching every value (FULL_READ_SQL). */
  fullReadMs: number;
  /** median drift / median full read (aim ≤ 2). */
  ratio: number;
  /** The row-hash stage alone (hv_drift_candidates: both sides hashed and joined). */
  candidatesMs: number;
  /** One scan touching one column of each tuple (ONE_SCAN_SQL), a reference. */
  scanMs: number;
  /** median drift / median count-only scan, a reference. */
  ratioToScan: number;
  /** The legacy view alone (rebuilding every legacy row's habits jsonb from the new tables), which the drift check reads. */
  legacyViewMs: number;
  /** The canonical form of every legacy habits column alone (hv_canonical_habits), which the drift check compares against. */
  canonicalLegacyMs: number;
}

/** Reads every tuple of both schemas once: a seq scan per table touching one column of each row. */
export const ONE_SCAN_SQL = `SELECT (SELECT sum(id) FROM public.habit_tracker) AS legacy,
       (SELECT count(name) FROM public.children) AS children, (SELECT count(week_start_date) FROM public.weeks) AS weeks,
       (SELECT count(name) FROM public.habits) AS habits, (SELECT count(status) FROM public.habit_records) AS records`;

/** Reads every value of both schemas once: each row of each table as text, its length summed. */
export const FULL_READ_SQL = `SELECT (SELECT sum(length(t::text)) FROM public.habit_tracker t) AS legacy,
       (SELECT sum(length(t::text)) FROM public.children t) AS children, (SELECT sum(length(t::text)) FROM public.weeks t) AS weeks,
       (SELECT sum(length(t::text)) FROM public.habits t) AS habits, (SELECT sum(length(t::text)) FROM public.habit_records t) AS records`;

export async function benchDrift(server: StartedPostgres, rows: number, source: DataSource, repetitions = 3): Promise<DriftFigures> {
  const db = await server.createDatabase('bench_drift');
  const client = await connect(db.uri);
  try {
    await phase0.apply(client);
    await loadLegacy(client, rows, source);
    await runBackfill(client, { batchSize: 1000 });
    await client.query('VACUUM ANALYZE');
    const drift: number[] = [];
    const scan: number[] = [];
    const full: number[] = [];
    const cand: number[] = [];
    const view: number[] = [];
    const canonical: number[] = [];
    let driftRows = 0;
    // warm the cache once, as every timed pass then reads from memory
    await client.query(FULL_READ_SQL);
    for (let i = 0; i < repetitions; i++) {
      let t = performance.now();
      await client.query(ONE_SCAN_SQL);
      scan.push(performance.now() - t);
      t = performance.now();
      await client.query(FULL_READ_SQL);
      full.push(performance.now() - t);
      t = performance.now();
      await client.query('SELECT count(*) FROM public.hv_drift_candidates()');
      cand.push(performance.now() - t);
      t = performance.now();
      driftRows = (await readDrift(client)).length;
      drift.push(performance.now() - t);
      t = performance.now();
      // sum over the habits text: count(*) alone would let the planner skip building the jsonb
      await client.query('SELECT sum(length(v.habits::text)) FROM public.habit_tracker_from_new v');
      view.push(performance.now() - t);
      t = performance.now();
      await client.query('SELECT sum(length(public.hv_canonical_habits(h.habits)::text)) FROM public.habit_tracker h');
      canonical.push(performance.now() - t);
    }
    const d = median(drift);
    const s = median(scan);
    const f = median(full);
    return {
      rows, source, repetitions, driftRows, driftMs: round(d), fullReadMs: round(f), ratio: round(d / f, 2), candidatesMs: round(median(cand)),
      scanMs: round(s), ratioToScan: round(d / s, 2), legacyViewMs: round(median(view)), canonicalLegacyMs: round(median(canonical)),
    };
  } finally {
    await client.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}
