import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'fk-checks-off-for-speed';

export const fkChecksOffForSpeed: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The backfill runs with session_replication_role = replica (the bulk-load trick that skips FK triggers) and no longer quarantines owners missing from auth.users: orphan rows get in instead of being quarantined, and VALIDATE CONSTRAINT fails on them.',
  planReference: "Phase 0 Step 2: user_id: row.user_id || '00000000-…' assumes every owner exists; classic bulk-load shortcut",
  expectedKillers: ['phase-0/accounting', 'phase-0/round-trip', 'phase-0/constraint-validity'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      // no owner_unknown quarantine: the FK is expected to be enforced (and is not, below)
      [
        "WHEN r.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = r.user_id) THEN 'owner_unknown'",
        "WHEN false THEN 'owner_unknown'",
      ],
      // broken: skips the RI triggers of every foreign key for the rest of the batch transaction
      [
        '  v_page record; v_res record;\nBEGIN\n',
        "  v_page record; v_res record;\nBEGIN\n  PERFORM set_config('session_replication_role', 'replica', true);\n",
      ],
    ]),
};
