/**
 * Shared steps of the phase-1 properties: a database with Phase 0 and Phase 1 applied (the backfill
 * completed on empty tables, as Phase 1's validate requires), and per case a dataset loaded as the
 * production data that existed before Phase 1, backfilled.
 */
import type { PropertyContext } from '../../../src/runner/property.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../../src/migration/phase-0/backfill.ts';
import { phase1 } from '../../../src/migration/phase-1/phase-1.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import { resetDatabase } from '../../../src/db/reset.ts';
import { installFaultTriggers } from './faults.ts';

export interface SetupOptions {
  /** Install the test-only fault triggers (atomicity, idempotency). */
  faults?: boolean;
}

export async function setupPhase1(ctx: PropertyContext, opts: SetupOptions = {}): Promise<void> {
  await phase0.apply(ctx.client, { defect: ctx.defect });
  await runBackfill(ctx.client, { defect: ctx.defect });
  await phase1.apply(ctx.client, { defect: ctx.defect });
  if (opts.faults) await installFaultTriggers(ctx.client);
  await resetDatabase(ctx.client, { refresh: true });
}

/**
 * Loads the dataset (and extra accounts) with the sync trigger out of the way — the rows stand for
 * data written before Phase 1 — then runs the backfill over it.
 */
export async function loadAndBackfill(ctx: PropertyContext, dataset: LegacyDataset, extraUsers: readonly string[] = []): Promise<void> {
  await ctx.client.query(`SET hv.dual_write = 'on'`);
  try {
    await loadDataset(ctx.client, dataset);
    if (extraUsers.length > 0) {
      await ctx.client.query(
        `INSERT INTO auth.users (id, email) SELECT u, 'extra-' || u || '@example.com' FROM unnest($1::uuid[]) AS u ON CONFLICT DO NOTHING`,
        [extraUsers],
      );
    }
  } finally {
    await ctx.client.query('RESET hv.dual_write');
  }
  await runBackfill(ctx.client, { defect: ctx.defect });
}
