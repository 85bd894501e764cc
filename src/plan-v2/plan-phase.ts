/**
 * The plan's phases on the shared executor (definePhase), run the way the plan's SQL runs as written:
 * - no lock_timeout: the plan never sets one, so the executor's is the largest Postgres takes
 *   (2147483647 ms, ~24.8 days) and nothing is retried;
 * - a script that fails inside its own BEGIN leaves the session in an aborted transaction, which the
 *   script's own COMMIT ends (Postgres answers the COMMIT of a failed transaction with ROLLBACK, and
 *   psql sends it after the error): after a failed apply, complete or rollback the phase ends it too;
 * - `applied` runs after a successful apply, for what happens outside the database (Phase 1 deploys
 *   its Edge Function).
 */
import type pg from 'pg';
import { definePhase, type PhaseSpec } from '../contract/define-phase.ts';
import type { ExecutorOptions } from '../contract/executor.ts';
import type { Phase, PhaseParts } from '../contract/phase.ts';
import { transactionStatus } from './transaction-status.ts';

export const PLAN_EXECUTOR: ExecutorOptions = { lockTimeoutMs: 2_147_483_647, lockRetries: 0 };

export interface PlanPhaseHooks {
  applied?(db: pg.ClientBase): Promise<void>;
}

export function planPhase<X extends object = object>(spec: PhaseSpec<X>, hooks: PlanPhaseHooks = {}): Phase & X {
  return wrap(definePhase<X>({ executor: PLAN_EXECUTOR, ...spec }), hooks);
}

function wrap<P extends Phase>(phase: P, hooks: PlanPhaseHooks): P {
  const ending =
    <A extends unknown[], R>(fn: (db: pg.ClientBase, ...args: A) => Promise<R>) =>
    async (db: pg.ClientBase, ...args: A): Promise<R> => {
      try {
        return await fn(db, ...args);
      } catch (err) {
        // node-postgres rejects before the server's ReadyForQuery: a round trip brings the status up to date
        await db.query('SELECT 1').catch(() => undefined);
        if (transactionStatus(db) === 'E') await db.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    };
  const rename = (phase as { rename?: Phase['apply'] }).rename;
  return {
    ...phase,
    with: (parts: Partial<PhaseParts>) => wrap(phase.with(parts), hooks),
    apply: ending(async (db, opts) => {
      const results = await phase.apply(db, opts);
      await hooks.applied?.(db);
      return results;
    }),
    complete: ending(phase.complete),
    rollback: ending(phase.rollback),
    ...(rename ? { rename: ending(rename) } : {}),
  };
}
