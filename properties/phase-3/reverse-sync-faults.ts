import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { LegacyModel } from '../rollback/support/legacy-model.ts';
import { NewSchemaApp, newOpArbitrary, type NewOp } from '../rollback/support/new-schema-writes.ts';
import { migratedDataset, resetBefore3, setupBefore3 } from '../rollback/support/phase-stack.ts';
import { FAULT_SQLSTATES, installLegacyWriteFault, removeLegacyWriteFault } from '../support/insert-fault.ts';
import { legacyTableName, readLegacyTable } from './support/legacy-table.ts';

export interface ReverseSyncFaultCase {
  dataset: LegacyDataset;
  /** The legacy rows the reverse sync cannot write (indexes into the rows, modulo their number). */
  faulty: number[];
  sqlstate: string;
  ops: NewOp[];
  renamed: boolean;
}

/**
 * Faults in Phase 3's reverse sync, where nothing may be lost silently: while the legacy table cannot
 * take chosen rows (a trigger on it raising for their ids), an app write to the new schema that the
 * sync must carry to one of them fails whole, with the fault's SQLSTATE, changing neither the new
 * schema nor the legacy table; every write that goes through is in the legacy table at once; once the
 * fault is gone the failed writes go through and the legacy table follows them all (killed by
 * reverse-sync-swallows-errors).
 */
export const reverseSyncFaults: PropertyDef<ReverseSyncFaultCase> = {
  name: 'phase-3/reverse-sync-faults',
  tags: ['phase-3'],
  description: 'A new-schema write the reverse sync cannot carry to the legacy table fails whole with the fault’s error; every write that went through is in the legacy table, and the failed ones go through once the fault is gone.',
  defaultRuns: 10,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', maxRows: 6, everyAnomaly: true }),
        faulty: fc.uniqueArray(fc.nat({ max: 99 }), { minLength: 1, maxLength: 3 }),
        sqlstate: fc.constantFrom(...FAULT_SQLSTATES),
        ops: fc.array(newOpArbitrary(), { minLength: 1, maxLength: 8 }),
        renamed: fc.boolean(),
      },
      { noNullPrototype: true },
    ),
  setup: setupBefore3,
  reset: resetBefore3,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await migratedDataset(ctx, input.dataset);
    const model = LegacyModel.of(await readLegacyRows(c));
    await ctx.impl.phases['phase-3'].apply(c);
    if (input.renamed) await ctx.impl.phases['phase-3'].rename(c);
    const table = (await legacyTableName(c))!;
    const ids = model.ids();
    const chosen = [...new Set(input.faulty.map((i) => ids[i % Math.max(1, ids.length)]).filter((id): id is number => id !== undefined))];
    const state = { [table]: `SELECT * FROM public.${c.escapeIdentifier(table)} ORDER BY id`, ...ctx.impl.observe.contentQueries };
    const made = `legacy row(s) ${chosen.join(', ') || '(none)'} refusing writes with ${input.sqlstate}`;

    const app = await NewSchemaApp.start(c, model, ctx.impl);
    const failed: NewOp[] = [];
    await installLegacyWriteFault(c, table, chosen, input.sqlstate);
    try {
      for (const op of input.ops) {
        const before = await fingerprint(c, state);
        try {
          await app.run(c, op);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code !== input.sqlstate) throw new PropertyFailure(`with ${made}, the new-schema write ${JSON.stringify(op)} failed with ${code} (${(err as Error).message}), not the fault's ${input.sqlstate}`);
          const changed = fingerprintDiff(before, await fingerprint(c, state));
          if (changed.length > 0) throw new PropertyFailure(`with ${made}, the new-schema write ${JSON.stringify(op)} failed but changed ${changed.join(', ')}`, { changed });
          failed.push(op);
        }
      }
      const lost = model.diff(await readLegacyTable(c, table));
      if (lost.length > 0) throw new PropertyFailure(`with ${made}, ${lost.length} legacy value(s) do not follow new-schema writes that went through`, { diffs: lost.slice(0, 50) });
    } finally {
      await removeLegacyWriteFault(c);
    }
    for (const op of failed) {
      try {
        await app.run(c, op);
      } catch (err) {
        throw new PropertyFailure(`once the fault is gone, the new-schema write ${JSON.stringify(op)} still fails: ${(err as Error).message}`);
      }
    }
    const diffs = model.diff(await readLegacyTable(c, table));
    if (diffs.length > 0) throw new PropertyFailure(`once the fault is gone and the failed writes retried, ${diffs.length} legacy value(s) do not follow the new schema`, { diffs: diffs.slice(0, 50) });
  },
};
