import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drift-count-and-sample';

export const driftCountAndSample: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The drift detector compares row counts and the first 10 rows only: a change in any other row goes unreported.',
  planReference: 'Phase 0 Step 3, detectDrift(): count(exact) then .limit(10) samples',
  expectedKillers: ['phase-0/drift-detector'],
  // broken: only the first 10 legacy rows are compared, on both sides (the plan's .limit(10) samples)
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-drift-function', 'up', [
      [
        'OR mod(abs(hashint8(h.id) # p_salt), 1000) < p_sample_permille)\n',
        'OR mod(abs(hashint8(h.id) # p_salt), 1000) < p_sample_permille)\n' +
          '           AND h.id IN (SELECT h10.id FROM public.habit_tracker h10 ORDER BY h10.id LIMIT 10)\n',
      ],
      [
        'OR mod(abs(hashint8(v.id) # p_salt), 1000) < p_sample_permille)\n',
        'OR mod(abs(hashint8(v.id) # p_salt), 1000) < p_sample_permille)\n' +
          '           AND v.id IN (SELECT h10.id FROM public.habit_tracker h10 ORDER BY h10.id LIMIT 10)\n',
      ],
    ]),
};
