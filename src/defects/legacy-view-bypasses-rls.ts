import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'legacy-view-bypasses-rls';

export const legacyViewBypassesRls: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "The legacy-shaped view is created a definer view (no security_invoker): read by authenticated it runs as its owner, bypasses RLS, and shows every family's weeks.",
  planReference: 'classic Supabase pitfall (views bypass RLS unless security_invoker); Phase 2 reads through the legacy shape',
  expectedKillers: ['phase-2/rls-isolation'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-legacy-view', 'up', [
      ['CREATE OR REPLACE VIEW public.habit_tracker_from_new WITH (security_invoker = true) AS', 'CREATE OR REPLACE VIEW public.habit_tracker_from_new AS'],
    ]),
};
