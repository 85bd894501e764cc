import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'trigger-quarantines-errors';

export const triggerQuarantinesErrors: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "The backup trigger quarantines an update it cannot sync (as the reconcile does) instead of failing it: the old client's write commits in the legacy table alone, and the new schema silently loses the row until someone reconciles.",
  planReference: 'Phase 1 Database Trigger (백업): errors of the sync are not handled at all; classic: never let a trigger fail the app\'s write',
  expectedKillers: ['phase-1/sync-faults', 'phase-1/atomicity'],
  // broken: the UPDATE branch re-derives with p_quarantine_errors = true
  apply: (impl) =>
    patchStep(ID, impl, 'phase-1', 'create-sync-trigger', 'up', [['PERFORM public.hv_resync(ARRAY[OLD.id, NEW.id]);', 'PERFORM public.hv_resync(ARRAY[OLD.id, NEW.id], true);']]),
};
