import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import { phase0 } from '../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../src/migration/phase-0/backfill.ts';
import { phase1 } from '../../src/migration/phase-1/phase-1.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { cycleCaseArbitrary, runCycle, withoutRelations, type CycleCase } from './support/phase-cycle.ts';

/** Phase 1's rollback keeps the idempotency log and its write numbers (src/migration/phase-1/phase-1.ts). */
const PHASE1_KEEPS = ['idempotency_log', 'idempotency_log_pkey', 'hv_op_seq'];

async function resetBefore1(ctx: PropertyContext): Promise<void> {
  const c = ctx.client;
  await c.query('ROLLBACK').catch(() => undefined);
  // only when applied: its rollback names the idempotency log's row type, which the DROP below removes
  const { rows } = await c.query<{ api: string | null }>(`SELECT to_regprocedure('public.hv_dual_write(text, text, jsonb, text)')::text AS api`);
  if (rows[0]?.api) await phase1.rollback(c);
  await c.query('DROP TABLE IF EXISTS public.idempotency_log; DROP SEQUENCE IF EXISTS public.hv_op_seq');
  await resetDatabase(c, { refresh: true });
}

/**
 * pgroll's cycle for Phase 1 (apply → API and old-client writes → rollback → apply → writes →
 * complete): after the rollback the legacy table holds every write made through the API and the old
 * path, the catalog is as before Phase 1 but for the idempotency log it keeps on purpose, and the
 * legacy app path works as before; after complete nothing drifts.
 */
export const phase1Cycle: PropertyDef<CycleCase> = {
  name: 'rollback/phase-1-cycle',
  tags: ['rollback', 'phase-1'],
  description: 'Phase 1 apply → API and legacy writes → rollback → apply → writes → complete: after the rollback the legacy rows equal the model of every write and the catalog is as before (but the kept idempotency log).',
  defaultRuns: 12,
  arbitrary: cycleCaseArbitrary,
  async setup(ctx) {
    await phase0.apply(ctx.client);
  },
  reset: resetBefore1,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadDataset(ctx.client, input.dataset);
    await runBackfill(ctx.client);
    await runCycle(ctx, {
      label: 'Phase 1',
      apply: (c) => phase1.apply(c),
      rollback: (c) => phase1.rollback(c),
      complete: (c) => phase1.complete(c),
      kept: (d) => withoutRelations(d, PHASE1_KEEPS),
    }, input);
  },
};
