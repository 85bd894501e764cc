import type { Defect } from './defect.ts';
import { asOurs, patchSql } from './transform.ts';

const ID = 'read-times-by-record-order';

export const readTimesByRecordOrder: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "The new-schema read builds each habit's times from its records in storage order instead of by record_date - week_start_date, so days come back shuffled.",
  planReference: 'Phase 0 Step 3, compareData(): matches records to days only for the comparison; the Phase 2 read path (loadFromNewSchema) is left unspecified',
  expectedKillers: ['phase-2/read-equivalence'],
  // broken: the records of the habit in storage/id order, whatever their dates
  apply(impl) {
    const ours = asOurs(ID, impl);
    const select = patchSql(ID, { name: 'new-week-select', why: 'the read path', up: ours.reads.parts.newWeekSelect }, 'up', [
      [
        `(SELECT jsonb_agg(coalesce(r.status, 'none') ORDER BY d.d)
        FROM generate_series(0, 6) AS d(d)
        LEFT JOIN public.habit_records r ON r.habit_id = h.id AND r.record_date = w.week_start_date + d.d)`,
        `(SELECT coalesce(jsonb_agg(r.status ORDER BY r.id), '[]'::jsonb) FROM public.habit_records r WHERE r.habit_id = h.id)`,
      ],
    ]).up;
    return { ...ours, reads: ours.reads.with({ newWeekSelect: select }) };
  },
};
