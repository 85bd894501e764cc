import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { accountingProblems, warningProblems } from '../../src/check/round-trip.ts';
import { expectedWarnings } from '../../src/check/canonical.ts';
import { quarantineProblems } from '../../src/check/quarantine-rows.ts';
import { backfillCountProblems } from '../../src/check/backfill-counts.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';

/** Small batches: duplicates and their kept rows fall in different batches. */
const BATCH_SIZE = 5;

/**
 * Nothing lost: legacy rows = migrated + quarantined, each quarantined row with the reason the mapping
 * rules give it, and every warning the rules give (and no other) recorded — all decided by the oracle
 * (src/check/canonical.ts) from the rows as stored, never by the generator's anomaly labels; each
 * duplicate_week names the row it lost to, and the backfill's own counts (rows, batches, migrated,
 * quarantined) are exact. Killed by null-owner-zero-uuid, batch-rows-as-batch-size, coerce-unknown-status, dedupe-within-batch-only, fk-checks-off-for-speed.
 */
export const accounting: PropertyDef<LegacyDataset> = {
  name: 'phase-0/accounting',
  tags: ['phase-0'],
  description: 'Every legacy row is migrated or quarantined (never both, never neither), with the reason and the warnings the mapping rules give it.',
  defaultRuns: 40,
  // half the cases carry every anomaly (so every rule): a rule broken for one rare anomaly dies at once;
  // a failure shrinks toward the plain datasets when it can (withCrossShrink)
  arbitrary: () =>
    fc.oneof(
      { withCrossShrink: true },
      { weight: 1, arbitrary: legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 12 }) },
      { weight: 1, arbitrary: legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 12, everyAnomaly: true }) },
    ),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const { legacy, expected, view, quarantine, backfill } = await migrate(ctx, dataset, BATCH_SIZE);
    const migrated = new Set(view.map((v) => v.id));
    const problems: unknown[] = [
      ...accountingProblems(expected, migrated, quarantine),
      // each duplicate_week names the row it lost to, in its own batch or an earlier one
      ...quarantineProblems(legacy, expected, quarantine),
      ...backfillCountProblems(expected, BATCH_SIZE, backfill).map((p) => ({ problem: 'counts', ...p })),
    ];
    problems.push(...warningProblems(expectedWarnings(legacy, expected), await ctx.impl.observe.warnings(ctx.client)));
    if (problems.length > 0) throw new PropertyFailure(`${problems.length} legacy row(s) not accounted for as the rules require`, { problems });
  },
};
