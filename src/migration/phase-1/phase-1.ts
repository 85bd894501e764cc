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
 * templates; deleting them with the dual-write machinery is defect `rollback-drops-new-only-data`.
 */
import type pg from 'pg';
import type { Step } from '../step.ts';
import { runSteps, type ExecutorOptions, type StepResult } from '../executor.ts';
import { type MigrationOptions, variant } from '../migration-options.ts';
import { MigrationError } from '../migration-error.ts';
import { phase0 } from '../phase-0/phase-0.ts';
import { IDEMPOTENCY_LOG_STEP } from './idempotency-log.ts';
import { RECONCILE_STEP, WEEK_KEY_INDEX_STEP, syncFunctionsStep } from './sync-functions.ts';
import { SYNC_TRIGGER, syncTriggerStep } from './sync-trigger.ts';
import { DUAL_WRITE_REQUESTS_STEP } from './dual-write-requests.ts';
import { dualWriteOperationsStep } from './dual-write-operations.ts';
import { dualWriteDispatcherStep } from './dual-write-dispatcher.ts';
import { API_PRIVILEGES_STEP } from './api-privileges.ts';

/** Rows of new-only data that a rollback kept, by table (`weeks.template_id`: weeks that have one). */
export interface KeptNewOnlyData {
  habit_templates: number;
  notifications: number;
  'weeks.template_id': number;
  idempotency_log: number;
}

export interface Phase1Rollback {
  steps: StepResult[];
  kept: KeptNewOnlyData;
}

/** Phase 1's steps, in apply order. */
export function phase1Steps(opts?: MigrationOptions): Step[] {
  return [
    IDEMPOTENCY_LOG_STEP,
    newOnlyDataStep(opts),
    ...variant<Step[]>(opts, 'upsert-on-deferrable-unique', [DEFERRABLE_RECORDS_UNIQUE_STEP], []),
    WEEK_KEY_INDEX_STEP,
    syncFunctionsStep(opts),
    DUAL_WRITE_REQUESTS_STEP,
    dualWriteOperationsStep(opts),
    dualWriteDispatcherStep(opts),
    syncTriggerStep(opts),
    API_PRIVILEGES_STEP,
    RECONCILE_STEP,
  ];
}

export const phase1 = {
  id: 'phase-1' as const,

  /** Phase 0 must be applied and its backfill completed. */
  async validate(client: pg.ClientBase): Promise<void> {
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

  async apply(client: pg.ClientBase, opts: MigrationOptions & ExecutorOptions = {}): Promise<StepResult[]> {
    await this.validate(client);
    return runSteps(client, phase1Steps(opts), 'up', opts);
  },

  /** Phase 1 is complete when the trigger is in place and nothing drifts. */
  async complete(client: pg.ClientBase): Promise<void> {
    const { rows } = await client.query<{ trigger: boolean; drift: number }>(
      `SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = $1 AND tgrelid = 'public.habit_tracker'::regclass) AS trigger,
              (SELECT count(*)::int FROM public.hv_drift()) AS drift`,
      [SYNC_TRIGGER],
    );
    if (!rows[0]?.trigger) throw new MigrationError('phase-1: the sync trigger is not installed; apply Phase 1');
    if (rows[0].drift > 0) throw new MigrationError(`phase-1: ${rows[0].drift} drift row(s) between legacy and new; run SELECT public.hv_reconcile()`);
  },

  /** Stops dual writing; keeps every new-only row and says how many (see the module comment). */
  async rollback(client: pg.ClientBase, opts: MigrationOptions & ExecutorOptions = {}): Promise<Phase1Rollback> {
    const steps = await runSteps(client, phase1Steps(opts), 'down', opts);
    return { steps, kept: await keptNewOnlyData(client) };
  },
};

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

/** Where the rollback decision lives as a step: its down keeps new-only data (the defect deletes it). */
function newOnlyDataStep(opts?: MigrationOptions): Step {
  return {
    name: 'keep-new-only-data',
    why: 'templates and notifications have no legacy home: a rollback keeps them (counted in the rollback result)',
    up: '',
    ...variant<{ down?: string }>(
      opts,
      'rollback-drops-new-only-data',
      // broken: "back to the old schema only" — what was written only to the new schema goes with it
      { down: 'DELETE FROM public.habit_templates; DELETE FROM public.notifications; UPDATE public.weeks SET template_id = NULL;' },
      {},
    ),
  };
}

/** Defect upsert-on-deferrable-unique: the plan's DEFERRABLE INITIALLY DEFERRED UNIQUE (habit_id, record_date). */
const DEFERRABLE_RECORDS_UNIQUE_STEP: Step = {
  name: 'deferrable-records-unique',
  why: "defect only: the plan's DDL, which Postgres refuses as the ON CONFLICT (habit_id, record_date) arbiter of its upsert",
  up: `
    ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS habit_records_habit_id_record_date_key;
    ALTER TABLE public.habit_records ADD CONSTRAINT habit_records_habit_id_record_date_key
      UNIQUE (habit_id, record_date) DEFERRABLE INITIALLY DEFERRED;`,
  down: `
    ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS habit_records_habit_id_record_date_key;
    ALTER TABLE public.habit_records ADD CONSTRAINT habit_records_habit_id_record_date_key UNIQUE (habit_id, record_date);`,
};
