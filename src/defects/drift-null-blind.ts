import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drift-null-blind';

export const driftNullBlind: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "The drift detector compares scalar fields with <> instead of IS DISTINCT FROM: a theme or reward that becomes NULL (or stops being NULL) in the new schema compares as NULL and goes unreported.",
  planReference: "classic SQL three-valued logic; the plan's compareData() compares with !== in JavaScript, where null !== 'x'",
  expectedKillers: ['phase-0/drift-detector'],
  // broken: NULL on either side makes the comparison NULL, and the row is filtered out
  apply: (impl) => patchStep(ID, impl, 'phase-0', 'create-drift-function', 'up', [['       WHERE f.lv IS DISTINCT FROM f.nv\n', '       WHERE f.lv <> f.nv\n']]),
};
