import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'resync-every-row';

export const resyncEveryRow: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "The sync re-derives every legacy row on each write, not just the written week's group: the data comes out right, but each old client's write rewrites (and locks) the whole new schema.",
  planReference: 'Phase 1, Database Trigger (백업): nothing bounds what one sync rewrites; Phase 0 Step 3 checks counts only',
  expectedKillers: ['phase-1/write-locality', 'phase-1/rollback'],
  // broken: the groups of the written rows lose their filter, so every group is locked and re-derived
  apply(impl) {
    return patchStep(ID, impl, 'phase-1', 'create-sync-functions', 'up', [
      ['FROM public.habit_tracker h WHERE h.id = ANY (p_ids)\n  UNION', 'FROM public.habit_tracker h\n  UNION'],
    ]);
  },
};
