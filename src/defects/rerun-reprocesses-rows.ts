import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'rerun-reprocesses-rows';

export const rerunReprocessesRows: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "The backfill does not skip legacy rows it already handled: a rerun from scratch finds each migrated row's own week and quarantines the row as its duplicate.",
  planReference: 'Phase 0 Step 2: backfill_progress is never read; a rerun starts at lastId = 0 and upserts every row again',
  expectedKillers: ['phase-0/idempotency'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `       AND NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)`,
        `       AND true`,
      ],
    ]),
};
