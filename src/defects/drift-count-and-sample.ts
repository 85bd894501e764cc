import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drift-count-and-sample';

export const driftCountAndSample: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The drift detector compares row counts and the first 10 rows only: a change in any other row goes unreported.',
  planReference: 'Phase 0 Step 3, detectDrift(): count(exact) then .limit(10) samples',
  expectedKillers: ['phase-0/drift-detector'],
  // broken: only the first 10 legacy ids can be candidates for the field-by-field comparison (the plan's .limit(10) samples)
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-drift-function', 'up', [
      [
        'WHERE l.hash IS DISTINCT FROM n.hash\n',
        'WHERE l.hash IS DISTINCT FROM n.hash\n' +
          '    AND coalesce(l.id, n.id) IN (SELECT h10.id FROM public.habit_tracker h10 ORDER BY h10.id LIMIT 10)\n',
      ],
    ]),
};
