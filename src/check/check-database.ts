import type pg from 'pg';
import type { BackfillResult, BatchResult } from '../contract/backfill.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { DriftRow, QuarantineRow } from '../contract/observation.ts';
import { expectedOutcomes, type CanonicalRow } from './canonical.ts';
import { readLegacyRows, readUserIds } from './read-state.ts';
import { accountingProblems, roundTripDiffs, type AccountingProblem, type FieldDiff } from './round-trip.ts';
import { validateConstraints, type ConstraintResult } from './constraints.ts';

/** Everything `habit-verify check` finds on one loaded legacy table. */
export interface CheckResult {
  legacyRows: number;
  migratedRows: number;
  quarantinedRows: number;
  quarantineReasons: Record<string, number>;
  warnings: Record<string, number>;
  roundTripMismatches: number;
  accountingProblems: number;
  driftRows: number;
  constraintsValidated: boolean;
  backfill: BackfillResult;
  /** The rows behind the counts, for reports and for turning one into a fixture. */
  details: {
    diffs: FieldDiff[];
    problems: AccountingProblem[];
    drift: DriftRow[];
    constraints: ConstraintResult[];
    quarantine: QuarantineRow[];
  };
}

/**
 * Bring-your-own data: applies the implementation's Phase 0 to a database holding a legacy table, runs its backfill, and
 * every check that applies to fixed data. Quarantines are reported, not failures. Returns; never prints.
 */
export async function checkDatabase(
  client: pg.ClientBase,
  impl: MigrationImplementation,
  opts: { batchSize?: number; onBatch?: (b: BatchResult) => void } = {},
): Promise<CheckResult> {
  await impl.phases['phase-0'].apply(client);
  const backfill = await impl.backfill.run(client, {
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
  });
  const legacy = await readLegacyRows(client);
  const expected = expectedOutcomes(legacy, await readUserIds(client));
  const view = (await impl.observe.legacyView(client)) as CanonicalRow[];
  const quarantine = await impl.observe.quarantine(client);
  const diffs = roundTripDiffs(expected, view);
  const problems = accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine);
  const constraints = await validateConstraints(client);
  const drift = await impl.observe.drift(client);
  const count = <T>(xs: readonly T[], key: (x: T) => string) =>
    xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});
  return {
    legacyRows: legacy.length,
    migratedRows: view.length,
    quarantinedRows: quarantine.length,
    quarantineReasons: count(quarantine, (q) => q.reason),
    warnings: count(await impl.observe.warnings(client), (w) => w.code),
    roundTripMismatches: diffs.length,
    accountingProblems: problems.length,
    driftRows: drift.length,
    constraintsValidated: constraints.every((c) => c.validated),
    backfill,
    details: { diffs, problems, drift, constraints, quarantine },
  };
}

/** check passes when every migrated row round-trips, every row is accounted for, constraints hold and nothing drifts. */
export function checkPassed(r: CheckResult): boolean {
  return r.roundTripMismatches === 0 && r.accountingProblems === 0 && r.constraintsValidated && r.driftRows === 0;
}

/** The report's quarantine section: reasons in name order, with counts and up to three original rows. */
export function quarantineSection(r: CheckResult): Array<{ reason: string; count: number; examples: unknown[] }> {
  const byReason = new Map<string, CheckResult['details']['quarantine']>();
  for (const q of r.details.quarantine) byReason.set(q.reason, [...(byReason.get(q.reason) ?? []), q]);
  return [...byReason]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, qs]) => ({ reason, count: qs.length, examples: qs.slice(0, 3).map((q) => q.original) }));
}
