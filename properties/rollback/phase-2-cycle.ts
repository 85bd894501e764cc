import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import { phase0 } from '../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../src/migration/phase-0/backfill.ts';
import { phase1 } from '../../src/migration/phase-1/phase-1.ts';
import { phase2 } from '../../src/migration/phase-2/phase-2.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { cycleCaseArbitrary, runCycle, withoutRelations, withoutValidation, type CycleCase } from './support/phase-cycle.ts';

/** Phase 2's rollback keeps the mismatch log and the constraints' validation (src/migration/phase-2/phase-2.ts). */
const PHASE2_KEEPS = ['read_mismatches', 'read_mismatches_pkey', 'read_mismatches_id_seq'];

async function resetBefore2(ctx: PropertyContext): Promise<void> {
  const c = ctx.client;
  await c.query('ROLLBACK').catch(() => undefined);
  await phase2.rollback(c);
  await c.query('DROP TABLE IF EXISTS public.read_mismatches');
  await resetDatabase(c, { refresh: true });
}

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
  async setup(ctx) {
    await phase0.apply(ctx.client);
    await runBackfill(ctx.client);
    await phase1.apply(ctx.client);
  },
  reset: resetBefore2,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadDataset(ctx.client, input.dataset);
    await runCycle(ctx, {
      label: 'Phase 2',
      apply: (c) => phase2.apply(c),
      rollback: (c) => phase2.rollback(c),
      complete: (c) => phase2.complete(c),
      kept: (d) => withoutValidation(withoutRelations(d, PHASE2_KEEPS)),
    }, input);
  },
};
