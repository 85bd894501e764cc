import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'idempotency-check-then-log';

export const idempotencyCheckThenLog: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: 'The idempotency key is looked up before the writes and logged after them: concurrent duplicates all miss the lookup and all execute (a habit added twice), each with its own response.',
  planReference: "Phase 1 Edge Function: select('*').eq('key', idempotencyKey).single() first, insert into idempotency_log after the writes, the insert's error never read",
  expectedKillers: ['phase-1/idempotency-keys'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-1', 'create-dual-write-dispatcher', 'up', [
      // broken: the plan's SELECT … .eq('key', idempotencyKey).single() before the writes
      [
        `INSERT INTO public.idempotency_log (key, operation, request_hash) VALUES (p_key, p_op, v_hash)
  ON CONFLICT (key) DO NOTHING;
  IF NOT FOUND THEN
    -- a new statement sees the claim that made us wait, now committed
    SELECT * INTO v_log FROM public.idempotency_log l WHERE l.key = p_key;`,
        `SELECT * INTO v_log FROM public.idempotency_log l WHERE l.key = p_key;
  IF FOUND THEN`,
      ],
      // broken: the plan inserts the log row after the writes and never looks at the insert's error
      [
        'UPDATE public.idempotency_log SET response = v_resp WHERE key = p_key;',
        `INSERT INTO public.idempotency_log (key, operation, request_hash, response) VALUES (p_key, p_op, v_hash, v_resp)
  ON CONFLICT (key) DO NOTHING;`,
      ],
    ]),
};
