import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'records-only-for-present-times';

export const recordsOnlyForPresentTimes: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'Records are written only for the days present in times, so a short times array leaves days without a record.',
  planReference: 'Phase 0 Step 2, backfillHabitRecords(): habitData.times.map(...) — one record per array element',
  expectedKillers: ['phase-0/round-trip'],
  // broken: the plan's habitData.times.map(...) writes a record only for the days the array has
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        "      FROM hb, public.hv_canonical_statuses(hb.raw -> 'times') AS t\n",
        "      FROM hb, public.hv_canonical_statuses(hb.raw -> 'times') AS t\n" +
          "     WHERE t.ord <= CASE WHEN jsonb_typeof(hb.raw -> 'times') = 'array' THEN jsonb_array_length(hb.raw -> 'times') ELSE 0 END\n",
      ],
    ]),
};
