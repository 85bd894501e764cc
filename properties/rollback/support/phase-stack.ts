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
import { PHASE_IDS } from '../../../src/contract/phase.ts';
import { byImplementation } from '../../../src/runner/implementation-failure.ts';
import { LEGACY_TABLE, legacyTableName } from '../../phase-3/support/legacy-table.ts';
import { expectMigratedNow } from '../../support/expect-migrated.ts';
import { readLegacyRows } from '../../../src/check/read-state.ts';
import { LegacyModel } from './legacy-model.ts';

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
  await expectMigratedNow(ctx.client, ctx.impl, 'after the backfill'); // else Phase 3 retires a table nothing was migrated from
}

/**
 * Opens the read-only week on `dataset`: migrated, modelled as the legacy table holds it, Phase 3
 * applied (and its Day 8 rename when `renamed`). Returns the model of the legacy table.
 */
export async function openReadOnlyWeek(ctx: PropertyContext, dataset: LegacyDataset, renamed: boolean): Promise<LegacyModel> {
  await migratedDataset(ctx, dataset);
  const model = LegacyModel.of(await readLegacyRows(ctx.client));
  await ctx.impl.phases['phase-3'].apply(ctx.client);
  if (renamed) await ctx.impl.phases['phase-3'].rename(ctx.client);
  return model;
}

/**
 * Back to "earlier phases applied, no Phase 3, empty tables": rolls Phase 3 back while the legacy table
 * is there; when it is not (dropped: nothing can roll that back), or the rollback did not bring it back
 * under its own name, the database starts over as it was before the migration. Then the earlier phases
 * are applied again. What the implementation fails to do here is a FAIL naming the phase (its
 * rollback, or an apply that is not idempotent), not the harness's ERROR.
 */
export async function resetBefore3(ctx: PropertyContext): Promise<void> {
  const c = ctx.client;
  await c.query('ROLLBACK').catch(() => undefined);
  if ((await legacyTableName(c)) === null) await startOver(ctx);
  else await byImplementation("Phase 3's rollback, run to set the next case up,", () => ctx.impl.phases['phase-3'].rollback(c));
  if ((await legacyTableName(c)) !== LEGACY_TABLE) await startOver(ctx);
  // a broken variant may have left the legacy table unlogged
  await c.query(`DO $$ BEGIN
    IF (SELECT relpersistence FROM pg_class WHERE oid = 'public.habit_tracker'::regclass) = 'u' THEN
      ALTER TABLE public.habit_tracker SET LOGGED;
    END IF; END $$`);
  await applyUpTo(ctx, 'phase-2', { betweenCases: true });
  await resetDatabase(c, { refresh: true });
}

/** Back to the start of `phase`, whatever a case left behind: a fresh schema, the phases before it applied. */
export function resetBefore(phase: 'phase-1' | 'phase-2'): (ctx: PropertyContext) => Promise<void> {
  const before = PHASE_IDS[PHASE_IDS.indexOf(phase) - 1]!;
  return async (ctx) => {
    await startOver(ctx);
    await applyUpTo(ctx, before, { betweenCases: true });
  };
}
