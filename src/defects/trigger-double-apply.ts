import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'trigger-double-apply';

const ON = "PERFORM set_config('hv.dual_write', 'on', true);";
const OFF = "PERFORM set_config('hv.dual_write', 'off', true);";

export const triggerDoubleApply: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: 'The API does not tell the trigger that it writes the new schema itself: the trigger re-derives the week from the legacy write, then the API applies its new-schema write on top (an added habit appears twice, a created week collides).',
  planReference: "Phase 1: Edge Function writes both schemas, and the trigger (백업) also syncs every habit_tracker INSERT; source_version: 'dual_write' is written but never read",
  expectedKillers: ['phase-1/convergence'],
  // broken: the plan marks rows source_version = 'dual_write' but its trigger never reads it — the
  // API's own legacy statements no longer tell the trigger to leave them alone
  apply(impl) {
    const out = patchStep(ID, impl, 'phase-1', 'create-dual-write-operations', 'up', [[ON, OFF]]);
    return patchStep(ID, out, 'phase-1', 'create-dual-write-dispatcher', 'up', [
      [`IF p_op = 'deleteWeek' THEN\n    ${ON}`, `IF p_op = 'deleteWeek' THEN\n    ${OFF}`],
      [`v_change := public.hv_dw_legacy_change(p_op, v_row, p_req);\n    ${ON}`, `v_change := public.hv_dw_legacy_change(p_op, v_row, p_req);\n    ${OFF}`],
    ]);
  },
};
