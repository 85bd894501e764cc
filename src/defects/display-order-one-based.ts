import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'display-order-one-based';

export const displayOrderOneBased: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'habits.display_order is written 1-based (the array ordinal) instead of the 0-based index the plan gives; the legacy view orders by it, so the round trip through the view cannot see the offset.',
  planReference: 'Phase 0 Step 2, backfillHabits(): display_order: index (0-based); WITH ORDINALITY counts from 1',
  expectedKillers: ['phase-0/new-schema-rows'],
  // broken: the ordinality used as is
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [[`(e.ord - 1)::int AS display_order`, `e.ord::int AS display_order`]]),
};
