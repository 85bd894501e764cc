import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'rls-week-child-unchecked';

export const rlsWeekChildUnchecked: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "The weeks policy checks the week's user_id but not its child: a parent can file a week (and templates) under another family's child.",
  planReference: "Phase 1 createWeekDualWrite / sync_to_new_schema: child looked up by name alone (.eq('name', childName)), so the child may be another family's",
  expectedKillers: ['phase-2/rls-isolation'],
  apply(impl) {
    let out = impl;
    out = patchStep(ID, out, 'phase-2', 'rls-policy-weeks', 'up', [
      [
        `        WITH CHECK (user_id = (SELECT auth.uid()) AND child_id IN (SELECT c.id FROM public.children c WHERE c.user_id = (SELECT auth.uid()))
       AND (template_id IS NULL OR template_id IN (SELECT t.id FROM public.habit_templates t WHERE t.user_id = (SELECT auth.uid()))));`,
        `        WITH CHECK (user_id = (SELECT auth.uid()));`,
      ],
    ]);
    out = patchStep(ID, out, 'phase-2', 'rls-policy-habit-templates', 'up', [
      [
        `        WITH CHECK (user_id = (SELECT auth.uid()) AND (child_id IS NULL OR child_id IN (SELECT c.id FROM public.children c WHERE c.user_id = (SELECT auth.uid()))));`,
        `        WITH CHECK (user_id = (SELECT auth.uid()));`,
      ],
    ]);
    return out;
  },
};
