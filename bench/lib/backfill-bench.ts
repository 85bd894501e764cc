/**
 * The backfill benchmark (npm run bench:backfill, and part of npm run bench): per legacy size, our
 * set-based backfill against the raw INSERT … SELECT limit, statements counted three ways, and the
 * plan's row-by-row loop as the reference. Returns figures; prints nothing unless given `log`.
 */
import type pg from 'pg';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { phase0 } from '../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../src/migration/phase-0/backfill.ts';
import { runPlanStyleBackfill } from '../plan-style-backfill.ts';
import { countQueries } from './count-queries.ts';
import { loadLegacy, type DataSource, type LoadedData } from './legacy-data.ts';
import { emptyNewSchema, newSchemaCounts, rawInsertSelect, stageNewRows } from './new-schema.ts';
import { explainBatch } from './explain-batch.ts';
import { serverStatementCounter } from './pg-stat-statements.ts';
import { median, round } from './stats.ts';

export interface BackfillBenchOptions {
  sizes: number[];
  /** Data source per size (default: sample up to 100k rows, sql above). */
  sourceOf?: (rows: number) => DataSource;
  /** Timed repetitions per size (median reported). */
  repetitionsOf?: (rows: number) => number;
  /** Legacy rows the plan-style reference runs on (it is ~15 statements per row). 0 = skip. */
  planRows: number;
  batchSize?: number;
  log?: (line: string) => void;
  /** Also EXPLAIN ANALYZE one batch of hv_migrate_range per size (rolled back). */
  explain?: boolean;
}

export interface SizeFigures {
  rows: number;
  data: LoadedData;
  migrated: number;
  quarantined: number;
  repetitions: number;
  backfillMs: number[];
  rawMs: number[];
  medianBackfillMs: number;
  medianRawMs: number;
  /** median backfill / median raw INSERT … SELECT (aim ≤ 1.1). */
  ratioToRaw: number;
  /** Median of the per-repetition ratios (each backfill against the raw run right after it: the
   * two share the machine's load at that moment, which on a shared machine moves both by 2×). */
  ratioToRawPaired: number;
  /** Microseconds of backfill per legacy row. */
  usPerRow: number;
  roundTrips: { reported: number; clientCounted: number; serverCounted: number | null; per1000Rows: number };
  /** Both writers wrote the same number of rows into each table. */
  sameRows: boolean;
  /** EXPLAIN ANALYZE of one batch of hv_migrate_range (with `explain`). */
  explain?: string;
}

export interface PlanFigures {
  rows: number;
  ms: number;
  usPerRow: number;
  roundTrips: { reported: number; clientCounted: number; serverCounted: number | null; per1000Rows: number };
  steps: Array<{ name: string; roundTrips: number; ms: number }>;
  /** Our backfill's time on the same rows, and plan / ours. */
  oursMs: number;
  ratioToOurs: number;
  note: string;
}

export interface BackfillBenchResult {
  batchSize: number;
  sizes: SizeFigures[];
  /** usPerRow of the largest size / of the smallest (aim ≤ 1.2), and of each consecutive pair;
   * `rawRatio`: the same for the raw INSERT … SELECT limit (what index growth alone costs). */
  flatness: Array<{ from: number; to: number; ratio: number; rawRatio: number }>;
  plan?: PlanFigures;
  /** Plan-style extrapolated linearly (per-row cost of the measured run) to each measured size. */
  planExtrapolated: Array<{ rows: number; ms: number; roundTrips: number; ratioToOurs: number }>;
}

