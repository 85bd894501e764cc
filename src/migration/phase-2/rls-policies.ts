import type { Step } from '../../contract/step.ts';
import { RLS_TABLES, type RlsTable } from './rls-privileges.ts';

/**
 * Phase 2's row-level security: each family sees and writes only its own rows.
 *
 * - Ownership is the row's user_id; habits and habit_records have none and inherit their week's.
 * - WITH CHECK repeats USING and adds what a write could otherwise smuggle in: a week or a
 *   template must hang off one of the user's own children (the plan's Phase 1 looks children up
 *   by name alone, which finds another family's child of the same name), and a habit or record can
 *   only move into the user's own week or habit.
 * - `(SELECT auth.uid())`, not `auth.uid()`: evaluated once per statement as an InitPlan instead of
 *   once per row (Supabase's RLS performance advice); the parent lookups are uncorrelated
 *   `IN (SELECT …)` so they become one hashed subplan or semi-join per statement.
 * - Policies are `TO authenticated`: anon has no grants at all (rls-privileges.ts).
 * - ENABLE, not FORCE: the table owner (the migration, the backfill, the dual-write path running as
 *   owner or service_role) keeps bypassing RLS, as it must.
 *
 * Order: policies first, then the legacy view turned security_invoker, then RLS enabled table by
 * table — a table never has RLS on without its policy (that would hide every row).
 */
const UID = '(SELECT auth.uid())';
const OWN_CHILD = (col: string) => `${col} IN (SELECT c.id FROM public.children c WHERE c.user_id = ${UID})`;
const OWN_WEEK = (col: string) => `${col} IN (SELECT w.id FROM public.weeks w WHERE w.user_id = ${UID})`;
const OWN_HABIT = (col: string) =>
  `${col} IN (SELECT h.id FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = ${UID})`;

interface PolicyText {
  using: string;
  check: string;
}

function policies(): Record<RlsTable, PolicyText> {
  const own = `user_id = ${UID}`;
  const weekCheck = `${own} AND ${OWN_CHILD('child_id')}
       AND (template_id IS NULL OR template_id IN (SELECT t.id FROM public.habit_templates t WHERE t.user_id = ${UID}))`;
  const templateCheck = `${own} AND (child_id IS NULL OR ${OWN_CHILD('child_id')})`;
  return {
    children: { using: own, check: own },
    weeks: { using: own, check: weekCheck },
    habits: { using: OWN_WEEK('week_id'), check: OWN_WEEK('week_id') },
    habit_records: { using: OWN_HABIT('habit_id'), check: OWN_HABIT('habit_id') },
    habit_templates: { using: own, check: templateCheck },
    notifications: { using: own, check: own },
  };
}

export const policyName = (table: RlsTable) => `hv_${table}_own_family`;

export const RLS_POLICY_STEPS: readonly Step[] = (() => {
  const p = policies();
  return RLS_TABLES.map((table) => ({
    name: `rls-policy-${table.replace(/_/g, '-')}`,
    why: table === 'habits' || table === 'habit_records' ? "no user_id of its own: owned through its week's user_id" : "own rows by user_id",
    up: `
      DROP POLICY IF EXISTS ${policyName(table)} ON public.${table};
      CREATE POLICY ${policyName(table)} ON public.${table} AS PERMISSIVE FOR ALL TO authenticated
        USING (${p[table].using})
        WITH CHECK (${p[table].check});`,
    down: `DROP POLICY IF EXISTS ${policyName(table)} ON public.${table};`,
  }));
})();

/** A view runs as its owner unless security_invoker: owned by the migration's superuser it would bypass RLS. */
export const LEGACY_VIEW_INVOKER_STEP: Step = {
  name: 'legacy-view-security-invoker',
  why: 'the legacy-shaped view must apply the reader\'s RLS, not its owner\'s (a definer view bypasses RLS)',
  up: 'ALTER VIEW public.habit_tracker_from_new SET (security_invoker = true);',
  down: 'ALTER VIEW IF EXISTS public.habit_tracker_from_new RESET (security_invoker);',
};

export const RLS_ENABLE_STEPS: readonly Step[] = RLS_TABLES.map((table) => ({
  name: `rls-enable-${table.replace(/_/g, '-')}`,
  why: 'ENABLE (not FORCE): the owner and service_role keep bypassing; a brief ACCESS EXCLUSIVE lock, no scan',
  up: `ALTER TABLE public.${table} ENABLE ROW LEVEL SECURITY;`,
  down: `ALTER TABLE public.${table} DISABLE ROW LEVEL SECURITY;`,
}));
