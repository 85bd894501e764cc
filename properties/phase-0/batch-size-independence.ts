import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { fingerprint, fingerprintDiff, type Fingerprint } from '../../src/check/fingerprint.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0, type MigratedCase } from '../support/phase-0-case.ts';
import { expectMigrated } from '../support/expect-migrated.ts';

const SIZES = [1, 7, 1000] as const;

/** Batch sizes 1, 7 and 1000 give identical tables (killed by dedupe-within-batch-only). */
export const batchSizeIndependence: PropertyDef<LegacyDataset> = {
  name: 'phase-0/batch-size-independence',
  tags: ['phase-0'],
  description: 'Backfills with batch sizes 1, 7 and 1000 produce identical new tables, quarantine and warnings.',
  defaultRuns: 15,
  arbitrary: () => legacyDatasetArbitrary({ mode: 'adversarial', minRows: 2, maxRows: 16 }),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const prints: Array<[number, Fingerprint]> = [];
    const runs: Array<[number, MigratedCase]> = [];
    for (const size of SIZES) {
      await resetDatabase(ctx.client);
      runs.push([size, await migrate(ctx, dataset, size)]);
      prints.push([size, await fingerprint(ctx.client, ctx.impl.observe.contentQueries)]);
    }
    const [[, reference]] = prints as [[number, Fingerprint]];
    const differing = prints.slice(1).map(([size, fp]) => ({ size, tables: fingerprintDiff(reference, fp) })).filter((d) => d.tables.length > 0);
    if (differing.length > 0) {
      throw new PropertyFailure(`batch size changes the result: ${differing.map((d) => `${d.size} vs 1 differ in ${d.tables.join(', ')}`).join('; ')}`, { differing });
    }
    for (const [size, { expected, view }] of runs) expectMigrated(expected, view, `after a backfill in batches of ${size}`);
  },
};
