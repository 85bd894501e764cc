import type { Defect } from './defect.ts';
import { dropSteps } from './transform.ts';

const ID = 'rls-parent-tables-only';

export const rlsParentTablesOnly: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "RLS is enabled on children, weeks, templates and notifications but not on habits and habit_records: every family's habits and daily records leak through the child tables.",
  planReference: 'Phase 2, RLS 단계적 활성화: "gradual" read as weeks first; habits/habit_records carry no user_id of their own',
  expectedKillers: ['phase-2/rls-isolation'],
  // broken: policies everywhere, but RLS switched on only where a user_id column is
  apply: (impl) => dropSteps(ID, impl, 'phase-2', /^rls-enable-(habits|habit-records)$/),
};
