import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';
import { expectMigrated } from '../support/expect-migrated.ts';

/**
 * A second backfill changes nothing — neither a rerun after completion nor one from scratch (progress
 * row deleted) over rows already migrated. Fingerprint of every new table, ids included.
 */
export const idempotency: PropertyDef<LegacyDataset> = {
  name: 'phase-0/idempotency',
  tags: ['phase-0'],
  description: 'Running the backfill again — after completion, or from scratch over migrated rows — changes no row of any new table.',
  defaultRuns: 25,
  arbitrary: () => legacyDatasetArbitrary({ mode: 'mixed', maxRows: 10 }),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const { expected, view } = await migrate(ctx, dataset, 3);
    const first = await fingerprint(ctx.client, ctx.impl.observe.contentQueries);
    const again = await ctx.impl.backfill.run(ctx.client, { batchSize: 3 });
    const second = await fingerprint(ctx.client, ctx.impl.observe.contentQueries);
    const scratch = await ctx.impl.backfill.run(ctx.client, { batchSize: 4, restart: true });
    const third = await fingerprint(ctx.client, ctx.impl.observe.contentQueries);
    const changed = [...fingerprintDiff(first, second), ...fingerprintDiff(first, third)];
    if (changed.length > 0 || again.migrated + again.quarantined > 0 || scratch.migrated + scratch.quarantined > 0) {
      throw new PropertyFailure(`a second backfill changed ${[...new Set(changed)].join(', ') || 'counts'}`, {
        tables: [...new Set(changed)],
        rerun: { migrated: again.migrated, quarantined: again.quarantined },
        fromScratch: { migrated: scratch.migrated, quarantined: scratch.quarantined },
      });
    }
    expectMigrated(expected, view, 'after the first backfill');
  },
};
