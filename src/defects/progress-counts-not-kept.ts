import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'progress-counts-not-kept';

export const progressCountsNotKept: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "The progress row advances past each page but never adds the page's migrated and quarantined counts: an operator following backfill_progress sees 0 migrated, 0 quarantined at the end of a complete backfill.",
  planReference: "Phase 0 Step 2: backfill_progress is created with its counters, and runBackfill() never writes them (`lastId` in memory, a console.log per batch)",
  expectedKillers: ['phase-0/edge-rows'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [`SET migrated_rows = migrated_rows + migrated, quarantined_rows = quarantined_rows + quarantined`, `SET migrated_rows = migrated_rows, quarantined_rows = quarantined_rows`],
    ]),
};
