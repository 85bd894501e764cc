import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drift-habits-only';

export const driftHabitsOnly: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The drift detector compares habit names and statuses only: a changed theme, reflection, reward, child or date goes unreported.',
  planReference: 'Phase 0 Step 3, compareData(): compares habits and times only',
  expectedKillers: ['phase-0/drift-detector'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-drift-function', 'up', [
      [
        `             LATERAL (VALUES ('user_id', l.user_id::text, n.user_id::text),
          ('child_name', l.child_name, n.child_name),
          ('week_start_date', l.week_start_date::text, n.week_start_date::text),
          ('theme', l.theme, n.theme),
          ('reflection', l.reflection::text, n.reflection::text),
          ('reward', l.reward, n.reward),
          ('created_at', public.hv_ts_text(l.created_at), public.hv_ts_text(n.created_at)),
          ('updated_at', public.hv_ts_text(l.updated_at), public.hv_ts_text(n.updated_at))) AS f(field, lv, nv)`,
        `             LATERAL (VALUES (NULL::text, NULL::text, NULL::text)) AS f(field, lv, nv)`,
      ],
    ]),
};
