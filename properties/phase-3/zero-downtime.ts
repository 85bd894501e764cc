import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { migratedDataset, resetBefore3, setupBefore3 } from '../rollback/support/phase-stack.ts';
import { LEGACY_TABLE, RETIRED_TABLE } from './support/legacy-table.ts';
import { holdLongTransaction } from '../rollback/support/long-transaction.ts';
import { measureStalls, pause } from '../rollback/support/stall-run.ts';

export interface ZeroDowntimeCase {
  dataset: LegacyDataset;
  clients: number;
  seed: number;
}

/**
 * Phase 3 without downtime: while the app writes on 2–4 connections (through Phase 1's API, then —
 * after the switch — to the new schema), Phase 3 is applied, renamed, rolled back, applied again and
 * completed, each ACCESS EXCLUSIVE step (rename, rename back, drop) starting while a long transaction
 * (1.5 × the bound) reads the legacy table. No write fails, and no step stalls a write longer than the
 * bound (HV_MAX_STALL_MS, default 1 s, over the slowest write of this run's baseline): DDL takes
 * lock_timeout and retries instead of queueing the app
 * behind the long transaction. Killed by ddl-without-lock-timeout and archive-flag-update.
 */
export const zeroDowntime: PropertyDef<ZeroDowntimeCase> = {
  name: 'phase-3/zero-downtime',
  tags: ['phase-3'],
  description: 'Under app load, Phase 3 apply → rename → rollback → apply → complete: no write fails, no step stalls a write longer than HV_MAX_STALL_MS, even with a long transaction on the legacy table.',
  defaultRuns: 2,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 20, maxRows: 40 }),
      clients: fc.integer({ min: 2, max: 4 }),
      seed: fc.nat(),
    }),
  setup: setupBefore3,
  reset: resetBefore3,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await migratedDataset(ctx, input.dataset);
    await measureStalls(ctx, input, async (clock, app, { longTransactionMs: longMs }) => {
      app.mode = 'api';
      await pause(100);
      await ctx.impl.phases['phase-3'].apply(c, { onStep: clock.onStep('phase-3') });
      await pause(100);
      let long = await holdLongTransaction(ctx.db.uri, LEGACY_TABLE, longMs);
      await ctx.impl.phases['phase-3'].rename(c, { onStep: clock.onStep('phase-3') });
      await long.done;
      await pause(100);
      long = await holdLongTransaction(ctx.db.uri, RETIRED_TABLE, longMs);
      await ctx.impl.phases['phase-3'].rollback(c, { onStep: clock.onStep('phase-3') });
      await long.done;
      await pause(100);
      await ctx.impl.phases['phase-3'].apply(c, { onStep: clock.onStep('phase-3') });
      await ctx.impl.phases['phase-3'].rename(c, { onStep: clock.onStep('phase-3') });
      await pause(100);
      long = await holdLongTransaction(ctx.db.uri, RETIRED_TABLE, longMs);
      // the grace period, passed
      await ctx.impl.phases['phase-3'].complete(c, { graceDays: 0, onStep: clock.onStep('phase-3 complete') });
      await long.done;
    });
  },
};
