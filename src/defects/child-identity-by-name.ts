import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'child-identity-by-name';

export const childIdentityByName: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'Children are deduplicated by name alone, so two families with a child of the same name share one child (and one of the two weeks is dropped).',
  planReference: 'Phase 0 Step 2, backfillChildren(): uniqueChildren keyed by row.child_name; upsert(onConflict: "name")',
  expectedKillers: ['phase-0/round-trip', 'phase-0/accounting'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `    SELECT s.*, public.hv_uuid('child:' || s.user_id || ':' || s.child_name) AS child_id FROM src s WHERE s.reason IS NULL`,
        `    SELECT s.*, public.hv_uuid('child:' || s.child_name) AS child_id FROM src s WHERE s.reason IS NULL`,
      ],
    ]),
};
