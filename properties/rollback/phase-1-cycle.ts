import type { PropertyDef } from '../../src/runner/property.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { applyUpTo } from '../support/apply-up-to.ts';
import { resetBefore } from './support/phase-stack.ts';
import { cycleCaseArbitrary, runCycle, type CycleCase } from './support/phase-cycle.ts';
import { expectMigratedNow } from '../support/expect-migrated.ts';

/**
 * pgroll's cycle for Phase 1 (apply → API and old-client writes → rollback → apply → writes →
 * complete): after the rollback the legacy table holds every write made through the API and the old
 * path, the catalog is as before Phase 1 but for what it keeps on purpose (the idempotency log), and
 * the legacy app path works as before; after complete nothing drifts.
 */
export const phase1Cycle: PropertyDef<CycleCase> = {
  name: 'rollback/phase-1-cycle',
  tags: ['rollback', 'phase-1'],
  description: 'Phase 1 apply → API and legacy writes → rollback → apply → writes → complete: after the rollback the legacy rows equal the model of every write and the catalog is as before (but the kept idempotency log).',
  defaultRuns: 12,
  arbitrary: cycleCaseArbitrary,
  setup: (ctx) => applyUpTo(ctx, 'phase-0'),
  reset: resetBefore('phase-1'),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadDataset(ctx.client, input.dataset);
    await ctx.impl.backfill.run(ctx.client);
    await expectMigratedNow(ctx.client, ctx.impl, 'after the backfill'); // else the cycle moves nothing
    await runCycle(ctx, 'phase-1', input);
  },
};
