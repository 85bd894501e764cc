import type { PropertyDef } from '../../src/runner/property.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { applyUpTo } from '../support/apply-up-to.ts';
import { resetBefore } from './support/phase-stack.ts';
import { cycleCaseArbitrary, runCycle, type CycleCase } from './support/phase-cycle.ts';
import { expectMigratedNow } from '../support/expect-migrated.ts';

/**
 * pgroll's cycle for Phase 2 (apply → API and old-client writes → rollback → apply → writes →
 * complete), on top of Phases 0 and 1: after the rollback the legacy table holds every write, the
 * catalog is as before Phase 2 but for what Phase 2 keeps on purpose (the mismatch log and VALIDATE),
 * and the legacy app path works as before; complete finds every constraint valid and RLS on.
 */
export const phase2Cycle: PropertyDef<CycleCase> = {
  name: 'rollback/phase-2-cycle',
  tags: ['rollback', 'phase-2'],
  description: 'Phase 2 apply → API and legacy writes → rollback → apply → writes → complete: after the rollback the legacy rows equal the model of every write and the catalog is as before (but the kept mismatch log and validation).',
  defaultRuns: 10,
  arbitrary: cycleCaseArbitrary,
  setup: (ctx) => applyUpTo(ctx, 'phase-1'),
  reset: resetBefore('phase-2'),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadDataset(ctx.client, input.dataset);
    await expectMigratedNow(ctx.client, ctx.impl, "after the load, through Phase 1's dual write"); // else the cycle moves nothing
    await runCycle(ctx, 'phase-2', input);
  },
};
