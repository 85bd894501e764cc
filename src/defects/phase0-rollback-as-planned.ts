import type { Defect } from './defect.ts';
import { runSteps } from '../contract/executor.ts';
import { withPhase } from './transform.ts';

const ID = 'phase0-rollback-as-planned';

const PLAN_PHASE0_ROLLBACK = `
    DROP TABLE IF EXISTS habit_records CASCADE;
    DROP TABLE IF EXISTS habits CASCADE;
    DROP TABLE IF EXISTS weeks CASCADE;
    DROP TABLE IF EXISTS children CASCADE;`;

export const phase0RollbackAsPlanned: Defect = {
  id: ID,
  phases: ['phase-0', 'rollback'],
  description: 'Phase 0 is rolled back as the plan writes it: only habit_records, habits, weeks and children are dropped; habit_templates, notifications, the bookkeeping tables and the functions stay behind.',
  planReference: '롤백 시나리오, Phase 0 롤백: DROP TABLE IF EXISTS habit_records / habits / weeks / children CASCADE',
  expectedKillers: ['rollback/phase-0-cycle'],
  // The plan's Phase 0 rollback, verbatim (롤백 시나리오 → Phase 0 롤백, "프로덕션 영향 없음 ✅")
  apply: (impl) =>
    withPhase(impl, 'phase-0', (p) => ({
      ...p,
      rollback: async (db, opts) => ({
        steps: await runSteps(db, [{ name: 'plan-phase-0-rollback', why: 'the plan as written', up: PLAN_PHASE0_ROLLBACK }], 'up', { ...p.executor, ...opts }),
      }),
    })),
};
