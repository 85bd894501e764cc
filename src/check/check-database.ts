import type pg from 'pg';
import { phase0 } from '../migration/phase-0/phase-0.ts';
import { runBackfill, type BackfillResult, type BatchResult } from '../migration/phase-0/backfill.ts';
import { expectedOutcomes } from './canonical.ts';
import { readLegacyRows, readLegacyView, readQuarantine, readUserIds, readWarnings, type QuarantineRow } from './read-state.ts';
import { accountingProblems, roundTripDiffs, type AccountingProblem, type FieldDiff } from './round-trip.ts';
import { validateConstraints, type ConstraintResult } from './constraints.ts';
import { readDrift, type DriftRow } from './drift.ts';

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
 * Bring-your-own data: applies Phase 0 to a database holding a legacy table, runs the backfill, and
 * every check that applies to fixed data. Quarantines are reported, not failures. Returns; never prints.
 */
export async function checkDatabase(
  client: pg.ClientBase,
  opts: { batchSize?: number; onBatch?: (b: BatchResult) => void } = {},
): Promise<CheckResult> {
  await phase0.apply(client);
  const backfill = await runBackfill(client, {
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
  });
  const legacy = await readLegacyRows(client);
  const expected = expectedOutcomes(legacy, await readUserIds(client));
  const view = await readLegacyView(client);
  const quarantine = await readQuarantine(client);
  const diffs = roundTripDiffs(expected, view);
  const problems = accountingProblems(expected, new Set(view.map((v) => v.id)), quarantine);
  const constraints = await validateConstraints(client);
  const drift = await readDrift(client);
  const count = <T>(xs: readonly T[], key: (x: T) => string) =>
    xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});
  return {
    legacyRows: legacy.length,
    migratedRows: view.length,
    quarantinedRows: quarantine.length,
    quarantineReasons: count(quarantine, (q) => q.reason),
    warnings: { ...count(await readWarnings(client), (w) => w.code), ...(await nearDuplicates(client)) },
    roundTripMismatches: diffs.length,
    accountingProblems: problems.length,
    driftRows: drift.length,
    constraintsValidated: constraints.every((c) => c.validated),
    backfill,
    details: { diffs, problems, drift, constraints, quarantine },
  };
}

async function nearDuplicates(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.migration_near_duplicate_children');
  return rows[0]!.n > 0 ? { near_duplicate_child: rows[0]!.n } : {};
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
