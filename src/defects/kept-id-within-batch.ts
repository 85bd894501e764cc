import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'kept-id-within-batch';

export const keptIdWithinBatch: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "A duplicate_week's detail names the lowest id of its own batch as the row it lost to: right when both rows are in one batch, wrong when the kept row migrated in an earlier batch (the duplicate then names itself, or another duplicate).",
  planReference: 'Phase 0 Step 2, backfillWeeks(): per-batch `upsert(weeksData)` — what an earlier batch wrote is not looked at',
  expectedKillers: ['phase-0/edge-rows', 'phase-0/accounting'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `jsonb_build_object('kept_legacy_id', CASE WHEN r.week_exists
             THEN (SELECT w.legacy_id FROM public.weeks w WHERE w.child_id = r.child_id AND w.week_start_date = r.week_start_date)
             ELSE r.first_id END),`,
        `jsonb_build_object('kept_legacy_id', r.first_id),`,
      ],
    ]),
};
