/**
 * The state Phase 3 starts from — every earlier phase applied and the backfill done — and the way
 * back to it between property cases, whatever a failed case left behind (a half-applied Phase 3, a
 * dropped legacy table).
 */
import type { PropertyContext } from '../../../src/runner/property.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import { resetDatabase } from '../../../src/db/reset.ts';
import { applyUpTo } from '../../support/apply-up-to.ts';
import { startOver } from '../../support/start-over.ts';

/**
 * Setup of a Phase 3 property: Phase 0 and its backfill, Phase 1's dual write, Phase 2's validation
 * and RLS, on an empty database. From then on, rows loaded into the legacy table reach the new schema
 * through Phase 1 (and the backfill).
 */
export async function setupBefore3(ctx: PropertyContext): Promise<void> {
  await applyUpTo(ctx, 'phase-2');
}

/** Loads a dataset and migrates it: the new schema serves everything, and agrees with the legacy table. */
export async function migratedDataset(ctx: Pick<PropertyContext, 'client' | 'impl'>, dataset: LegacyDataset): Promise<void> {
  await loadDataset(ctx.client, dataset);
  await ctx.impl.backfill.run(ctx.client);
}

/**
 * Back to "earlier phases applied, no Phase 3, empty tables": rolls Phase 3 back if that is still
 * possible; after a drop (nothing can roll that back) the database starts over as it was before the
 * migration, and the earlier phases are applied again.
 */
export async function resetBefore3(ctx: PropertyContext): Promise<void> {
  const c = ctx.client;
  await c.query('ROLLBACK').catch(() => undefined);
  const r = await ctx.impl.observe.retirement(c);
  if (r?.droppedAt) await startOver(ctx);
  else await ctx.impl.phases['phase-3'].rollback(c);
  // a broken variant may have left the legacy table unlogged
  await c.query(`DO $$ BEGIN
    IF (SELECT relpersistence FROM pg_class WHERE oid = 'public.habit_tracker'::regclass) = 'u' THEN
      ALTER TABLE public.habit_tracker SET LOGGED;
    END IF; END $$`);
  await applyUpTo(ctx, 'phase-2');
  await resetDatabase(c, { refresh: true });
}
