import type pg from 'pg';
import { type MigrationOptions } from '../migration-options.ts';

export interface BackfillOptions extends MigrationOptions {
  /** Legacy rows per batch (one transaction each). Default 1000. */
  batchSize?: number;
  /** Progress job name (one progress row per job). */
  job?: string;
  /** Called after every committed batch (the CLI draws its progress bar from it). */
  onBatch?: (b: BatchResult) => void;
  /** Stop after this many batches (crash tests and benchmarks). */
  maxBatches?: number;
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
  /** Statements sent to the server: one per batch, plus the final empty page. */
  roundTrips: number;
  done: boolean;
  ms: number;
}

/**
 * Runs the set-based backfill to the end (or `maxBatches`), resuming from the progress row. Each batch
 * is one statement — `hv_backfill_batch` — hence one transaction and one round trip, whatever the
 * number of rows, habits or records in it. A rerun after completion does nothing.
 */
export async function runBackfill(client: pg.ClientBase, opts: BackfillOptions = {}): Promise<BackfillResult> {
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const job = opts.job ?? 'habit_tracker';
  const started = performance.now();
  const result: BackfillResult = { batches: 0, rows: 0, migrated: 0, quarantined: 0, roundTrips: 0, done: false, ms: 0 };
  while (opts.maxBatches === undefined || result.batches < opts.maxBatches) {
    const b = opts.defect === 'progress-before-batch' ? await batchProgressFirst(client, batchSize, job) : await batch(client, batchSize, job);
    result.roundTrips += opts.defect === 'progress-before-batch' ? 2 : 1;
    if (b.done) {
      result.done = true;
      break;
    }
    result.batches++;
    result.rows += b.rows;
    result.migrated += b.migrated;
    result.quarantined += b.quarantined;
    opts.onBatch?.(b);
  }
  result.ms = performance.now() - started;
  return result;
}

async function batch(client: pg.ClientBase, batchSize: number, job: string): Promise<BatchResult & { done: boolean }> {
  const { rows } = await client.query<{ last_id: string; batch_rows: number; migrated: number; quarantined: number; done: boolean }>(
    'SELECT * FROM public.hv_backfill_batch($1, $2)',
    [batchSize, job],
  );
  const r = rows[0]!;
  return { lastId: Number(r.last_id), rows: r.batch_rows, migrated: r.migrated, quarantined: r.quarantined, done: r.done };
}

/** Defect progress-before-batch: the page is claimed (and committed) before it is written. */
async function batchProgressFirst(client: pg.ClientBase, batchSize: number, job: string): Promise<BatchResult & { done: boolean }> {
  const { rows } = await client.query<{ from_id: string; to_id: string; batch_rows: number }>(
    'SELECT * FROM public.hv_advance_progress($1, $2)',
    [batchSize, job],
  );
  const page = rows[0]!;
  if (page.batch_rows === 0) return { lastId: Number(page.to_id), rows: 0, migrated: 0, quarantined: 0, done: true };
  const { rows: m } = await client.query<{ migrated: number; quarantined: number }>(
    'SELECT * FROM public.hv_migrate_page($1, $2, $3)',
    [page.from_id, page.to_id, job],
  );
  return { lastId: Number(page.to_id), rows: page.batch_rows, migrated: m[0]!.migrated, quarantined: m[0]!.quarantined, done: false };
}
