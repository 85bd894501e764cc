/**
 * Phase 0 — prepare: the shadow tables, the backfill's functions, the legacy view and the drift
 * detector. The backfill itself (runBackfill) runs between apply and complete, any number of times.
 */
import type pg from 'pg';
import { definePhase } from '../../contract/define-phase.ts';
import { MigrationError } from '../../contract/migration-error.ts';
import { PHASE0_STEPS } from './steps.ts';

export const phase0 = definePhase({
  id: 'phase-0',
  // shadow tables, indexes, backfill functions, legacy view, drift; rollback drops them all, in
  // reverse — the legacy table is never touched
  steps: PHASE0_STEPS,

  /** The legacy table and the auth shim must exist; nothing else is assumed. */
  async validate(client: pg.ClientBase) {
    const { rows } = await client.query<{ legacy: string | null; users: string | null }>(
      `SELECT to_regclass('public.habit_tracker')::text AS legacy, to_regclass('auth.users')::text AS users`,
    );
    if (!rows[0]?.legacy) throw new MigrationError('phase-0: public.habit_tracker does not exist; load the legacy schema first');
    if (!rows[0]?.users) throw new MigrationError('phase-0: auth.users does not exist; install the Supabase auth shim first');
  },

  /** Phase 0 is complete when the backfill has reached the end of the legacy table. */
  async beforeComplete(client: pg.ClientBase) {
    const { rows } = await client.query<{ status: string }>(`SELECT status FROM public.backfill_progress WHERE job = 'habit_tracker'`);
    if (rows[0]?.status !== 'completed') {
      throw new MigrationError(`phase-0: the backfill has not completed (status ${rows[0]?.status ?? 'not started'}); run the backfill first`);
    }
  },
});
