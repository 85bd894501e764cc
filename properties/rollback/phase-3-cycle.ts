import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { catalogDiff, catalogFingerprint } from '../../src/check/catalog-fingerprint.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import type { CanonicalRow } from '../../src/check/canonical.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { LegacyModel } from './support/legacy-model.ts';
import { NewSchemaApp, newOpArbitrary, type NewOp } from './support/new-schema-writes.ts';
import { assertLegacyAppWorksAsBefore, legacyAppError } from '../support/legacy-app-works.ts';
import { migratedDataset, resetBefore3, setupBefore3 } from './support/phase-stack.ts';

export interface Phase3Cycle {
  dataset: LegacyDataset;
  /** New-schema writes during the first read-only week (then rolled back)… */
  first: NewOp[];
  /** …and during the second (then completed). */
  second: NewOp[];
  /** Whether the rename (Day 8) happens before the rollback. */
  renamed: boolean;
}

async function runOps(ctx: Parameters<PropertyDef<Phase3Cycle>['check']>[1], model: LegacyModel, ops: readonly NewOp[]): Promise<void> {
  const app = await NewSchemaApp.start(ctx.client, model, ctx.impl);
  for (const op of ops) await app.run(ctx.client, op);
}

/**
 * pgroll's cycle for Phase 3: apply → new-schema writes → rollback → apply → writes → complete. After
 * the rollback, the legacy table holds every write made after the switch (the model of every write,
 * untouched rows byte for byte), the catalog equals its pre-Phase-3 fingerprint, and the legacy app
 * writes again. After complete, the new schema holds every write of both weeks and the legacy table is gone.
 */
export const phase3Cycle: PropertyDef<Phase3Cycle> = {
  name: 'rollback/phase-3-cycle',
  tags: ['rollback', 'phase-3'],
  description: 'Phase 3 apply → writes → rollback → apply → writes → complete: after the rollback the legacy table holds every write since the switch and the catalog is as before; after complete the new schema holds them all.',
  defaultRuns: 15,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'mixed', minRows: 1, maxRows: 8 }),
      first: fc.array(newOpArbitrary(), { maxLength: 10 }),
      second: fc.array(newOpArbitrary(), { maxLength: 6 }),
      renamed: fc.boolean(),
    }),
  setup: setupBefore3,
  reset: resetBefore3,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await migratedDataset(ctx, input.dataset);
    const model = LegacyModel.of(await readLegacyRows(c));
    const catalogBefore = await catalogFingerprint(c);
    const appBefore = await legacyAppError(c);

    await ctx.impl.phases['phase-3'].apply(c);
    // applied again (a retried deploy): idempotent — what the first apply saved to undo is not overwritten
    await ctx.impl.phases['phase-3'].apply(c);
    if (input.renamed) await ctx.impl.phases['phase-3'].rename(c);
    await runOps(ctx, model, input.first);
    await ctx.impl.phases['phase-3'].rollback(c);
    await ctx.impl.phases['phase-3'].rollback(c); // retried: idempotent, nothing more undone

    const lost = model.diff(await readLegacyRows(c));
    if (lost.length > 0) {
      throw new PropertyFailure(`after the Phase 3 rollback, ${lost.length} legacy value(s) differ from the model of every write made`, { diffs: lost.slice(0, 50) });
    }
    const catalog = catalogDiff(catalogBefore, await catalogFingerprint(c));
    if (catalog.length > 0) throw new PropertyFailure('after the Phase 3 rollback, the catalog differs from before Phase 3', { catalog });
    await assertLegacyAppWorksAsBefore(c, appBefore, 'the Phase 3 rollback');

    await ctx.impl.phases['phase-3'].apply(c);
    await runOps(ctx, model, input.second);
    // the grace period, passed
    await ctx.impl.phases['phase-3'].complete(c, { graceDays: 0 });

    const { rows } = await c.query<{ legacy: string | null; retired: string | null }>(
      `SELECT to_regclass('public.habit_tracker')::text AS legacy, to_regclass('public.habit_tracker_old')::text AS retired`,
    );
    if (rows[0]?.legacy || rows[0]?.retired) throw new PropertyFailure('after complete, the legacy table is still there', rows[0]);
    const quarantined = new Set((await ctx.impl.observe.quarantine(c)).map((q) => q.legacy_id));
    const missing = model.diffAsNew((await ctx.impl.observe.legacyView(c)) as CanonicalRow[], quarantined);
    if (missing.length > 0) {
      throw new PropertyFailure(`after complete, ${missing.length} value(s) of the new schema differ from the model of every write`, { diffs: missing.slice(0, 50) });
    }
  },
};
