import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { tableGrantsIntendedAt, type TableGrant } from '../../src/check/access-policy.ts';
import { applyUpTo } from '../support/apply-up-to.ts';
import { resetBefore } from './support/phase-stack.ts';
import { cycleCaseArbitrary, runCycle, type CycleCase } from './support/phase-cycle.ts';
import { expectMigratedNow } from '../support/expect-migrated.ts';

export interface Phase2CycleCase extends CycleCase {
  /**
   * Privileges an operator granted the API roles before Phase 2, within the access matrix at Phase 1
   * (the server's DML on the new schema): Phase 2 changes them, its rollback must give them back.
   */
  granted: TableGrant[];
}

/** What the matrix lets an operator grant before Phase 2 (src/check/access-policy.ts, never a generator label). */
const GRANTABLE = tableGrantsIntendedAt('phase-1');

/**
 * pgroll's cycle for Phase 2 (apply → API and old-client writes → rollback → apply → writes →
 * complete), on top of Phases 0 and 1 and of privileges an operator granted within the matrix:
 * after the rollback the legacy table holds every write, the catalog — privileges included — is as
 * before Phase 2 but for what Phase 2 keeps on purpose (the mismatch log and VALIDATE), and the legacy
 * app path works as before; complete finds every constraint valid and RLS on.
 */
export const phase2Cycle: PropertyDef<Phase2CycleCase> = {
  name: 'rollback/phase-2-cycle',
  tags: ['rollback', 'phase-2'],
  description:
    "Phase 2 apply → API and legacy writes → rollback → apply → writes → complete: after the rollback the legacy rows equal the model of every write and the catalog, privileges granted before Phase 2 included, is as before (but the kept mismatch log and validation).",
  defaultRuns: 10,
  arbitrary: () =>
    fc.tuple(cycleCaseArbitrary(), fc.subarray(GRANTABLE)).map(([cycle, granted]) => ({ ...cycle, granted }), (c) => {
      const { granted, ...cycle } = c as Phase2CycleCase;
      return [cycle, granted];
    }),
  setup: (ctx) => applyUpTo(ctx, 'phase-1'),
  reset: resetBefore('phase-2'),
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    await loadDataset(ctx.client, input.dataset);
    await expectMigratedNow(ctx.client, ctx.impl, "after the load, through Phase 1's dual write"); // else the cycle moves nothing
    for (const g of input.granted) await ctx.client.query(`GRANT ${g.operation} ON public.${ctx.client.escapeIdentifier(g.object)} TO ${g.role}`);
    await runCycle(ctx, 'phase-2', input);
  },
};
