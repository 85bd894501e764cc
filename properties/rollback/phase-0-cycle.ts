import fc from 'fast-check';
import type pg from 'pg';
import type { PropertyContext, PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { catalogDiff, catalogFingerprint } from '../../src/check/catalog-fingerprint.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { startOver } from '../support/start-over.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { LegacyModel } from './support/legacy-model.ts';
import { LegacyApp, legacyOpArbitrary, type LegacyOp } from './support/legacy-writes.ts';
import { assertLegacyAppWorksAsBefore, legacyAppError } from '../support/legacy-app-works.ts';

/** A legacy write, or a few batches of the backfill running between them. */
export type Phase0Op = LegacyOp | { kind: 'backfill'; batchSize: number; batches: number };

export interface Phase0Cycle {
  dataset: LegacyDataset;
  first: Phase0Op[];
  second: Phase0Op[];
}

const opArbitrary: fc.Arbitrary<Phase0Op> = fc.oneof(
  { weight: 3, arbitrary: legacyOpArbitrary() },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backfill' as const), batchSize: fc.integer({ min: 1, max: 4 }), batches: fc.integer({ min: 1, max: 3 }) }) },
);

async function runOps(ctx: PropertyContext, model: LegacyModel, ops: readonly Phase0Op[]): Promise<void> {
  const c = ctx.client;
  const app = await LegacyApp.start(c, model);
  for (const op of ops) {
    if (op.kind === 'backfill') await ctx.impl.backfill.run(c, { batchSize: op.batchSize, maxBatches: op.batches });
    else await app.run(c, op);
  }
}

/** Back to "no Phase 0", whatever the case's rollback (of whatever variant) left behind. */
const resetNoPhase0 = (ctx: PropertyContext) => startOver(ctx);

/**
 * pgroll's cycle for Phase 0: apply → legacy writes and backfill batches → rollback → apply → writes →
 * complete (backfill to the end). After the rollback: every legacy row equals the model of every write
 * (none lost, none changed by the migration), the catalog equals its fingerprint from before Phase 0,
 * and the app writes the legacy table. After complete: every legacy row is migrated or quarantined.
 */
export const phase0Cycle: PropertyDef<Phase0Cycle> = {
  name: 'rollback/phase-0-cycle',
  tags: ['rollback', 'phase-0'],
  description: 'Phase 0 apply → legacy writes + backfill → rollback → apply → writes → complete: after the rollback the legacy rows equal the model of every write and the catalog is as before Phase 0.',
  defaultRuns: 15,
  arbitrary: () =>
    fc.record({
      dataset: legacyDatasetArbitrary({ mode: 'mixed', maxRows: 6, everyAnomaly: true }),
      first: fc.array(opArbitrary, { maxLength: 8 }),
      second: fc.array(opArbitrary, { maxLength: 6 }),
    }),
  setup: async () => undefined,
  reset: resetNoPhase0,
  toDataset: (c) => c.dataset,
  async check(input, ctx) {
    const c = ctx.client;
    await loadDataset(c, input.dataset);
    const model = LegacyModel.of(await readLegacyRows(c));
    const catalogBefore = await catalogFingerprint(c);
    const appBefore = await legacyAppError(c);

    await ctx.impl.phases['phase-0'].apply(c);
    await runOps(ctx, model, input.first);
    await ctx.impl.phases['phase-0'].rollback(c);

    const diffs = model.diff(await readLegacyRows(c));
    if (diffs.length > 0) throw new PropertyFailure(`after the Phase 0 rollback, ${diffs.length} legacy value(s) differ from the model of every write`, { diffs: diffs.slice(0, 50) });
    const catalog = catalogDiff(catalogBefore, await catalogFingerprint(c));
    if (catalog.length > 0) {
      const left = catalog.flatMap((d) => d.added.map((l) => `${d.kind}: ${l}`));
      throw new PropertyFailure(`after the Phase 0 rollback, the catalog differs from before Phase 0 (${left.length} object(s) left behind, e.g. ${left[0] ?? catalog[0]!.removed[0]})`, { catalog });
    }
    await assertLegacyAppWorksAsBefore(c, appBefore, 'the Phase 0 rollback');

    await ctx.impl.phases['phase-0'].apply(c);
    await runOps(ctx, model, input.second);
    await ctx.impl.backfill.run(c);
    await ctx.impl.phases['phase-0'].complete(c);
    const after = model.diff(await readLegacyRows(c));
    if (after.length > 0) throw new PropertyFailure(`after Phase 0 completed, ${after.length} legacy value(s) differ from the model`, { diffs: after.slice(0, 50) });
    const handled = new Set([...(await ctx.impl.observe.legacyView(c)).map((v) => v.id), ...(await ctx.impl.observe.quarantine(c)).map((q) => q.legacy_id)]);
    const lost = (await readLegacyRows(c)).filter((r) => !handled.has(r.id)).map((r) => r.id);
    if (lost.length > 0) throw new PropertyFailure(`after Phase 0 completed, ${lost.length} legacy row(s) are neither migrated nor quarantined`, { ids: lost });
  },
};
