import type pg from 'pg';
import type { BackfillOptions, BackfillResult, BatchResult } from '../../contract/backfill.ts';

/** The progress row's key in backfill_progress. */
export const JOB = 'habit_tracker';

/** One batch of 1000 legacy rows as SQL (Backfill.batchSql): what runBackfill sends per round trip. */
export const BACKFILL_BATCH_SQL = `SELECT * FROM public.hv_backfill_batch(1000, '${JOB}')`;

/**
 * Runs the set-based backfill to the end (or `maxBatches`), resuming from the progress row. Each batch
 * is one statement — `hv_backfill_batch` — hence one transaction and one round trip, whatever the
 * number of rows, habits or records in it. A rerun after completion does nothing.
 */
export async function runBackfill(client: pg.ClientBase, opts: BackfillOptions = {}): Promise<BackfillResult> {
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const started = performance.now();
  const result: BackfillResult = { batches: 0, rows: 0, migrated: 0, quarantined: 0, roundTrips: 0, done: false, ms: 0 };
  if (opts.restart) {
    await client.query('DELETE FROM public.backfill_progress WHERE job = $1', [JOB]);
    result.roundTrips++;
  }
  while (opts.maxBatches === undefined || result.batches < opts.maxBatches) {
    const b = await batch(client, batchSize, JOB);
    result.roundTrips++;
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
