import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'archive-flag-update';

export const archiveFlagUpdate: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: 'The soft archive runs as written: a whole-table UPDATE of a column habit_tracker does not have. The switch fails (42703) and Phase 3 cannot start; with the column added it would lock and rewrite every legacy row.',
  planReference: 'Phase 3, Day 1: UPDATE habit_tracker SET _archived = true; -- 소프트 아카이브',
  expectedKillers: ['phase-3/zero-downtime', 'rollback/phase-3-cycle'],
  // broken: the plan's Day 1 soft archive, a whole-table UPDATE on a column the table does not have
  apply: (impl) =>
    patchStep(ID, impl, 'phase-3', 'switch-writes-to-new', 'up', [
      ['    END $$;\n    CREATE OR REPLACE TRIGGER hv_p3_assign_legacy_id', '    END $$;\n    UPDATE public.habit_tracker SET _archived = true;\n    CREATE OR REPLACE TRIGGER hv_p3_assign_legacy_id'],
    ]),
};
