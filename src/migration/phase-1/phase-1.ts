/**
 * Phase 1 — dual write. validate / apply / complete / rollback side by side (a pgroll operation).
 *
 * apply: the idempotency log, an index for the trigger's group lookups, the re-derivation functions,
 * the dual-write API (plpgsql, one call = one transaction), the backup trigger on habit_tracker, no
 * EXECUTE for the API roles (service_role keeps hv_dual_write), then a reconcile of every legacy write the trigger did not see (between the backfill and now).
 * Steps are idempotent: apply can be run again, and re-applying after a rollback catches up.
 *
 * ROLLBACK — what happens to the data, decided here:
 * - Dual writing stops: the trigger goes first, then the API functions and the sync functions. The
 *   legacy table is never touched; old and new app versions keep working against it.
 * - Data that exists only in the new schema is KEPT, never dropped or truncated: habit_templates and
 *   notifications (Phase 0 owns those tables; dropping them is Phase 0's rollback, a separate and
 *   explicit decision), weeks.template_id, and the idempotency log (so a request retried after a
 *   re-apply is still answered from its stored response, not executed twice). rollback() returns
 *   how many rows of each it kept, for the operator's report — nothing is lost silently.
 * - While rolled back, the new schema drifts from legacy writes. Re-applying Phase 1 reconciles it
 *   (hv_reconcile re-derives every drifted, new or deleted row) and keeps the new-only data.
 * The plan's own rollback (drop the function and the trigger, "구 스키마만 사용") is silent about
 * templates.
 */
import type pg from 'pg';
import { definePhase } from '../../contract/define-phase.ts';
import { MigrationError } from '../../contract/migration-error.ts';
import { phase0 } from '../phase-0/phase-0.ts';
import { PHASE1_STEPS, SYNC_TRIGGER } from './steps.ts';

/** Rows of new-only data that a rollback kept, by table (`weeks.template_id`: weeks that have one). */
export interface KeptNewOnlyData extends Record<string, number> {
  habit_templates: number;
  notifications: number;
  'weeks.template_id': number;
  idempotency_log: number;
}

export const phase1 = definePhase({
  id: 'phase-1',
  steps: PHASE1_STEPS,
  // a request retried after a re-apply is answered from the log, not executed twice
  keeps: { relations: ['idempotency_log', 'idempotency_log_pkey', 'hv_op_seq'] },

  /** Phase 0 must be applied and its backfill completed. */
  async validate(client: pg.ClientBase) {
    const { rows } = await client.query<{ weeks: string | null; migrate: string | null; drift: string | null }>(
      `SELECT to_regclass('public.weeks')::text AS weeks,
              to_regprocedure('public.hv_migrate_range(bigint, bigint)')::text AS migrate,
              to_regprocedure('public.hv_drift(integer, integer)')::text AS drift`,
    );
    const r = rows[0];
    if (!r?.weeks || !r.migrate || !r.drift) {
      throw new MigrationError('phase-1: Phase 0 is not applied (weeks, hv_migrate_range or hv_drift missing); apply Phase 0 first');
    }
    await phase0.complete(client).catch((err: unknown) => {
      throw new MigrationError(`phase-1 needs a completed backfill: ${(err as Error).message}`, { cause: err });
    });
  },

  /** Phase 1 is complete when the trigger is in place and nothing drifts. */
  async beforeComplete(client: pg.ClientBase) {
    const { rows } = await client.query<{ trigger: boolean; drift: number }>(
      `SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = $1 AND tgrelid = 'public.habit_tracker'::regclass) AS trigger,
              (SELECT count(*)::int FROM public.hv_drift()) AS drift`,
      [SYNC_TRIGGER],
    );
    if (!rows[0]?.trigger) throw new MigrationError('phase-1: the sync trigger is not installed; apply Phase 1');
    if (rows[0].drift > 0) throw new MigrationError(`phase-1: ${rows[0].drift} drift row(s) between legacy and new; run SELECT public.hv_reconcile()`);
  },

  /** Stops dual writing; keeps every new-only row and says how many (see the module comment). */
  afterRollback: keptNewOnlyData,
});

/** Counts of the new-only data in the database (what a rollback keeps). */
export async function keptNewOnlyData(client: pg.ClientBase): Promise<KeptNewOnlyData> {
  const { rows } = await client.query<KeptNewOnlyData>(
    `SELECT (SELECT count(*)::int FROM public.habit_templates) AS habit_templates,
            (SELECT count(*)::int FROM public.notifications) AS notifications,
            (SELECT count(*)::int FROM public.weeks WHERE template_id IS NOT NULL) AS "weeks.template_id",
            (SELECT count(*)::int FROM public.idempotency_log) AS idempotency_log`,
  );
  return rows[0]!;
}
