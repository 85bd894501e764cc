import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'batch-rows-as-batch-size';

export const batchRowsAsBatchSize: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "A batch reports the batch size asked for as the rows it read: the last, partial batch over-counts, so the backfill's row count exceeds the legacy table (the data itself is right).",
  planReference: "Phase 0 Step 2, runBackfill(): `console.log(\\`✓ Processed up to ID ${lastId}\\`)` — progress by assumption, not by count",
  expectedKillers: ['phase-0/accounting', 'phase-0/edge-rows'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [`RETURN QUERY SELECT v_page.to_id, v_page.batch_rows, v_res.migrated, v_res.quarantined, false;`, `RETURN QUERY SELECT v_page.to_id, p_batch_size, v_res.migrated, v_res.quarantined, false;`],
    ]),
};
