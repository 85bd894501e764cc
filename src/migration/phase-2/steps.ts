/**
 * Phase 2's steps: the compare-mode log, VALIDATE of every Phase 0 constraint, the RLS policies, RLS
 * enabled table by table, then the API roles' privileges. (The legacy-shaped view is security_invoker
 * from Phase 0 on.) Their
 * SQL is in ./sql/, one file per step and direction (validate-constraint.template.up.sql and
 * rls-enable.template.*.sql for the families); this file says why each exists.
 */
import { sqlStepsIn } from '../../contract/sql-step.ts';
import type { Step } from '../../contract/step.ts';

const step = sqlStepsIn(new URL('./sql/', import.meta.url));

/** The family tables RLS protects (Phase 0's new tables). */
export const RLS_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const;
export type RlsTable = (typeof RLS_TABLES)[number];

/**
 * Migration bookkeeping, by name: no business of the API roles (the quarantine holds other families'
 * original rows). A pattern, not a list, so relations Phase 0 adds later are covered too. (Written out
 * in sql/rls-privileges.up.sql.)
 */
export const BOOKKEEPING_PATTERN = '^(migration_|backfill_)';

/** The RLS policy of a family table (sql/rls-policy-<table>.up.sql). */
export const policyName = (table: RlsTable) => `hv_${table}_own_family`;

/**
 * Compare mode's log: one row per read whose new-schema result differed from the legacy one, or
 * failed. Written only through hv_record_read_mismatch (SECURITY DEFINER): the API roles cannot read
 * or write the table itself, and the recorded user is auth.uid(), not a value the client supplies.
 *
 * Rollback keeps the table: it is the evidence of why reads were switched back. Re-applying is a no-op.
 */
export const MISMATCH_LOG_STEP = step('create-read-mismatches', {
  why: 'compare mode records mismatches here; the API roles reach it only through a definer function',
});

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
 * VALIDATE CONSTRAINT: one step per constraint, each its own short transaction.
 *
 * VALIDATE scans the table under SHARE UPDATE EXCLUSIVE only (foreign keys add ROW SHARE on the
 * referenced table): reads and writes go on while it runs; only other DDL and VACUUM wait. One
 * transaction per constraint so the lock on a table is held for one scan, not for the whole phase.
 * Validating a constraint that is already valid is a no-op, so the steps are idempotent. A row that
 * violates the constraint fails the step with Postgres's 23514 / 23503 and leaves it NOT VALID.
 *
 * No down: a validated constraint only states what the data already satisfies, and new rows were
 * checked all along (NOT VALID skips the existing rows only). Rolling Phase 2 back keeps it.
 */
export const VALIDATE_CONSTRAINT_STEPS: readonly Step[] = PHASE0_NOT_VALID_CONSTRAINTS.map(([table, constraint]) =>
  step(`validate-${table.replace(/_/g, '-')}-${constraint.replace(/_/g, '-')}`, {
    why: 'validate without blocking writes: SHARE UPDATE EXCLUSIVE, one constraint per transaction',
    template: { family: 'validate-constraint', vars: { table, constraint } },
  }),
);

/**
 * Privileges of the API roles on the new schema, once RLS is on (the last step: a grant before RLS
 * would open every family's rows to every signed-in user for the steps in between).
 *
 * Phase 0 created the tables closed to the API roles. Here:
 * - anon gets nothing (the app has no signed-out view of a family);
 * - authenticated gets SELECT/INSERT/UPDATE/DELETE only — not TRUNCATE, to which RLS does not apply
 *   (any signed-in user could empty every family's table), nor REFERENCES or TRIGGER;
 * - notifications are written by the server: authenticated may read, delete, and mark them read;
 * - service_role (the server: Edge Functions with the service key) gets SELECT/INSERT/UPDATE/DELETE on the
 *   family tables; it bypasses RLS, so no TRUNCATE, REFERENCES or TRIGGER either;
 * - the migration's bookkeeping (BOOKKEEPING_PATTERN: migration_*, backfill_*) is closed to all three.
 *
 * The ACLs found (of the family tables, the legacy view and the bookkeeping) are saved first (first
 * apply wins) and restored exactly by down, so a rollback gives every path that wrote as
 * authenticated before Phase 2 what it had.
 */
export const RLS_PRIVILEGES_STEP = step('rls-privileges', {
  why: 'anon gets nothing, authenticated row-level DML only (TRUNCATE bypasses RLS); previous ACLs saved for rollback',
});

/**
 * Row-level security: each family sees and writes only its own rows (one policy per table, named by
 * {@link policyName}).
 *
 * - Ownership is the row's user_id; habits and habit_records have none and inherit their week's.
 * - WITH CHECK repeats USING and adds what a write could otherwise smuggle in: a week or a
 *   template must hang off one of the user's own children (the plan's Phase 1 looks children up
 *   by name alone, which finds another family's child of the same name), and a habit or record can
 *   only move into the user's own week or habit.
 * - `(SELECT auth.uid())`, not `auth.uid()`: evaluated once per statement as an InitPlan instead of
 *   once per row (Supabase's RLS performance advice); the parent lookups are uncorrelated
 *   `IN (SELECT …)` so they become one hashed subplan or semi-join per statement.
 * - Policies are `TO authenticated`: anon has no grants at all (RLS_PRIVILEGES_STEP).
 * - ENABLE, not FORCE: the table owner (the migration, the backfill, the dual-write path running as
 *   owner or service_role) keeps bypassing RLS, as it must.
 *
 * Order: policies first, then RLS enabled table by table — a table never has RLS on without its policy
 * (that would hide every row) — then the privileges, so no table is open without RLS.
 */
export const RLS_POLICY_STEPS: readonly Step[] = RLS_TABLES.map((table) =>
  step(`rls-policy-${table.replace(/_/g, '-')}`, {
    why: table === 'habits' || table === 'habit_records' ? "no user_id of its own: owned through its week's user_id" : 'own rows by user_id',
  }),
);

export const RLS_ENABLE_STEPS: readonly Step[] = RLS_TABLES.map((table) =>
  step(`rls-enable-${table.replace(/_/g, '-')}`, {
    why: 'ENABLE (not FORCE): the owner and service_role keep bypassing; a brief ACCESS EXCLUSIVE lock, no scan',
    template: { family: 'rls-enable', vars: { table } },
  }),
);

/** Phase 2's steps in order. */
export const PHASE2_STEPS: readonly Step[] = [
  MISMATCH_LOG_STEP,
  ...VALIDATE_CONSTRAINT_STEPS,
  ...RLS_POLICY_STEPS,
  ...RLS_ENABLE_STEPS,
  RLS_PRIVILEGES_STEP,
];
