/**
 * Shared steps of the phase-1 properties: a database with Phase 0 and Phase 1 applied (the backfill
 * completed on empty tables, as Phase 1's validate requires), and per case a dataset loaded as the
 * production data that existed before Phase 1, backfilled.
 */
import type { PropertyContext } from '../../../src/runner/property.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import { applyUpTo } from '../../support/apply-up-to.ts';
import { loadBeforeMigration } from '../../support/load-before-migration.ts';
import { resetDatabase } from '../../../src/db/reset.ts';
import { installFaultTriggers } from './faults.ts';
import { expectMigratedNow } from '../../support/expect-migrated.ts';

export interface SetupOptions {
  /** Install the test-only fault triggers (atomicity, idempotency). */
  faults?: boolean;
}

export async function setupPhase1(ctx: PropertyContext, opts: SetupOptions = {}): Promise<void> {
  await applyUpTo(ctx, 'phase-1');
  if (opts.faults) await installFaultTriggers(ctx.client);
  await resetDatabase(ctx.client, { refresh: true });
}

/**
 * Loads the dataset (and extra accounts) as data written before Phase 1 (no trigger sees it), then
 * runs the backfill over it.
 */
export async function loadAndBackfill(ctx: PropertyContext, dataset: LegacyDataset, extraUsers: readonly string[] = []): Promise<void> {
  await loadBeforeMigration(ctx.client, async () => {
    await loadDataset(ctx.client, dataset);
    if (extraUsers.length > 0) {
      await ctx.client.query(
        `INSERT INTO auth.users (id, email) SELECT u, 'extra-' || u || '@example.com' FROM unnest($1::uuid[]) AS u ON CONFLICT DO NOTHING`,
        [extraUsers],
      );
    }
  });
  await ctx.impl.backfill.run(ctx.client);
  await expectMigratedNow(ctx.client, ctx.impl, 'after the backfill'); // else the case compares nothing
}
