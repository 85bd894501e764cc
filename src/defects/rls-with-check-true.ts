import { StaleDefectError, type Defect } from './defect.ts';
import { patchSql, patchSteps } from './transform.ts';

const ID = 'rls-with-check-true';

export const rlsWithCheckTrue: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "Write policies check nothing (WITH CHECK (true), Supabase's 'Enable insert for authenticated users only' template): a signed-in parent can insert and re-parent rows into another family.",
  planReference: 'Phase 2, RLS 단계적 활성화 (no policy given); Phase 1 createWeekDualWrite inserts with whatever child/user it was handed',
  expectedKillers: ['phase-2/rls-isolation'],
  // broken: Supabase's "Enable insert for authenticated users only" template — any row passes
  apply: (impl) =>
    patchSteps(ID, impl, 'phase-2', /^rls-policy-/, (step) => {
      const check = /\n {8}WITH CHECK \(([\s\S]*)\);$/.exec(step.up.trimEnd());
      if (!check) throw new StaleDefectError(ID, `step ${step.name} has no WITH CHECK to loosen`);
      return patchSql(ID, step, 'up', [[check[0], '\n        WITH CHECK (true);']]);
    }),
};
