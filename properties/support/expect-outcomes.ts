/**
 * Checks after a run that handled legacy rows (the backfill, a reconcile): the database against the
 * oracle's outcomes — accounting, the round trip through the view, every quarantine row's reason,
 * detail (the SQLSTATE of a fault) and original row, the warnings — and the run's counts when it
 * reports them.
 */
import type { BackfillResult } from '../../src/contract/backfill.ts';
import { expectedWarnings, type Outcome } from '../../src/check/canonical.ts';
import { accountingProblems, roundTripDiffs, warningProblems } from '../../src/check/round-trip.ts';
import { quarantineProblems } from '../../src/check/quarantine-rows.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import type { PropertyContext } from '../../src/runner/property.ts';
import type { LegacyRow } from '../../src/contract/legacy-row.ts';
import type { FaultTable } from './insert-fault.ts';

/** Whether migrating `row` inserts into `table` (weeks always; habits and records only when it has a habit). */
export function writesInto(row: LegacyRow, table: FaultTable): boolean {
  return table === 'weeks' || (Array.isArray(row.habits) && row.habits.length > 0);
}

/** Checks the database against the oracle's outcomes, and the backfill's counts (`handled` rows on a rerun, all on a first run). */
export async function expectOutcomes(
  ctx: PropertyContext,
  legacy: LegacyRow[],
  expected: ReadonlyMap<number, Outcome>,
  run: BackfillResult | undefined,
  when: string,
  sqlstates: ReadonlyMap<number, string>,
  handled = legacy.length,
): Promise<void> {
  const view = await ctx.impl.observe.legacyView(ctx.client);
  const quarantine = await ctx.impl.observe.quarantine(ctx.client);
  const problems: unknown[] = [
    ...accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine),
    ...roundTripDiffs(expected, view as never),
    ...quarantineProblems(legacy, expected, quarantine, { sqlstates }),
    ...warningProblems(expectedWarnings(legacy, expected), await ctx.impl.observe.warnings(ctx.client)),
  ];
  const count = (kind: Outcome['kind']) => [...expected.values()].filter((o) => o.kind === kind).length;
  if (run && handled === legacy.length && (run.migrated !== count('migrate') || run.quarantined !== count('quarantine'))) {
    problems.push({ problem: 'counts', expected: { migrated: count('migrate'), quarantined: count('quarantine') }, actual: { migrated: run.migrated, quarantined: run.quarantined } });
  }
  if (run && handled !== legacy.length && run.migrated + run.quarantined !== handled) {
    problems.push({ problem: 'counts', expected: `${handled} row(s) retried`, actual: { migrated: run.migrated, quarantined: run.quarantined } });
  }
  if (problems.length > 0) throw new PropertyFailure(`${when}: ${problems.length} problem(s)`, { problems });
}

/** The legacy ids a fault case makes fail: the chosen rows (indexes modulo the rows, by id) that write into `table`. */
export function failingRows(rows: readonly LegacyRow[], faulty: readonly number[], table: FaultTable): Set<number> {
  const byId = [...rows].sort((a, b) => a.id - b.id);
  if (byId.length === 0) return new Set();
  return new Set(faulty.map((i) => byId[i % byId.length]!).filter((r) => writesInto(r, table)).map((r) => r.id));
}
