/**
 * Full drift check against one scan of both schemas: after a complete backfill of `rows` legacy
 * rows, hv_drift (every field of every row, habit by habit, day by day, through the legacy view)
 * against one sequential pass over habit_tracker and the four new tables.
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
  scanMs: number;
  /** median drift / median scan (aim ≤ 2). */
  ratio: number;
  /** The legacy view alone (rebuilding every legacy row's habits jsonb from the new tables), which the drift check reads. */
  legacyViewMs: number;
  /** The canonical form of every legacy habits column alone (hv_canonical_habits), which the drift check compares against. */
  canonicalLegacyMs: number;
}

/** Reads every tuple of both schemas once: a seq scan per table touching one column of each row. */
export const ONE_SCAN_SQL = `SELECT (SELECT sum(id) FROM public.habit_tracker) AS legacy,
       (SELECT count(name) FROM public.children) AS children, (SELECT count(week_start_date) FROM public.weeks) AS weeks,
       (SELECT count(name) FROM public.habits) AS habits, (SELECT count(status) FROM public.habit_records) AS records`;

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
    const view: number[] = [];
    const canonical: number[] = [];
    let driftRows = 0;
    // warm the cache once, as every timed pass then reads from memory
    await client.query(ONE_SCAN_SQL);
    for (let i = 0; i < repetitions; i++) {
      let t = performance.now();
      await client.query(ONE_SCAN_SQL);
      scan.push(performance.now() - t);
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
    return { rows, source, repetitions, driftRows, driftMs: round(d), scanMs: round(s), ratio: round(d / s, 2), legacyViewMs: round(median(view)), canonicalLegacyMs: round(median(canonical)) };
  } finally {
    await client.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}
