/**
 * Shared steps of the phase-0 properties: a database with Phase 0 applied, one case = load a dataset,
 * run the backfill, read back what the oracles need.
 */
import type pg from 'pg';
import type { PropertyContext } from '../../src/runner/property.ts';
import type { LegacyDataset, LegacyRow } from '../../src/generate/dataset.ts';
import type { BackfillResult } from '../../src/contract/backfill.ts';
import type { MigrationImplementation } from '../../src/contract/implementation.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { expectedOutcomes, type Outcome } from '../../src/check/canonical.ts';
import { readLegacyRows, readUserIds } from '../../src/check/read-state.ts';
import type { CanonicalRow } from '../../src/check/canonical.ts';
import type { QuarantineRow } from '../../src/contract/observation.ts';

export async function setupPhase0(ctx: PropertyContext): Promise<void> {
  await ctx.impl.phases['phase-0'].apply(ctx.client);
}

export interface MigratedCase {
  backfill: BackfillResult;
  /** The legacy rows as stored (what the oracle decides from). */
  legacy: LegacyRow[];
  expected: Map<number, Outcome>;
  view: CanonicalRow[];
  quarantine: QuarantineRow[];
}

/** Loads the dataset, runs the backfill, and reads back the expected and actual outcomes. */
export async function migrate(ctx: PropertyContext, dataset: LegacyDataset, batchSize = 1000): Promise<MigratedCase> {
  await loadDataset(ctx.client, dataset);
  const backfill = await ctx.impl.backfill.run(ctx.client, { batchSize });
  return { backfill, ...(await readOutcomes(ctx.client, ctx.impl)) };
}

/** Expected outcomes from the legacy rows as stored, and the actual view and quarantine. */
export async function readOutcomes(client: pg.ClientBase, impl: MigrationImplementation): Promise<Omit<MigratedCase, 'backfill'>> {
  const [legacy, users, view, quarantine] = [
    await readLegacyRows(client),
    await readUserIds(client),
    (await impl.observe.legacyView(client)) as CanonicalRow[],
    await impl.observe.quarantine(client),
  ];
  return { legacy, expected: expectedOutcomes(legacy, users), view, quarantine };
}
