import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../src/generate/legacy-dataset.ts';
import { FREE_TEXT_EDGES } from '../../src/generate/anomalies.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';
import { newSchemaProblems } from '../support/new-schema-problems.ts';

/** At most this many problems go into a failure's details (a 1-based display_order moves every habit and record). */
const SHOWN = 40;

/**
 * The direct oracle: after the backfill the new tables hold exactly the rows the mapping rules give —
 * read table by table through the implementation's contentQueries, matched by natural key, compared
 * column by column — and every quarantine row keeps its reason, detail and original legacy row. Not
 * through the legacy view, which can cancel a backfill error (killed by display-order-one-based,
 * quarantine-original-empty).
 */
export const newSchemaRows: PropertyDef<LegacyDataset> = {
  name: 'phase-0/new-schema-rows',
  tags: ['phase-0'],
  description: 'After the backfill the new tables hold exactly the rows the mapping rules give (natural keys, column by column), and each quarantine row its reason, detail and original legacy row.',
  defaultRuns: 30,
  // every anomaly, and one case in three rows that all carry an edge of free text (a trim or a
  // normalization of one column shows only on rows whose text has that edge)
  arbitrary: () =>
    fc.oneof(
      { weight: 2, arbitrary: legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 12 }) },
      { weight: 1, arbitrary: legacyDatasetArbitrary({ mode: 'adversarial', maxRows: 12, anomalies: FREE_TEXT_EDGES }) },
    ),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const problems = await newSchemaProblems(ctx, await migrate(ctx, dataset));
    if (problems.length > 0) {
      throw new PropertyFailure(`${problems.length} difference(s) between the new schema and the rows the mapping rules give`, {
        problems: problems.slice(0, SHOWN),
        ...(problems.length > SHOWN ? { more: problems.length - SHOWN } : {}),
      });
    }
  },
};
