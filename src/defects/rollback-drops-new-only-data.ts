import type { Defect } from './defect.ts';
import { addStepAfter } from './transform.ts';

const ID = 'rollback-drops-new-only-data';

export const rollbackDropsNewOnlyData: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "Phase 1's rollback returns to the old schema by deleting what only the new schema holds (templates, notifications, weeks.template_id): users' templates are lost without a word.",
  planReference: 'Phase 1 롤백: functions.delete + DROP TRIGGER, "구 스키마만 사용" — silent about templates, which live only in the new schema (템플릿 기능 (신 스키마만))',
  expectedKillers: ['phase-1/rollback'],
  // broken: "back to the old schema only" — what was written only to the new schema goes with it (the
  // step sits right after the idempotency log, so its down runs late in the rollback, as a cleanup would)
  apply: (impl) =>
    addStepAfter(ID, impl, 'phase-1', 'create-idempotency-log', {
      name: 'drop-new-only-data',
      why: 'the plan as written',
      up: '',
      down: 'DELETE FROM public.habit_templates; DELETE FROM public.notifications; UPDATE public.weeks SET template_id = NULL;',
    }),
};
