import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'legacy-view-bypasses-rls';

export const legacyViewBypassesRls: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "The legacy-shaped view stays a definer view (no security_invoker): read by authenticated it runs as its owner, bypasses RLS, and shows every family's weeks.",
  planReference: 'classic Supabase pitfall (views bypass RLS unless security_invoker); Phase 2 reads through the legacy shape',
  expectedKillers: ['phase-2/rls-isolation'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-2', 'legacy-view-security-invoker', 'up', [
      [
        `ALTER VIEW public.habit_tracker_from_new SET (security_invoker = true);`,
        `SELECT 1;`,
      ],
    ]),
};
