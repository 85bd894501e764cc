/**
 * Round-trip property throughput: phase-0/round-trip run through runProperty exactly as the gate
 * runs it (one database, TRUNCATE between cases, ≤ 12 legacy rows per case), `runs` cases, one
 * stream and then `streams` streams at once (one database each, sharing the server's cores).
 */
import { ourMigration } from '../../src/migration/implementation.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { runProperty } from '../../src/runner/run-property.ts';
import type { AnyProperty } from '../../src/runner/property.ts';
import { roundTrip } from '../../properties/phase-0/round-trip.ts';
import { round } from './stats.ts';

export interface PropertyRateFigures {
  property: string;
  maxRowsPerCase: number;
  runs: number;
  verdict: string;
  totalMs: number;
  /** Cases per second including the run's setup (database clone + Phase 0 DDL). */
  casesPerSecond: number;
  /** Cases per second of the cases alone (setup excluded). */
  casesPerSecondSteadyState: number;
  setupMs: number;
  /** Mean per case: TRUNCATE reset, and the check (load + backfill + read back + compare). */
  meanResetMs: number;
  meanCheckMs: number;
  parallel: { streams: number; totalRuns: number; wallMs: number; casesPerSecond: number };
}

function instrumented(def: AnyProperty) {
  const t = { setupMs: 0, resetMs: 0, checkMs: 0, cases: 0 };
  const wrapped: AnyProperty = {
    ...def,
    async setup(ctx) {
      const s = performance.now();
      await def.setup(ctx);
      t.setupMs += performance.now() - s;
    },
    async reset(ctx) {
      const s = performance.now();
      await (def.reset ? def.reset(ctx) : resetDatabase(ctx.client));
      t.resetMs += performance.now() - s;
    },
    async check(input, ctx) {
      const s = performance.now();
      await def.check(input, ctx);
      t.checkMs += performance.now() - s;
      t.cases++;
    },
  };
  return { wrapped, t };
}

export async function benchPropertyRate(server: StartedPostgres, runs = 200, streams = 2, seed = 20251011): Promise<PropertyRateFigures> {
  const { wrapped, t } = instrumented(roundTrip);
  const r = await runProperty(wrapped, { pg: server, impl: ourMigration, seed, runs, timeBudgetMs: 600_000 });
  const parallelStart = performance.now();
  const results = await Promise.all(
    Array.from({ length: streams }, (_, i) => runProperty(roundTrip, { pg: server, impl: ourMigration, seed: seed + i + 1, runs, timeBudgetMs: 600_000 })),
  );
  const wallMs = performance.now() - parallelStart;
  const totalRuns = results.reduce((a, x) => a + x.runs, 0);
  const steady = r.durationMs - t.setupMs;
  return {
    property: roundTrip.name,
    maxRowsPerCase: 12,
    runs: r.runs,
    verdict: r.verdict,
    totalMs: r.durationMs,
    casesPerSecond: round(r.runs / (r.durationMs / 1000), 1),
    casesPerSecondSteadyState: round(t.cases / (steady / 1000), 1),
    setupMs: round(t.setupMs),
    meanResetMs: round(t.resetMs / Math.max(1, t.cases)),
    meanCheckMs: round(t.checkMs / Math.max(1, t.cases)),
    parallel: { streams, totalRuns, wallMs: round(wallMs), casesPerSecond: round(totalRuns / (wallMs / 1000), 1) },
  };
}
