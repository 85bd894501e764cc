/**
 * What a first, uninterrupted backfill must report of itself: every legacy row read once, in batches of
 * the size asked for (keyset pages over every legacy row, quarantined ones included), and each row
 * counted as the oracle's outcome says — migrated or quarantined — in its result and in the progress it
 * keeps. Pure.
 */
import type { BackfillResult } from '../contract/backfill.ts';
import type { BackfillProgress } from '../contract/observation.ts';
import type { Outcome } from './canonical.ts';

export interface BackfillCountProblem {
  count: 'rows' | 'batches' | 'migrated' | 'quarantined' | 'done';
  expected: number | boolean;
  actual: number | boolean;
}

/** Differences between a first run's counts and the outcomes of its `expected` legacy rows, read `batchSize` at a time. */
export function backfillCountProblems(expected: ReadonlyMap<number, Outcome>, batchSize: number, run: BackfillResult): BackfillCountProblem[] {
  const n = expected.size;
  const outcomes = [...expected.values()];
  const want = {
    rows: n,
    batches: Math.ceil(n / batchSize),
    migrated: outcomes.filter((o) => o.kind === 'migrate').length,
    quarantined: outcomes.filter((o) => o.kind === 'quarantine').length,
    done: true,
  };
  return (Object.keys(want) as Array<keyof typeof want>)
    .filter((k) => run[k] !== want[k])
    .map((k) => ({ count: k, expected: want[k], actual: run[k] }));
}

export interface ProgressProblem {
  field: keyof BackfillProgress;
  expected: unknown;
  actual: unknown;
}

/**
 * Differences between the progress an implementation keeps after a first, complete backfill in batches
 * of `batchSize` and what it must say: completed, with its start and end recorded, the last legacy id
 * processed, and the same counts as the run ({@link backfillCountProblems}).
 */
export function progressProblems(expected: ReadonlyMap<number, Outcome>, batchSize: number, progress: BackfillProgress | undefined): ProgressProblem[] {
  const outcomes = [...expected.values()];
  const want: Omit<BackfillProgress, 'startedAt' | 'completedAt'> = {
    status: 'completed',
    lastProcessedId: Math.max(0, ...expected.keys()),
    processedRows: expected.size,
    migratedRows: outcomes.filter((o) => o.kind === 'migrate').length,
    quarantinedRows: outcomes.filter((o) => o.kind === 'quarantine').length,
    batches: Math.ceil(expected.size / batchSize),
  };
  if (!progress) return [{ field: 'status', expected: 'completed', actual: '(no progress recorded)' }];
  const problems: ProgressProblem[] = (Object.keys(want) as Array<keyof typeof want>)
    .filter((k) => progress[k] !== want[k])
    .map((k) => ({ field: k, expected: want[k], actual: progress[k] }));
  for (const k of ['startedAt', 'completedAt'] as const) if (progress[k] === null) problems.push({ field: k, expected: 'a timestamp', actual: null });
  return problems;
}
