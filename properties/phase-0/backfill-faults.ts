import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import type { BackfillResult, BatchResult } from '../../src/contract/backfill.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { expectedOutcomes, retriedOutcomes } from '../../src/check/canonical.ts';
import { readLegacyRows, readUserIds } from '../../src/check/read-state.ts';
import { setupPhase0 } from '../support/phase-0-case.ts';
import { FAULT_SQLSTATES, FAULT_TABLES, installInsertFault, removeInsertFault, type FaultTable } from '../support/insert-fault.ts';
import { expectOutcomes, failingRows, writesInto } from '../support/expect-outcomes.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';

export interface BackfillFaultCase {
  dataset: LegacyDataset;
  /** The rows made to fail (indexes into the rows, modulo their number). */
  faulty: number[];
  table: FaultTable;
  sqlstate: string;
  batchSize: number;
}

/**
 * Faults inside the backfill: chosen legacy rows fail at insert time for a reason no rule foresees
 * (a trigger on a new table raising for their legacy ids). Each such row must be quarantined as
 * unexpected_error with the fault's SQLSTATE and its original row, every other row — of its batch too —
 * migrated or quarantined as the rules say, the counts exact (each batch's too: its fallback stays inside
 * its page); and once the fault is gone a rerun must retry them (killed by backfill-no-row-fallback,
 * fallback-beyond-page).
 */
export const backfillFaults: PropertyDef<BackfillFaultCase> = {
  name: 'phase-0/backfill-faults',
  tags: ['phase-0'],
  description: 'A row that fails at insert time for a reason no rule foresees is quarantined as unexpected_error (SQLSTATE, original row) without stopping its batch, and a rerun retries it once the fault is gone.',
  defaultRuns: 15,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 10 }),
        faulty: fc.uniqueArray(fc.nat({ max: 99 }), { minLength: 1, maxLength: 3 }),
        table: fc.constantFrom(...FAULT_TABLES),
        sqlstate: fc.constantFrom(...FAULT_SQLSTATES),
        batchSize: fc.integer({ min: 2, max: 6 }),
      },
      { noNullPrototype: true },
    ),
  setup: setupPhase0,
  toDataset: (c) => c.dataset,
  faultyRows: (c) => failingRows(c.dataset.rows, c.faulty, c.table),
  async check(input, ctx) {
    await loadDataset(ctx.client, input.dataset);
    const legacy = await readLegacyRows(ctx.client);
    const users = await readUserIds(ctx.client);
    const chosen = [...new Set(input.faulty.map((i) => legacy[i % legacy.length]!.id))];
    // the fault fires for a row only when that row writes into the faulty table (the oracle knows
    // whether it gets that far: rows the rules quarantine never do)
    const failing = new Set(chosen.filter((id) => writesInto(legacy.find((r) => r.id === id)!, input.table)));
    const expected = expectedOutcomes(legacy, users, { failing });

    await installInsertFault(ctx.client, { table: input.table, legacyIds: chosen, sqlstate: input.sqlstate });
    let first: BackfillResult;
    const batches: BatchResult[] = [];
    try {
      first = await ctx.impl.backfill.run(ctx.client, { batchSize: input.batchSize, onBatch: (b) => batches.push(b) });
    } finally {
      await removeInsertFault(ctx.client);
    }
    const sqlstates = new Map([...failing].map((id) => [id, input.sqlstate]));
    const made = `legacy row(s) ${chosen.join(', ')} failing on ${input.table} with ${input.sqlstate}, batches of ${input.batchSize}`;
    await expectOutcomes(ctx, legacy, expected, first, `with ${made}`, sqlstates);
    // a batch accounts for its own rows, no more: the row-by-row fallback stays inside its page
    const miscounted = batches.filter((b) => b.migrated + b.quarantined !== b.rows);
    if (miscounted.length > 0) throw new PropertyFailure(`with ${made}: ${miscounted.length} batch(es) whose migrated + quarantined is not their rows`, { batches: miscounted });

    const retried = [...expected.values()].filter((o) => o.kind === 'quarantine' && o.reason === 'unexpected_error').length;
    const rerun = await ctx.impl.backfill.run(ctx.client, { batchSize: input.batchSize, restart: true });
    await expectOutcomes(ctx, legacy, retriedOutcomes(legacy, expected), rerun, `on the rerun after removing the fault (${made})`, new Map(), retried);
  },
};
