import type { Step } from '../step.ts';
import { type MigrationOptions, variant } from '../migration-options.ts';

/**
 * Every constraint Phase 0 added NOT VALID, by table: [name, definition]. The definition is only used
 * by the defect `validate-by-readd`; the correct step never restates it.
 */
export const PHASE0_NOT_VALID_CONSTRAINTS: ReadonlyArray<readonly [table: string, name: string, definition: string]> = [
  ['children', 'children_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE'],
  ['children', 'check_name_length', 'CHECK (length(name) >= 1 AND length(name) <= 100)'],
  ['weeks', 'weeks_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE'],
  ['weeks', 'weeks_child_id_fkey', 'FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE'],
  ['weeks', 'check_week_dates', 'CHECK (week_end_date = week_start_date + 6)'],
  ['weeks', 'check_week_start_monday', 'CHECK (EXTRACT(ISODOW FROM week_start_date) = 1)'],
  ['habits', 'habits_week_id_fkey', 'FOREIGN KEY (week_id) REFERENCES public.weeks(id) ON DELETE CASCADE'],
  ['habit_records', 'habit_records_habit_id_fkey', 'FOREIGN KEY (habit_id) REFERENCES public.habits(id) ON DELETE CASCADE'],
  ['habit_records', 'check_status', "CHECK (status IN ('green', 'yellow', 'red', 'none'))"],
  ['habit_templates', 'habit_templates_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE'],
  ['habit_templates', 'habit_templates_child_id_fkey', 'FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE'],
  ['notifications', 'notifications_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE'],
  ['notifications', 'notifications_from_user_id_fkey', 'FOREIGN KEY (from_user_id) REFERENCES auth.users(id) ON DELETE SET NULL'],
  ['notifications', 'check_notification_type', "CHECK (type IN ('mention', 'achievement', 'weekly_report', 'chat'))"],
];

/**
 * Phase 2, VALIDATE CONSTRAINT: one step per constraint, each its own short transaction.
 *
 * VALIDATE scans the table under SHARE UPDATE EXCLUSIVE only (foreign keys add ROW SHARE on the
 * referenced table): reads and writes go on while it runs; only other DDL and VACUUM wait. One
 * transaction per constraint so the lock on a table is held for one scan, not for the whole phase.
 * Validating a constraint that is already valid is a no-op, so the steps are idempotent. A row that
 * violates the constraint fails the step with Postgres's 23514 / 23503 and leaves it NOT VALID.
 *
 * No `down`: a validated constraint only states what the data already satisfies, and new rows were
 * checked all along (NOT VALID skips the existing rows only). Rolling Phase 2 back keeps it.
 */
export function validateConstraintSteps(opts?: MigrationOptions): Step[] {
  return PHASE0_NOT_VALID_CONSTRAINTS.map(([table, name, definition]) => ({
    name: `validate-${table.replace(/_/g, '-')}-${name.replace(/_/g, '-')}`,
    why: 'validate without blocking writes: SHARE UPDATE EXCLUSIVE, one constraint per transaction',
    up: variant(
      opts,
      'validate-by-readd',
      // broken: "activate" the constraint by re-adding it in full: a scan under ACCESS EXCLUSIVE (check)
      // or SHARE ROW EXCLUSIVE (foreign key) that blocks every write to the table meanwhile
      `ALTER TABLE public.${table} DROP CONSTRAINT IF EXISTS ${name};
       ALTER TABLE public.${table} ADD CONSTRAINT ${name} ${definition};`,
      `ALTER TABLE public.${table} VALIDATE CONSTRAINT ${name};`,
    ),
  }));
}
