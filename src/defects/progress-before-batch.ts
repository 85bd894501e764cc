import type { Defect } from './defect.ts';
import type pg from 'pg';
import type { BackfillOptions, BackfillResult } from '../contract/backfill.ts';

const ID = 'progress-before-batch';

/** The backfill loop with the page claimed in one transaction and migrated in another. */
async function progressFirst(client: pg.ClientBase, opts: BackfillOptions = {}): Promise<BackfillResult> {
  const batchSize = opts.batchSize ?? 1000;
  const started = performance.now();
  const result: BackfillResult = { batches: 0, rows: 0, migrated: 0, quarantined: 0, roundTrips: 0, done: false, ms: 0 };
  if (opts.restart) await client.query("DELETE FROM public.backfill_progress WHERE job = 'habit_tracker'");
  while (opts.maxBatches === undefined || result.batches < opts.maxBatches) {
    const { rows } = await client.query<{ from_id: string; to_id: string; batch_rows: number }>('SELECT * FROM public.hv_advance_progress($1)', [batchSize]);
    const page = rows[0]!;
    result.roundTrips += 2;
    if (page.batch_rows === 0) {
      result.done = true;
      break;
    }
    const { rows: m } = await client.query<{ migrated: number; quarantined: number }>('SELECT * FROM public.hv_migrate_page($1, $2)', [page.from_id, page.to_id]);
    result.batches++;
    result.rows += page.batch_rows;
    result.migrated += m[0]!.migrated;
    result.quarantined += m[0]!.quarantined;
    opts.onBatch?.({ lastId: Number(page.to_id), rows: page.batch_rows, migrated: m[0]!.migrated, quarantined: m[0]!.quarantined });
  }
  result.ms = performance.now() - started;
  return result;
}

export const progressBeforeBatch: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The progress row is advanced in its own transaction before the batch is written: a crash mid-batch skips that batch for good on resume.',
  planReference: 'Phase 0 Step 2: backfill_progress is created but lastId lives in memory; progress is not written with the batch',
  expectedKillers: ['phase-0/resumability'],
  // broken: the page is claimed (and committed) before it is written
  apply: (impl) => ({ ...impl, backfill: { run: progressFirst } }),
};
