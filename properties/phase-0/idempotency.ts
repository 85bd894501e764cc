import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff } from '../../src/check/fingerprint.ts';
import { runBackfill } from '../../src/migration/phase-0/backfill.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';

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
    await migrate(ctx, dataset, 3);
    const first = await fingerprint(ctx.client);
    const again = await runBackfill(ctx.client, { batchSize: 3, defect: ctx.defect });
    const second = await fingerprint(ctx.client);
    await ctx.client.query('DELETE FROM public.backfill_progress');
    const scratch = await runBackfill(ctx.client, { batchSize: 4, defect: ctx.defect });
    const third = await fingerprint(ctx.client);
    const changed = [...fingerprintDiff(first, second), ...fingerprintDiff(first, third)];
    if (changed.length > 0 || again.migrated + again.quarantined > 0 || scratch.migrated + scratch.quarantined > 0) {
      throw new PropertyFailure(`a second backfill changed ${[...new Set(changed)].join(', ') || 'counts'}`, {
        tables: [...new Set(changed)],
        rerun: { migrated: again.migrated, quarantined: again.quarantined },
        fromScratch: { migrated: scratch.migrated, quarantined: scratch.quarantined },
      });
    }
  },
};
