import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'record-date-session-tz';

export const recordDateSessionTz: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'record_date is computed through timestamptz, i.e. in the session time zone: east of UTC every record lands a day early.',
  planReference: 'Phase 0 Step 2: record_date: new Date(new Date(week.week_start_date).getTime() + dayIndex * 24*60*60*1000)',
  expectedKillers: ['phase-0/time-zone-independence'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `    SELECT public.hv_uuid('record:' || hb.habit_id || ':' || (t.ord - 1)), hb.habit_id, hb.week_start_date + (t.ord - 1)::int,`,
        `    SELECT public.hv_uuid('record:' || hb.habit_id || ':' || (t.ord - 1)), hb.habit_id, ((hb.week_start_date + (t.ord - 1)::int)::timestamptz AT TIME ZONE 'UTC')::date,`,
      ],
    ]),
};
