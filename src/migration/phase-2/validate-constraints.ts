import type { Step } from '../../contract/step.ts';

/** Every constraint Phase 0 added NOT VALID: [table, name]. */
export const PHASE0_NOT_VALID_CONSTRAINTS: ReadonlyArray<readonly [table: string, name: string]> = [
  ['children', 'children_user_id_fkey'],
  ['children', 'check_name_length'],
  ['weeks', 'weeks_user_id_fkey'],
  ['weeks', 'weeks_child_id_fkey'],
  ['weeks', 'check_week_dates'],
  ['weeks', 'check_week_start_monday'],
  ['habits', 'habits_week_id_fkey'],
  ['habit_records', 'habit_records_habit_id_fkey'],
  ['habit_records', 'check_status'],
  ['habit_templates', 'habit_templates_user_id_fkey'],
  ['habit_templates', 'habit_templates_child_id_fkey'],
  ['notifications', 'notifications_user_id_fkey'],
  ['notifications', 'notifications_from_user_id_fkey'],
  ['notifications', 'check_notification_type'],
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
export const VALIDATE_CONSTRAINT_STEPS: readonly Step[] = PHASE0_NOT_VALID_CONSTRAINTS.map(([table, name]) => ({
  name: `validate-${table.replace(/_/g, '-')}-${name.replace(/_/g, '-')}`,
  why: 'validate without blocking writes: SHARE UPDATE EXCLUSIVE, one constraint per transaction',
  up: `ALTER TABLE public.${table} VALIDATE CONSTRAINT ${name};`,
}));
