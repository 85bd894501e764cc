import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'order-duplicates-accepted';

export const orderDuplicatesAccepted: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: 'reorderHabits takes an order with a repeated index as a permutation: one habit is written twice and another is lost, in both schemas.',
  planReference: 'Phase 1 Edge Function: `const { … habits } = await req.json()` — the request is written as sent, never validated',
  expectedKillers: ['phase-1/request-validation'],
  // broken: counts the valid indexes, not the distinct ones
  apply(impl) {
    return patchStep(ID, impl, 'phase-1', 'create-dual-write-request-helpers', 'up', [['SELECT count(DISTINCT n) FROM', 'SELECT count(n) FROM']]);
  },
};
