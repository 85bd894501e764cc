import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drift-ignores-reward';

export const driftIgnoresReward: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The drift detector leaves one field out of its comparison (reward): a reward changed or lost in the new schema goes unreported.',
  planReference: 'Phase 0 Step 3, compareData(): compares the fields someone thought of (classic: a column added later, never added to the check)',
  expectedKillers: ['phase-0/drift-detector'],
  // broken: reward is no longer among the compared scalar fields
  apply: (impl) => patchStep(ID, impl, 'phase-0', 'create-drift-function', 'up', [[`          ('reward', l.reward, n.reward),\n`, '']]),
};
