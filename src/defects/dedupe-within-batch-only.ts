import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'dedupe-within-batch-only';

export const dedupeWithinBatchOnly: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'Duplicate (owner, child, week) rows are detected only inside a batch; a duplicate of a row migrated in an earlier batch is silently skipped — neither migrated nor quarantined.',
  planReference: 'Phase 0 Step 2, backfillWeeks(): upsert(weeksData) per batch with no conflict target',
  expectedKillers: ['phase-0/accounting', 'phase-0/batch-size-independence'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `           EXISTS (SELECT 1 FROM public.weeks w WHERE w.child_id = k.child_id AND w.week_start_date = k.week_start_date) AS week_exists`,
        `           false AS week_exists`,
      ],
    ]),
};
