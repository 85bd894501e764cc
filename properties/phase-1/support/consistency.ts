import type pg from 'pg';
import { expectedOutcomes } from '../../../src/check/canonical.ts';
import { readLegacyRows, readUserIds } from '../../../src/check/read-state.ts';
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import type { DriftRow } from '../../../src/contract/observation.ts';
import type { CanonicalRow } from '../../../src/check/canonical.ts';
import { accountingProblems, roundTripDiffs, type AccountingProblem, type FieldDiff } from '../../../src/check/round-trip.ts';

/**
 * Is the new schema what the mapping rules make of the legacy table as it is now? Round trip of every
 * migrated row, every row accounted for with the right quarantine reason, and the drift detector.
 */
export interface Consistency {
  diffs: FieldDiff[];
  problems: AccountingProblem[];
  drift: DriftRow[];
}

export async function readConsistency(client: pg.ClientBase, impl: MigrationImplementation): Promise<Consistency> {
  const expected = expectedOutcomes(await readLegacyRows(client), await readUserIds(client));
  const view = (await impl.observe.legacyView(client)) as CanonicalRow[];
  return {
    diffs: roundTripDiffs(expected, view),
    problems: accountingProblems(expected, new Set(view.map((v) => v.id)), await impl.observe.quarantine(client)),
    drift: await impl.observe.drift(client),
  };
}

export const isConsistent = (c: Consistency) => c.diffs.length === 0 && c.problems.length === 0 && c.drift.length === 0;

export function describeInconsistency(c: Consistency): string {
  return [
    c.diffs.length ? `${c.diffs.length} round-trip difference(s) (first: legacy ${c.diffs[0]!.legacy_id} ${c.diffs[0]!.field})` : '',
    c.problems.length ? `${c.problems.length} accounting problem(s) (first: legacy ${c.problems[0]!.legacy_id} ${c.problems[0]!.problem})` : '',
    c.drift.length ? `${c.drift.length} drift row(s)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
