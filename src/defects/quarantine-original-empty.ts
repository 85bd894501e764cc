import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'quarantine-original-empty';

export const quarantineOriginalEmpty: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "A row quarantined by a mapping rule keeps '{}' instead of its original legacy row: the reason is recorded, but once Phase 3 drops the legacy table the row exists nowhere.",
  planReference: 'Phase 0 Step 2: the plan keeps no failed row at all; classic dead-letter table that logs the error and not the payload',
  expectedKillers: ['phase-0/new-schema-rows'],
  // broken: the rule reasons' branch stores an empty object (duplicate_week and unexpected_error keep theirs)
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [[`SELECT s.id, s.reason, NULL, public.hv_row_json(h)`, `SELECT s.id, s.reason, NULL, '{}'::jsonb`]]),
};
