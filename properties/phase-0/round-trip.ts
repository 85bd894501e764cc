import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { roundTripDiffs } from '../../src/check/round-trip.ts';
import { expectThat } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';

/** Every migrated row's legacy view equals its canonical form (killed by child-identity-by-name, records-only-for-present-times). */
export const roundTrip: PropertyDef<LegacyDataset> = {
  name: 'phase-0/round-trip',
  tags: ['phase-0'],
  description: "After the backfill, every migrated legacy row's legacy view equals its canonical form, field by field and day by day.",
  defaultRuns: 40,
  arbitrary: () => legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 12 }),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const { expected, view } = await migrate(ctx, dataset);
    const diffs = roundTripDiffs(expected, view);
    expectThat(diffs.length === 0, `${diffs.length} difference(s) between legacy rows and their legacy view`, { diffs });
  },
};
