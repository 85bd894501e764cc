import fc from 'fast-check';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { expectedOutcomes } from '../../src/check/canonical.ts';
import { readLegacyRows, readUserIds } from '../../src/check/read-state.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { loadBeforeMigration } from '../support/load-before-migration.ts';
import { FAULT_SQLSTATES, FAULT_TABLES, installInsertFault, removeInsertFault, type FaultTable } from '../support/insert-fault.ts';
import { expectOutcomes, failingRows, writesInto } from '../support/expect-outcomes.ts';
import { setupPhase1 } from './support/phase-1-case.ts';

export interface SyncFaultCase {
  dataset: LegacyDataset;
  /** The rows made to fail (indexes into the rows, modulo their number). */
  faulty: number[];
  table: FaultTable;
  sqlstate: string;
  /** The row an old client then updates while the fault is in place: a faulty one, or any (an index). */
  writeTo: 'faulty' | number;
}

/**
 * Faults in Phase 1's sync, where nothing may be lost silently. Legacy rows the trigger never saw
 * (written before Phase 1) are brought over by the reconcile of Phase 1's apply: chosen rows failing
 * there for a reason no rule foresees (a trigger on a new table raising for them) are quarantined as
 * unexpected_error with the SQLSTATE and their original row, every other row migrates as the rules say,
 * and the next reconcile, once the fault is gone, retries them. An old client's write the trigger cannot
 * sync fails with the fault's error and changes neither schema — or, when it succeeds, the new schema
 * follows it (no drift, nothing quarantined as unexpected_error); retried once the fault is gone, it
 * goes through (killed by reconcile-never-retries-errors, trigger-quarantines-errors).
 */
export const syncFaults: PropertyDef<SyncFaultCase> = {
  name: 'phase-1/sync-faults',
  tags: ['phase-1'],
  description:
    "A row the reconcile cannot migrate for a reason no rule foresees is quarantined as unexpected_error (SQLSTATE, original row) and retried by the next reconcile; an old client's write the trigger cannot sync fails whole, and goes through once the fault is gone.",
  defaultRuns: 12,
  arbitrary: () =>
    fc.record(
      {
        dataset: legacyDatasetArbitrary({ mode: 'mixed', maxRows: 6, everyAnomaly: true }),
        faulty: fc.uniqueArray(fc.nat({ max: 99 }), { minLength: 1, maxLength: 3 }),
        table: fc.constantFrom(...FAULT_TABLES),
        sqlstate: fc.constantFrom(...FAULT_SQLSTATES),
        writeTo: fc.oneof(fc.constant('faulty' as const), fc.nat({ max: 99 })),
      },
      { noNullPrototype: true },
    ),
  setup: (ctx) => setupPhase1(ctx),
  toDataset: (c) => c.dataset,
  faultyRows: (c) => failingRows(c.dataset.rows, c.faulty, c.table),
  async check(input, ctx) {
    const c = ctx.client;
    // the backfill completed before these rows were written, and the trigger never saw them (as rows
    // written while Phase 1 was rolled back): the reconcile of Phase 1's apply brings them over
    await ctx.impl.backfill.run(c);
    await loadBeforeMigration(c, () => loadDataset(c, input.dataset));
    const legacy = await readLegacyRows(c);
    const users = await readUserIds(c);
    const chosen = [...new Set(input.faulty.map((i) => legacy[i % legacy.length]!.id))];
    const failing = new Set(chosen.filter((id) => writesInto(legacy.find((r) => r.id === id)!, input.table)));
    const made = `legacy row(s) ${chosen.join(', ')} failing on ${input.table} with ${input.sqlstate}`;

    // 1. The reconcile (Phase 1's apply) meets the fault.
    await installInsertFault(c, { table: input.table, legacyIds: chosen, sqlstate: input.sqlstate });
    try {
      try {
        await ctx.impl.phases['phase-1'].apply(c);
      } catch (err) {
        throw new PropertyFailure(`with ${made}, applying Phase 1 (its reconcile) failed instead of quarantining them: ${(err as Error).message}`);
      }
      const sqlstates = new Map([...failing].map((id) => [id, input.sqlstate]));
      await expectOutcomes(ctx, legacy, expectedOutcomes(legacy, users, { failing }), undefined, `after the reconcile, with ${made}`, sqlstates);

      // 2. An old client's write the trigger has to sync, fault still in place.
      const target = input.writeTo === 'faulty' ? ([...failing][0] ?? chosen[0]!) : legacy[input.writeTo % legacy.length]!.id;
      const before = await fingerprint(c, stateQueries(ctx.impl.observe.contentQueries));
      const outcome = await oldClientWrite(c, target);
      if (outcome.error) {
        if (outcome.error.code !== input.sqlstate) {
          throw new PropertyFailure(`with ${made}, an old client's update of row ${target} failed with ${outcome.error.code} (${outcome.error.message}), not the fault's ${input.sqlstate}`);
        }
        const changed = fingerprintDiff(before, await fingerprint(c, stateQueries(ctx.impl.observe.contentQueries)));
        if (changed.length > 0) throw new PropertyFailure(`with ${made}, an old client's update of row ${target} failed but changed ${changed.join(', ')}`, { changed });
      } else {
        await expectSynced(ctx, target, `with ${made}, an old client's update of row ${target} went through`);
      }

      // 3. The fault is gone: the write goes through, and the next reconcile retries what is left.
      await removeInsertFault(c);
      if (outcome.error) {
        const again = await oldClientWrite(c, target);
        if (again.error) throw new PropertyFailure(`once the fault is gone, the old client's update of row ${target} still fails: ${again.error.code} ${again.error.message}`);
      }
      await ctx.impl.phases['phase-1'].apply(c);
      const now = await readLegacyRows(c);
      await expectOutcomes(ctx, now, expectedOutcomes(now, users), undefined, `after the next reconcile, the fault gone (${made})`, new Map());
    } finally {
      await removeInsertFault(c);
    }
  },
};

/** The legacy table and the new schema (the implementation's content queries). */
function stateQueries(content: Readonly<Record<string, string>>): Record<string, string> {
  return { habit_tracker: 'SELECT * FROM public.habit_tracker ORDER BY id', ...content };
}

/** An old client's update of one row (its theme changed), in its own transaction; the error if it failed. */
async function oldClientWrite(c: import('pg').ClientBase, id: number): Promise<{ error?: { code: string; message: string } }> {
  try {
    await c.query(`UPDATE public.habit_tracker SET theme = coalesce(theme, '') || '·', updated_at = updated_at + interval '1 second' WHERE id = $1`, [id]);
    return {};
  } catch (err) {
    return { error: { code: String((err as { code?: string }).code), message: (err as Error).message } };
  }
}

/** After a write that went through: the new schema follows it (no drift, the row not quarantined as unexpected_error). */
async function expectSynced(ctx: PropertyContext, id: number, when: string): Promise<void> {
  const drift = await ctx.impl.observe.drift(ctx.client);
  const lost = (await ctx.impl.observe.quarantine(ctx.client)).filter((q) => q.legacy_id === id && q.reason === 'unexpected_error');
  if (drift.length > 0 || lost.length > 0) {
    throw new PropertyFailure(`${when}, but the new schema does not follow it: ${drift.length} drift row(s), row ${id} ${lost.length > 0 ? 'quarantined as unexpected_error' : 'not quarantined'}`, { drift, unexpectedErrors: lost });
  }
}
