/** Phase 0's backfill as the harness drives it: resumable batches over the legacy table. */
import type pg from 'pg';

export interface BackfillOptions {
  /** Legacy rows per batch (one transaction each). Default 1000. */
  batchSize?: number;
  /** Stop after this many batches (crash tests and benchmarks); the next run resumes. */
  maxBatches?: number;
  /**
   * Forget the progress and start again at the first legacy row. Rows already handled stay as they are,
   * but those quarantined as unexpected_error are tried again (the cause may be gone).
   */
  restart?: boolean;
  /** Called after every committed batch (progress bars). */
  onBatch?: (b: BatchResult) => void;
}

export interface BatchResult {
  lastId: number;
  rows: number;
  migrated: number;
  quarantined: number;
}

export interface BackfillResult {
  batches: number;
  rows: number;
  migrated: number;
  quarantined: number;
  /** Statements sent to the server. */
  roundTrips: number;
  /** The end of the legacy table was reached. */
  done: boolean;
  ms: number;
}

export interface Backfill {
  /** Runs to the end (or maxBatches), resuming from where the last run stopped. A rerun after completion does nothing. */
  run(db: pg.ClientBase, opts?: BackfillOptions): Promise<BackfillResult>;
  /**
   * One batch as one SQL query whose row has a boolean `done` (true once the end of the legacy table was
   * reached), for running the backfill without this code: `habit-verify export` writes a loop that runs
   * it, one transaction per batch, until done. Optional: without it the export says to run `run()`.
   */
  readonly batchSql?: string;
}