export async function benchBackfill(server: StartedPostgres, opts: BackfillBenchOptions): Promise<BackfillBenchResult> {
  const log = opts.log ?? (() => undefined);
  const batchSize = opts.batchSize ?? 1000;
  const sourceOf = opts.sourceOf ?? ((n: number) => (n <= 100_000 ? 'sample' : 'sql'));
  const repetitionsOf = opts.repetitionsOf ?? ((n: number) => (n <= 10_000 ? 5 : n <= 100_000 ? 3 : 1));
  const sizes: SizeFigures[] = [];
  let plan: PlanFigures | undefined;

  for (const rows of opts.sizes) {
    const db = await server.createDatabase(`bench_backfill_${rows}`);
    const client = await connect(db.uri);
    const admin = await connect(db.adminUri);
    try {
      await phase0.apply(client);
      log(`${rows} rows: generating (${sourceOf(rows)}) and loading …`);
      const data = await loadLegacy(client, rows, sourceOf(rows));
      log(`  loaded in ${Math.round(data.generateMs + data.loadMs)} ms (${data.users} users, ${data.habits} habits)`);
      const serverCounter = await serverStatementCounter(admin);
      const reps = repetitionsOf(rows);
      const backfillMs: number[] = [];
      const rawMs: number[] = [];
      let figures: Omit<SizeFigures, 'backfillMs' | 'rawMs' | 'medianBackfillMs' | 'medianRawMs' | 'ratioToRaw' | 'ratioToRawPaired' | 'usPerRow' | 'sameRows'> | undefined;
      let sameRows = true;
      await emptyNewSchema(client, admin);
      for (let i = 0; i < reps; i++) {
        // ours, counted client-side and server-side
        const counter = countQueries(client);
        await serverCounter?.start();
        counter.reset();
        const r = await runBackfill(client, { batchSize });
        const clientCounted = counter.count;
        counter.restore();
        const serverCounted = serverCounter ? await serverCounter.stop() : null;
        backfillMs.push(r.ms);
        figures ??= {
          rows,
          data,
          migrated: r.migrated,
          quarantined: r.quarantined,
          repetitions: reps,
          roundTrips: { reported: r.roundTrips, clientCounted, serverCounted, per1000Rows: round((clientCounted / rows) * 1000, 3) },
        };
        const ours = await newSchemaCounts(client);
        if (i === 0) await stageNewRows(client);
        await emptyNewSchema(client, admin);

        // the limit
        const t = performance.now();
        await rawInsertSelect(client);
        rawMs.push(performance.now() - t);
        const raw = await newSchemaCounts(client);
        sameRows &&= JSON.stringify(ours) === JSON.stringify(raw);
        await emptyNewSchema(client, admin);
        log(`  rep ${i + 1}/${reps}: backfill ${Math.round(r.ms)} ms, raw INSERT…SELECT ${Math.round(rawMs[i]!)} ms, ${clientCounted} statements`);
      }
      const explain = opts.explain ? await explainBatch(client, batchSize) : undefined;
      const mb = median(backfillMs);
      const mr = median(rawMs);
      sizes.push({
        ...figures!,
        backfillMs: backfillMs.map((x) => round(x)),
        rawMs: rawMs.map((x) => round(x)),
        medianBackfillMs: round(mb),
        medianRawMs: round(mr),
        ratioToRaw: round(mb / mr, 3),
        ratioToRawPaired: round(median(backfillMs.map((b, k) => b / rawMs[k]!)), 3),
        usPerRow: round((mb / rows) * 1000, 3),
        sameRows,
        ...(explain ? { explain } : {}),
      });

      if (opts.planRows > 0 && rows === opts.planRows) plan = await planReference(client, admin, rows, mb, log);
    } finally {
      await client.end().catch(() => undefined);
      await admin.end().catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
  }

  if (opts.planRows > 0 && !plan) {
    const db = await server.createDatabase('bench_plan');
    const client = await connect(db.uri);
    const admin = await connect(db.adminUri);
    try {
      await phase0.apply(client);
      const data = await loadLegacy(client, opts.planRows, sourceOf(opts.planRows));
      await emptyNewSchema(client, admin);
      const ours = await runBackfill(client, { batchSize });
      await emptyNewSchema(client, admin);
      plan = await planReference(client, admin, data.rows, ours.ms, log);
    } finally {
      await client.end().catch(() => undefined);
      await admin.end().catch(() => undefined);
      await db.drop().catch(() => undefined);
    }
  }

  const byRows = [...sizes].sort((a, b) => a.rows - b.rows);
  const flatness = flatnessOf(sizes);
  const planExtrapolated = plan
    ? sizes.map((s) => {
        const ms = (plan!.ms / plan!.rows) * s.rows;
        return { rows: s.rows, ms: round(ms), roundTrips: Math.round((plan!.roundTrips.clientCounted / plan!.rows) * s.rows), ratioToOurs: round(ms / s.medianBackfillMs, 1) };
      })
    : [];
  return { batchSize, sizes, flatness, ...(plan ? { plan } : {}), planExtrapolated };
}

/** Runs the plan-style loop once on the loaded legacy rows (new schema empty), counted three ways. */
async function planReference(client: pg.Client, admin: pg.Client, rows: number, oursMs: number, log: (s: string) => void): Promise<PlanFigures> {
  log(`  plan-style row-by-row backfill on ${rows} rows …`);
  // The plan's per-week and per-habit lookups of habit_tracker by (owner, child, week) would each be a
  // sequential scan (quadratic in the table size): give the reference an index so that only its
  // round trips are measured. Not timed, dropped afterwards.
  await client.query('CREATE INDEX bench_plan_lookup ON public.habit_tracker (user_id, child_name, week_start_date)');
  await client.query('ANALYZE public.habit_tracker');
  const serverCounter = await serverStatementCounter(admin);
  await emptyNewSchema(client, admin);
  const counter = countQueries(client);
  await serverCounter?.start();
  counter.reset();
  const r = await runPlanStyleBackfill(client);
  const clientCounted = counter.count;
  counter.restore();
  const serverCounted = serverCounter ? await serverCounter.stop() : null;
  await emptyNewSchema(client, admin);
  await client.query('DROP INDEX public.bench_plan_lookup');
  log(`  plan-style: ${Math.round(r.ms)} ms, ${clientCounted} statements`);
  return {
    rows,
    ms: round(r.ms),
    usPerRow: round((r.ms / rows) * 1000, 3),
    roundTrips: { reported: r.roundTrips, clientCounted, serverCounted, per1000Rows: round((clientCounted / rows) * 1000, 1) },
    steps: r.steps.map((s) => ({ ...s, ms: round(s.ms) })),
    oursMs: round(oursMs),
    ratioToOurs: round(r.ms / oursMs, 1),
    note: 'plan-style lookups given an index on habit_tracker (user_id, child_name, week_start_date) the plan does not create; without it each lookup is a sequential scan',
  };
}

/** Per-row cost ratios between sizes, for the backfill and for the raw limit. */
export function flatnessOf(sizes: readonly SizeFigures[]): BackfillBenchResult['flatness'] {
  const byRows = [...sizes].sort((a, b) => a.rows - b.rows);
  const pair = (a: SizeFigures, b: SizeFigures) => ({
    from: a.rows,
    to: b.rows,
    ratio: round(b.usPerRow / a.usPerRow, 3),
    rawRatio: round(b.medianRawMs / b.rows / (a.medianRawMs / a.rows), 3),
  });
  const out = byRows.slice(1).map((s, i) => pair(byRows[i]!, s));
  if (byRows.length > 2) out.push(pair(byRows[0]!, byRows.at(-1)!));
  return out;
}
