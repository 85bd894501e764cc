import fc from 'fast-check';
import type { PropertyDef } from '../../src/runner/property.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { backfillCountProblems, progressProblems } from '../../src/check/backfill-counts.ts';
import { PropertyFailure } from '../../src/runner/property-failure.ts';
import { migrate, setupPhase0 } from '../support/phase-0-case.ts';
import { newSchemaProblems } from '../support/new-schema-problems.ts';
import { EDGE_ROWS_DATASET } from '../support/edge-rows-dataset.ts';

/** Every duplicate in a later page than its kept row (1), some in the same page (2), all in one (1000). */
const BATCH_SIZES = [1, 2, 1000] as const;

/**
 * The edges of the mapping rules random data rarely reaches (EDGE_ROWS_DATASET: a week ending on 31
 * December, child names of 1 and 100 code points, duplicate weeks within and across batches), at batch
 * sizes 1, 2 and 1000: the new tables hold exactly the rows the oracle gives, each duplicate_week keeps
 * the id of the row it lost to, and the backfill's counts (rows, batches, migrated, quarantined) are
 * exact, in its result and in the progress it keeps (Observation.backfillProgress, when provided). One fixed case, cheap (killed by kept-id-within-batch, batch-rows-as-batch-size, progress-counts-not-kept, name-check-bytes).
 */
export const edgeRows: PropertyDef<LegacyDataset> = {
  name: 'phase-0/edge-rows',
  tags: ['phase-0'],
  description: 'Rows at the edges of the mapping rules (a week ending on 31 December, names of 1 and 100 code points, duplicate weeks within and across batches) migrate as the oracle says, with exact counts, at batch sizes 1, 2 and 1000.',
  defaultRuns: 1,
  arbitrary: () => fc.constant(EDGE_ROWS_DATASET),
  setup: setupPhase0,
  toDataset: (d) => d,
  async check(dataset, ctx) {
    const problems: unknown[] = [];
    for (const batchSize of BATCH_SIZES) {
      await resetDatabase(ctx.client);
      const migrated = await migrate(ctx, dataset, batchSize);
      const found = [...(await newSchemaProblems(ctx, migrated)), ...backfillCountProblems(migrated.expected, batchSize, migrated.backfill)];
      const progress = ctx.impl.observe.backfillProgress;
      if (progress) found.push(...progressProblems(migrated.expected, batchSize, await progress(ctx.client)).map((p) => ({ progress: p })));
      problems.push(...found.map((p) => ({ batchSize, ...(p as object) })));
    }
    if (problems.length > 0) throw new PropertyFailure(`${problems.length} difference(s) from the oracle on the edge rows`, { problems: problems.slice(0, 40) });
  },
};
