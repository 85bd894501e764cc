import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drop-cascade';

export const dropCascade: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: 'The retired table is dropped with CASCADE: a view or function that still depends on it (a report nobody migrated) disappears silently instead of stopping the drop.',
  planReference: 'Phase 3, Day 15: DROP TABLE habit_tracker_old CASCADE;',
  expectedKillers: ['phase-3/complete-guard'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-3', 'drop-legacy', 'up', [
      [
        `    DROP TABLE public.habit_tracker_old RESTRICT;`,
        `    DROP TABLE public.habit_tracker_old CASCADE;`,
      ],
    ], 'completeSteps'),
};
