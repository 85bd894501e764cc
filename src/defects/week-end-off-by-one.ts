import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'week-end-off-by-one';

export const weekEndOffByOne: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'week_end_date is start + 7 days. NOT VALID does not let it in (new rows are still checked): every week fails check_week_dates and its row is lost to unexpected_error.',
  planReference: 'classic (the plan computes end dates in JS milliseconds in three places, and reads NOT VALID as "not applied yet")',
  expectedKillers: ['phase-0/accounting', 'phase-0/round-trip'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `    SELECT s.week_id, s.user_id, s.child_id, s.week_start_date, s.week_start_date + 6, s.theme, s.reflection, s.reward,`,
        `    SELECT s.week_id, s.user_id, s.child_id, s.week_start_date, s.week_start_date + 7, s.theme, s.reflection, s.reward,`,
      ],
    ]),
};
