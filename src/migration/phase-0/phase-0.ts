import type pg from 'pg';
import type { Step } from '../step.ts';
import { runSteps, type ExecutorOptions, type StepResult } from '../executor.ts';
import type { MigrationOptions } from '../migration-options.ts';
import { MigrationError } from '../migration-error.ts';
import { SHADOW_SCHEMA_STEPS } from './shadow-schema.ts';
import { backfillFunctionsStep } from './backfill-functions.ts';
import { LEGACY_VIEW_STEP } from './legacy-view.ts';
import { driftFunctionStep } from './drift-function.ts';

/** Phase 0's steps, in apply order: shadow tables, indexes, backfill functions, legacy view, drift. */
export function phase0Steps(opts?: MigrationOptions): Step[] {
  return [...SHADOW_SCHEMA_STEPS, backfillFunctionsStep(opts), LEGACY_VIEW_STEP, driftFunctionStep(opts)];
}

/**
 * Phase 0 — prepare. validate / apply / complete / rollback side by side (a pgroll operation).
 * The backfill itself runs between apply and complete (runBackfill); it may run many times.
 */
export const phase0 = {
  id: 'phase-0' as const,

  /** The legacy table and the auth shim must exist; nothing else is assumed. */
  async validate(client: pg.ClientBase): Promise<void> {
    const { rows } = await client.query<{ legacy: string | null; users: string | null }>(
      `SELECT to_regclass('public.habit_tracker')::text AS legacy, to_regclass('auth.users')::text AS users`,
    );
    if (!rows[0]?.legacy) throw new MigrationError('phase-0: public.habit_tracker does not exist; load the legacy schema first');
    if (!rows[0]?.users) throw new MigrationError('phase-0: auth.users does not exist; install the Supabase auth shim first');
  },

  async apply(client: pg.ClientBase, opts: MigrationOptions & ExecutorOptions = {}): Promise<StepResult[]> {
    await this.validate(client);
    return runSteps(client, phase0Steps(opts), 'up', opts);
  },

  /** Phase 0 is complete when the backfill has reached the end of the legacy table. */
  async complete(client: pg.ClientBase): Promise<void> {
    const { rows } = await client.query<{ status: string }>(`SELECT status FROM public.backfill_progress WHERE job = 'habit_tracker'`);
    if (rows[0]?.status !== 'completed') {
      throw new MigrationError(`phase-0: the backfill has not completed (status ${rows[0]?.status ?? 'not started'}); run the backfill first`);
    }
  },

  /** Drops everything Phase 0 created, in reverse; the legacy table is never touched. */
  async rollback(client: pg.ClientBase, opts: MigrationOptions & ExecutorOptions = {}): Promise<StepResult[]> {
    return runSteps(client, phase0Steps(opts), 'down', opts);
  },
};
