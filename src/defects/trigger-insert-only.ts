import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'trigger-insert-only';

export const triggerInsertOnly: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "The backup trigger is declared for INSERT OR UPDATE but handles INSERT only, and not DELETE: an old client's update or delete never reaches the new schema.",
  planReference: "Phase 1 Database Trigger: AFTER INSERT OR UPDATE … IF TG_OP = 'INSERT' THEN … END IF; RETURN NEW;",
  expectedKillers: ['phase-1/convergence'],
  // broken: the plan's body is IF TG_OP = 'INSERT' THEN … END IF; RETURN NEW;
  apply: (impl) =>
    patchStep(ID, impl, 'phase-1', 'create-sync-trigger', 'up', [
      [
        "  IF current_setting('hv.dual_write', true) = 'on' THEN RETURN NULL; END IF;\n",
        "  IF current_setting('hv.dual_write', true) = 'on' THEN RETURN NULL; END IF;\n  IF TG_OP <> 'INSERT' THEN RETURN NULL; END IF;\n",
      ],
    ]),
};
