import fc from 'fast-check';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { startOver } from '../support/start-over.ts';
import { measureStalls, pause } from './support/stall-run.ts';
import { expectMigratedNow } from '../support/expect-migrated.ts';

export interface PhasesZeroDowntimeCase {
  dataset: LegacyDataset;
  clients: number;
  seed: number;
}

/** Back to "no phase applied", whatever a case left behind. */
const resetNoPhase = (ctx: PropertyContext) => startOver(ctx);

/**
 * Phases 0, 1 and 2 without downtime: while the app writes on 2–4 connections (the legacy table; then,
 * once Phase 1 is applied and the app deployed to it, the dual-write API — switched back to legacy
 * before Phase 1 is rolled back, as a deploy would drain it), each phase is applied, rolled back,
 * applied again (pgroll's cycle), and finally everything is rolled back. No write fails, and no step
 * stalls a write longer than HV_MAX_STALL_MS (default 1 s). Phase 3 has its own (phase-3/zero-downtime).
 */
export const phasesZeroDowntime: PropertyDef<PhasesZeroDowntimeCase> = {
  name: 'rollback/zero-downtime',
  tags: ['rollback', 'phase-0', 'phase-1', 'phase-2'],
  description: 'Under app load, phases 0, 1 and 2 are each applied, rolled back and applied again, then all rolled back: no write fails and no step stalls a write longer than HV_MAX_STALL_MS.',
  defaultRuns: 2,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'realistic', minRows: 20, maxRows: 40 }),
      clients: fc.integer({ min: 2, max: 4 }),
      seed: fc.nat(),
    }),
  setup: async () => undefined,
  reset: resetNoPhase,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await loadDataset(c, input.dataset);
    const loaded = Number((await c.query<{ m: string | null }>('SELECT max(id)::text AS m FROM public.habit_tracker')).rows[0]!.m ?? 0);
    await measureStalls(ctx, input, async (clock, app) => {
      const [phase0, phase1, phase2] = [ctx.impl.phases['phase-0'], ctx.impl.phases['phase-1'], ctx.impl.phases['phase-2']];
      const p0 = { onStep: clock.onStep('phase-0') };
      const p1 = { onStep: clock.onStep('phase-1') };
      const p2 = { onStep: clock.onStep('phase-2') };
      const backfill = () => clock.time('phase-0 backfill', () => ctx.impl.backfill.run(c));
      const deploy = async (mode: 'legacy' | 'api') => {
        app.mode = mode;
        await pause(150); // requests in flight drain
      };

      await phase0.apply(c, p0);
      await backfill();
      await phase0.rollback(c, p0);
      await phase0.apply(c, p0);
      await backfill();
      // the rows loaded before the app started writing (its writes are the dual write's to carry)
      await expectMigratedNow(c, ctx.impl, 'after the backfill', { upTo: loaded }); // else the rollbacks move nothing

      await phase1.apply(c, p1);
      await deploy('api');
      await deploy('legacy');
      await phase1.rollback(c, p1);
      await phase1.apply(c, p1);
      await deploy('api');

      await phase2.apply(c, p2);
      await pause(100);
      await phase2.rollback(c, p2);
      await phase2.apply(c, p2);
      await pause(100);

      await phase2.rollback(c, p2);
      await deploy('legacy');
      await phase1.rollback(c, p1);
      await phase0.rollback(c, p0);
    });
  },
};
