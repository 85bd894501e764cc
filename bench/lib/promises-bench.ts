/**
 * The plan's own promises, measured (issue 16, point 5) on data of production shape (families with a
 * year of weeks, 1–10 habits each) under a concurrent load of `clients` connections:
 * - write latency (p50/p95) of a plain legacy write before Phase 1, of the same write with Phase 1's
 *   sync trigger, and of the dual-write API (setStatus); the trigger's and the API's cost over plain;
 * - sync lag: after every synced write, a second connection reads the written status from the new
 *   schema (the trigger syncs in the writing transaction, so the lag is 0 when every probe sees it);
 * - drift after the load (hv_drift: rows that differ / legacy rows) and the error rate of the writes;
 * - Phase 2's reads (one week by legacy id, a user's list of weeks), legacy against new, p50/p95.
 * Statements run as the migration's role (hv_postgres), one statement per operation: the figures are
 * the database's cost, without PostgREST's per-request set_config/SET ROLE round trips.
 */
import type pg from 'pg';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import type { WeekReader } from '../../src/contract/read-path.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { readDrift } from '../../src/migration/observation.ts';
import { loadLegacy, YEAR_SHAPE } from './legacy-data.ts';
import { assertShapeReadsNew, createReadShape, refreshWeek, shapeReader } from './read-shape.ts';
import { round } from './stats.ts';

export interface Latency {
  n: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  /** The first error's message, when there were errors. */
  firstError?: string;
}

export interface ReadComparison {
  legacy: Latency;
  new: Latency;
  /** new p95 / legacy p95 (the plan: ≤ 0.7, a 30 % improvement). */
  p95Ratio: number;
  /** (1 − new p95 / legacy p95) × 100: the plan's "30 %+". Negative: slower. */
  improvementPct: number;
}

export interface PromisesFigures {
  rows: number;
  users: number;
  habits: number;
  clients: number;
  opsPerClient: number;
  writes: { plainLegacy: Latency; syncedLegacy: Latency; dualWrite: Latency };
  /** Synced writes whose status a second connection read from the new schema right after commit, and those it did not see. */
  syncLag: { probes: number; notVisible: number; lagMs: number };
  /** Legacy rows hv_drift reports after the Phase 1 load, as a share of all legacy rows. */
  drift: { rows: number; percent: number };
  /** Failed writes / writes, over the Phase 1 load (synced legacy writes and dual writes). */
  errorRate: { errors: number; writes: number; percent: number };
  reads: { week: ReadComparison; list: ReadComparison };
  /**
   * The lever, measured: the same reads served from the new read's shape precomputed per week
   * (bench/lib/read-shape.ts) against legacy, and what a write would add to keep it current.
   */
  readShape: { week: ReadComparison; list: ReadComparison; refresh: Latency };
}

export const PROMISES = { syncLagMs: 100, driftPct: 0.1, errorRatePct: 1, readImprovementPct: 30 } as const;

/** Nearest-rank percentile of `xs` (milliseconds). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

interface Timings {
  ms: number[];
  errors: number;
  firstError?: string;
}

const latency = (t: Timings): Latency => ({
  n: t.ms.length, errors: t.errors, p50Ms: round(percentile(t.ms, 50), 3), p95Ms: round(percentile(t.ms, 95), 3), ...(t.firstError ? { firstError: t.firstError } : {}),
});

/** A small seeded generator (mulberry32): the same operations in every run, up to timing. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['green', 'yellow', 'red', 'none'] as const;

/** `clients` workers at once, each running `op` `n` times on its own connection; the latencies and errors. */
async function concurrently(
  uri: string,
  clients: number,
  n: number,
  op: (c: pg.Client, worker: number, i: number, random: () => number) => Promise<void>,
): Promise<Timings> {
  const conns = await Promise.all(Array.from({ length: clients }, () => connect(uri)));
  const out: Timings = { ms: [], errors: 0 };
  try {
    await Promise.all(
      conns.map(async (c, worker) => {
        const random = rng(1000 + worker);
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          try {
            await op(c, worker, i, random);
            out.ms.push(performance.now() - t);
          } catch (err) {
            out.errors++;
            out.firstError ??= `${(err as Error).message}${(err as { code?: string }).code ? ` (SQLSTATE ${(err as { code?: string }).code})` : ''}`;
          }
        }
      }),
    );
  } finally {
    await Promise.all(conns.map((c) => c.end().catch(() => undefined)));
  }
  return out;
}

const LEGACY_WRITE = `UPDATE public.habit_tracker SET habits = jsonb_set(habits, ARRAY['0', 'times', $2::text], to_jsonb($3::text)), updated_at = now() WHERE id = $1`;

