/**
 * The state Phase 3 starts from — every earlier phase applied and the backfill done — and the way
 * back to it between property cases, whatever a failed case left behind (a half-applied Phase 3, a
 * dropped legacy table).
 */
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { PropertyContext } from '../../../src/runner/property.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { phase0 } from '../../../src/migration/phase-0/phase-0.ts';
import { runBackfill } from '../../../src/migration/phase-0/backfill.ts';
import { phase1 } from '../../../src/migration/phase-1/phase-1.ts';
import { phase2 } from '../../../src/migration/phase-2/phase-2.ts';
import { phase3 } from '../../../src/migration/phase-3/phase-3.ts';
import { readRetirement } from '../../../src/migration/phase-3/retirement-log.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import { resetDatabase } from '../../../src/db/reset.ts';
import { LEGACY_SCHEMA_PATH } from '../../../src/db/project-paths.ts';

/**
 * Applies the phases before Phase 3 (their correct variants: the defect under test is Phase 3's):
 * Phase 0 and its backfill (on whatever the legacy table holds), Phase 1's dual write, Phase 2's
 * validation and RLS. Idempotent. From then on, rows loaded into the legacy table reach the new schema
 * through Phase 1's trigger.
 */
export async function applyPhasesBefore3(client: pg.ClientBase): Promise<void> {
  await phase0.apply(client);
  await runBackfill(client);
  await phase1.apply(client);
  await phase2.apply(client);
}

/** Setup of a Phase 3 property: the earlier phases on an empty database. */
export async function setupBefore3(ctx: PropertyContext): Promise<void> {
  await applyPhasesBefore3(ctx.client);
}

/** Loads a dataset and migrates it: the new schema serves everything, and agrees with the legacy table. */
export async function migratedDataset(client: pg.ClientBase, dataset: LegacyDataset): Promise<void> {
  await loadDataset(client, dataset);
  await runBackfill(client);
}

/**
 * Back to "earlier phases applied, no Phase 3, empty tables": rolls Phase 3 back (correct variant) if it
 * is still possible; after a drop, re-creates the legacy table and re-applies the earlier phases.
 */
export async function resetBefore3(ctx: PropertyContext): Promise<void> {
  const c = ctx.client;
  await c.query('ROLLBACK').catch(() => undefined);
  const r = await readRetirement(c);
  if (r?.droppedAt) {
    await c.query('DROP FUNCTION IF EXISTS public.hv_p3_write_path(); DROP TABLE public.migration_retirement');
    await c.query(await readFile(LEGACY_SCHEMA_PATH, 'utf8'));
  } else if (r || (await c.query("SELECT 1 FROM pg_proc WHERE proname LIKE 'hv\\_p3\\_%'")).rowCount) {
    await phase3.rollback(c);
  }
  // a broken variant may have left the legacy table unlogged
  await c.query(`DO $$ BEGIN
    IF (SELECT relpersistence FROM pg_class WHERE oid = 'public.habit_tracker'::regclass) = 'u' THEN
      ALTER TABLE public.habit_tracker SET LOGGED;
    END IF; END $$`);
  await applyPhasesBefore3(c);
  await resetDatabase(c, { refresh: true });
}
