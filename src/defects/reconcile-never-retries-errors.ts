import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'reconcile-never-retries-errors';

export const reconcileNeverRetriesErrors: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: 'The reconcile catches up with unseen, drifted and changed rows but never retries a row quarantined as unexpected_error: once the fault is gone the row stays out of the new schema for good, and after Phase 3 it lives only in the quarantine.',
  planReference: 'Phase 1: the trigger (백업) is the only catch-up the plan has; classic: an error table nobody drains',
  expectedKillers: ['phase-1/sync-faults'],
  // broken: unexpected_error rows are no longer among the reconcile's candidates
  apply: (impl) =>
    patchStep(ID, impl, 'phase-1', 'create-sync-functions', 'up', [
      [`WHERE h.id IS NULL OR q.reason = 'unexpected_error' OR q.original`, `WHERE h.id IS NULL OR q.original`],
    ]),
};