export async function benchPromises(server: StartedPostgres, rows: number, opts: { clients?: number; opsPerClient?: number; log?: (s: string) => void } = {}): Promise<PromisesFigures> {
  const clients = opts.clients ?? 4;
  const n = opts.opsPerClient ?? 300;
  const log = opts.log ?? (() => undefined);
  const db = await server.createDatabase('bench_promises');
  const client = await connect(db.uri);
  try {
    await ourMigration.phases['phase-0'].apply(client);
    const data = await loadLegacy(client, rows, 'sql', 0, YEAR_SHAPE);
    log(`  ${rows} legacy rows (${data.users} families, ${data.habits} habits) loaded; backfill …`);
    await ourMigration.backfill.run(client);
    await client.query('VACUUM ANALYZE');
    const { rows: ids } = await client.query<{ id: string }>('SELECT id::text FROM public.habit_tracker ORDER BY id');
    const { rows: users } = await client.query<{ id: string }>('SELECT DISTINCT user_id::text AS id FROM public.habit_tracker ORDER BY 1');
    // each worker writes its own rows: no two workers wait on one row lock (the load measures the sync, not contention)
    const rowOf = (worker: number, random: () => number) => {
      const k = Math.floor(random() * Math.floor(ids.length / clients));
      return Number(ids[k * clients + worker]!.id);
    };
    const legacyWrite = (c: pg.Client, worker: number, random: () => number) => {
      const id = rowOf(worker, random);
      const day = Math.floor(random() * 7);
      const status = STATUSES[Math.floor(random() * 4)]!;
      return { id, day, status, run: () => c.query(LEGACY_WRITE, [id, String(day), status]) };
    };

    log('  plain legacy writes (Phase 0) …');
    const plain = await concurrently(db.uri, clients, n, async (c, w, _i, r) => void (await legacyWrite(c, w, r).run()));

    await ourMigration.phases['phase-1'].apply(client);
    log('  synced legacy writes (Phase 1 trigger) with a probe of the new schema after each …');
    const probes = await Promise.all(Array.from({ length: clients }, () => connect(db.uri)));
    let probed = 0;
    let notVisible = 0;
    const probeMs: number[] = [];
    const synced = await concurrently(db.uri, clients, n, async (c, w, _i, r) => {
      const write = legacyWrite(c, w, r);
      await write.run();
      const t = performance.now();
      const { rows: seen } = await probes[w]!.query<{ status: string }>(
        `SELECT r.status FROM public.weeks wk JOIN public.habits h ON h.week_id = wk.id AND h.display_order = 0
           JOIN public.habit_records r ON r.habit_id = h.id AND r.record_date = wk.week_start_date + $2::int WHERE wk.legacy_id = $1`,
        [write.id, write.day],
      );
      probeMs.push(performance.now() - t);
      probed++;
      if (seen[0]?.status !== write.status) notVisible++;
    });
    await Promise.all(probes.map((p) => p.end().catch(() => undefined)));

    log('  dual writes (setStatus) …');
    const dual = await concurrently(db.uri, clients, n, async (c, w, i, r) => {
      const id = rowOf(w, r);
      await ourMigration.dualWrite.call(c, `bench:${w}:${i}`, 'setStatus', { legacyId: id, habitIndex: 0, day: Math.floor(r() * 7), status: STATUSES[Math.floor(r() * 4)]! });
    });

    const driftIds = new Set((await readDrift(client)).map((d) => d.legacy_id));
    const writes = synced.ms.length + synced.errors + dual.ms.length + dual.errors;
    const errors = synced.errors + dual.errors;

    await ourMigration.phases['phase-2'].apply(client);
    await client.query('VACUUM ANALYZE');
    log('  Phase 2 reads, legacy and new interleaved …');
    const legacyIds = ids.map((x) => Number(x.id));
    const userIds = users.map((u) => u.id);
    const reads = await readComparison(db.uri, clients, n, legacyIds, userIds);

    log('  the lever: the read shape precomputed per week, against legacy …');
    await createReadShape(client);
    const every = Math.max(1, Math.floor(legacyIds.length / 50));
    await assertShapeReadsNew(client, legacyIds.filter((_, k) => k % every === 0), userIds.slice(0, 5), ourMigration.reads.readers.new.list);
    const shaped = await readComparison(db.uri, clients, n, legacyIds, userIds, { legacy: ourMigration.reads.readers.legacy, new: shapeReader });
    const refresh = await concurrently(db.uri, clients, n, async (c, w, _i, r) => refreshWeek(c, rowOf(w, r)));

    return {
      rows,
      users: data.users,
      habits: data.habits,
      clients,
      opsPerClient: n,
      writes: { plainLegacy: latency(plain), syncedLegacy: latency(synced), dualWrite: latency(dual) },
      syncLag: { probes: probed, notVisible, lagMs: notVisible === 0 ? 0 : Number.NaN },
      drift: { rows: driftIds.size, percent: round((driftIds.size / rows) * 100, 4) },
      errorRate: { errors, writes, percent: round((errors / Math.max(1, writes)) * 100, 3) },
      reads,
      readShape: { ...shaped, refresh: latency(refresh) },
    };
  } finally {
    await client.end().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

/** Both readers under the same load: each worker alternates legacy and new on the same key. */
async function readComparison(uri: string, clients: number, n: number, ids: number[], users: string[], readers = ourMigration.reads.readers): Promise<PromisesFigures['reads']> {
  const { legacy, new: neu } = readers;
  const run = async (what: (r: WeekReader, c: pg.Client, random: () => number) => Promise<unknown>) => {
    const sides: Record<'legacy' | 'new', Timings> = { legacy: { ms: [], errors: 0 }, new: { ms: [], errors: 0 } };
    await concurrently(uri, clients, n, async (c, _w, i, random) => {
      // the same key for both sides: draw it once, replay it
      const seed = random();
      const order = i % 2 === 0 ? (['legacy', 'new'] as const) : (['new', 'legacy'] as const);
      for (const side of order) {
        const t = performance.now();
        try {
          await what(side === 'legacy' ? legacy : neu, c, () => seed);
          sides[side].ms.push(performance.now() - t);
        } catch (err) {
          sides[side].errors++;
          sides[side].firstError ??= (err as Error).message;
        }
      }
    });
    const l = latency(sides.legacy);
    const w = latency(sides.new);
    return { legacy: l, new: w, p95Ratio: round(w.p95Ms / l.p95Ms, 3), improvementPct: round((1 - w.p95Ms / l.p95Ms) * 100, 1) };
  };
  const week = await run((r, c, random) => r.week(c, { legacyId: ids[Math.floor(random() * ids.length)]! }));
  const list = await run((r, c, random) => r.list(c, users[Math.floor(random() * users.length)]!));
  return { week, list };
}
