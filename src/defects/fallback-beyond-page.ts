import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'fallback-beyond-page';

export const fallbackBeyondPage: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "The backfill's row-by-row fallback walks every legacy row after the page start, not just the page: one bad row makes its batch migrate the rest of the table one row at a time and count them as its own (the end state is right; the batch's counts and its time are not).",
  planReference: 'classic: a retry loop whose range is the keyset lower bound only (`.gt(\'id\', lastId)` without the page end)',
  expectedKillers: ['phase-0/backfill-faults'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [`FOR v_one IN SELECT h.id FROM public.habit_tracker h WHERE h.id > p_from AND h.id <= p_to ORDER BY h.id LOOP`, `FOR v_one IN SELECT h.id FROM public.habit_tracker h WHERE h.id > p_from ORDER BY h.id LOOP`],
    ]),
};
