import type { Step } from '../../contract/step.ts';

/**
 * The idempotency log: one row per request key, claimed FIRST in the request's transaction and
 * completed with the response in the same transaction. The claim is what makes duplicates safe: a
 * concurrent duplicate's INSERT … ON CONFLICT DO NOTHING waits on the claiming transaction's row lock
 * and then reads its stored response; a rolled-back claim leaves no row, so the retry runs for real.
 *
 * The plan checks for the key first and logs it after the writes: two concurrent duplicates both miss
 * the check and both execute.
 *
 * No `down`: Phase 1's rollback keeps the log (see phase-1.ts). hv_op_seq numbers applied writes; a
 * write takes its number while holding every lock it needs, so sorting by it gives an order in which
 * conflicting writes happened — it is in every response as `opSeq`.
 */
export const IDEMPOTENCY_LOG_STEP: Step = {
  name: 'create-idempotency-log',
  why: 'request keys with their request hash and stored response, claimed first in the write transaction',
  up: `
    CREATE TABLE IF NOT EXISTS public.idempotency_log (
      key text PRIMARY KEY,
      operation text NOT NULL,
      request_hash text NOT NULL,
      -- null only while the claiming transaction is still running (nobody else can see that row)
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE SEQUENCE IF NOT EXISTS public.hv_op_seq;`,
};
