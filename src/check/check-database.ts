import type pg from 'pg';
import type { BackfillResult, BatchResult } from '../contract/backfill.ts';
import type { MigrationImplementation } from '../contract/implementation.ts';
import type { DriftRow, QuarantineRow } from '../contract/observation.ts';
import { countLegacyRows } from './read-state.ts';
import { roundTripPages, type RoundTripPages } from './round-trip-pages.ts';
import type { AccountingProblem, FieldDiff } from './round-trip.ts';
import { validateConstraints, type ConstraintResult } from './constraints.ts';
import { byImplementation, ImplementationFailure } from '../runner/implementation-failure.ts';

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
  /** Wall time of each part that ran, in order (ms): Phase 0's apply, the backfill, the round trip by pages, constraints, drift. */
  stageMs: Partial<Record<CheckStage, number>>;
  /** The implementation failed this part of the check (the figures cover what ran before it). */
  failure?: CheckFailure;
  /**
   * The rows behind the counts, for reports and for turning one into a fixture: the first 1000 diffs and
   * problems, every drift row, up to three quarantined rows of each reason (the counts are above).
   */
  details: {
    diffs: FieldDiff[];
    problems: AccountingProblem[];
    drift: DriftRow[];
    constraints: ConstraintResult[];
    quarantine: QuarantineRow[];
  };
}

/** The implementation failed a part of the check: what it was asked, and what it answered. */
export interface CheckFailure {
  /** e.g. `Phase 0's apply`, `the drift detector`. */
  what: string;
  message: string;
  step?: string;
  code?: string;
}

export type CheckStage = 'phase0' | 'backfill' | 'roundTrip' | 'constraints' | 'drift';

const NO_BACKFILL: BackfillResult = { batches: 0, rows: 0, migrated: 0, quarantined: 0, roundTrips: 0, done: false, ms: 0 };

/**
 * Bring-your-own data: applies the implementation's Phase 0 to a database holding a legacy table, runs its backfill, and
 * every check that applies to fixed data. Quarantines are reported, not failures. When the
 * implementation fails a part (its Phase 0 does not apply, its detector throws…), the result says
 * which (`failure`) with the figures of what ran before it: a failed check, not an error of the
 * harness. Returns; never prints.
 */
export async function checkDatabase(
  client: pg.ClientBase,
  impl: MigrationImplementation,
  opts: { batchSize?: number; onBatch?: (b: BatchResult) => void; pageRows?: number } = {},
): Promise<CheckResult> {
  let backfill: BackfillResult = NO_BACKFILL;
  let pages: RoundTripPages | undefined;
  const stageMs: CheckResult['stageMs'] = {};
  const timed = async <T>(stage: CheckStage, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      stageMs[stage] = Math.round(performance.now() - started);
    }
  };
  try {
    await timed('phase0', () => byImplementation("Phase 0's apply", () => impl.phases['phase-0'].apply(client)));
    backfill = await timed('backfill', () =>
      byImplementation('the backfill', () =>
        impl.backfill.run(client, {
          ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
          ...(opts.onBatch ? { onBatch: opts.onBatch } : {}),
        }),
      ),
    );
    pages = await timed('roundTrip', () => roundTripPages(client, impl.observe, opts.pageRows ? { pageRows: opts.pageRows } : {}));
    const constraints = await timed('constraints', () => validateConstraints(client));
    const drift = await timed('drift', () => byImplementation('the drift detector (observe.drift)', () => impl.observe.drift(client)));
    return {
      legacyRows: pages.legacyRows,
      migratedRows: pages.migratedRows,
      quarantinedRows: pages.quarantinedRows,
      quarantineReasons: pages.quarantineReasons,
      warnings: pages.warnings,
      roundTripMismatches: pages.roundTripMismatches,
      accountingProblems: pages.accountingProblems,
      driftRows: drift.length,
      constraintsValidated: constraints.every((c) => c.validated),
      backfill,
      stageMs,
      details: { diffs: pages.diffs, problems: pages.problems, drift, constraints, quarantine: pages.quarantineExamples },
    };
  } catch (err) {
    if (!(err instanceof ImplementationFailure)) throw err;
    const cause = err.cause as { message?: unknown; step?: unknown } | undefined;
    const failure: CheckFailure = {
      what: err.what,
      message: typeof cause?.message === 'string' ? cause.message : err.message,
      ...(typeof cause?.step === 'string' ? { step: cause.step } : {}),
      ...(err.code ? { code: err.code } : {}),
    };
    return {
      legacyRows: await countLegacyRows(client),
      migratedRows: pages?.migratedRows ?? 0,
      quarantinedRows: pages?.quarantinedRows ?? 0,
      quarantineReasons: pages?.quarantineReasons ?? {},
      warnings: {},
      roundTripMismatches: 0,
      accountingProblems: 0,
      driftRows: 0,
      constraintsValidated: false,
      backfill,
      stageMs,
      details: { diffs: [], problems: [], drift: [], constraints: [], quarantine: pages?.quarantineExamples ?? [] },
      failure,
    };
  }
}

/** check passes when the implementation did every part, every migrated row round-trips, every row is accounted for, constraints hold and nothing drifts. */
export function checkPassed(r: CheckResult): boolean {
  return r.failure === undefined && r.roundTripMismatches === 0 && r.accountingProblems === 0 && r.constraintsValidated && r.driftRows === 0;
}

/** The report's quarantine section: reasons in name order, with counts and up to three original rows. */
export function quarantineSection(r: CheckResult): Array<{ reason: string; count: number; examples: unknown[] }> {
  return Object.entries(r.quarantineReasons)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => ({ reason, count, examples: r.details.quarantine.filter((q) => q.reason === reason).slice(0, 3).map((q) => q.original) }));
}
