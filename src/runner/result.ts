/**
 * What a property run produces. Runners return these; reporters only read them; the CLI picks the
 * exit code from them. Everything here is plain JSON.
 */
import type { PhaseTag } from './property.ts';
import type { StallFigure } from '../check/stall-figure.ts';

export type Verdict = 'passed' | 'failed' | 'error' | 'skipped';

export interface PropertyResult {
  property: string;
  /**
   * The one gate the property belongs to (the GATES entry of properties/index.ts that lists it): every
   * count — cards, tables, console, summary.md, JUnit, run.json — counts the property there and only there.
   */
  gate: string;
  /** The phases the property exercises (a rollback cycle also exercises the phase it rolls back). */
  tags: PhaseTag[];
  description: string;
  verdict: Verdict;
  seed: number;
  /** fast-check's counterexample path (with seed, jumps straight to the shrunk case). */
  path?: string;
  /** Random cases run (not counting shrinks and saved regressions). */
  runs: number;
  shrinks: number;
  regressionsReplayed: number;
  durationMs: number;
  /** The implementation under test (its name). */
  impl?: string;
  defect?: string;
  /**
   * Stopped before `runs` were done: by the time budget (the verdict covers what ran), or by a signal
   * (verdict `skipped`, with a note: no verdict at all).
   */
  interrupted?: boolean;
  /** How often each anomaly and mapping-rule branch occurred in the random cases (src/check/coverage.ts). */
  coverage?: import('../check/coverage.ts').Coverage;
  /** The shrunk failing input, as JSON. */
  counterexample?: unknown;
  /** The counterexample as a legacy dataset (when the property's input holds one). */
  dataset?: import('../generate/dataset.ts').LegacyDataset;
  /** On failure: the message and structured details (diffs, accounting problems…). */
  failure?: { message: string; details?: unknown };
  /** One self-contained command that reproduces the failure. */
  replayCommand?: string;
  /** Where the counterexample was saved as a regression fixture. */
  regressionFile?: string;
  /** The property failed on a saved regression (not a random case). */
  failedOnRegression?: string;
  /** Why the property did not run (skipped), or the infrastructure error (error). */
  note?: string;
  /** Write stalls the property measured, per migration step (the report's stall chart). */
  stalls?: StallFigure[];
}

/** A gate run: what the reports render and the CLI turns into an exit code. */
export interface RunReport {
  runId: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  seed: number;
  provider: string;
  defect?: string;
  gates: string[];
  results: PropertyResult[];
  /** The run was stopped by a signal: only `completed` of `total` properties have a verdict. */
  incomplete?: { signal: string; completed: number; total: number };
  /** What changed since the previous run of the same gate in the same report directory (the CLI fills it in). */
  changes?: import('../report/run-changes.ts').RunChanges;
  /** Extra sections the reports render when present. */
  quarantine?: Array<{ reason: string; count: number; examples: unknown[] }>;
  drift?: unknown[];
  stalls?: unknown[];
  /** The measured access matrix of the gate's phases, step by step, as reviewers read it (habit-verify access has every cell). */
  access?: import('../report/access-review.ts').AccessReview;
  /** HV_MAX_STALL_MS in force for the run: the stall limit before the run's own baseline is added. */
  stallLimitMs?: number;
  killMatrix?: unknown[];
  /** The properties' coverage summed: every anomaly and mapping-rule branch with the rows that hit it. */
  coverage?: import('../check/coverage.ts').Coverage;
  /** `mutants --sql`: the mutation score over the migration's SQL and every mutant's status. */
  sqlMutants?: import('../mutate-sql/sql-mutation-score.ts').SqlMutantsOutcome;
  lint?: unknown[];
}
