import type { Defect } from './defect.ts';
import type { DualWriteOp, DualWriteRequests, DualWriteResponses, DualWriteResult } from '../contract/dual-write.ts';
import { toDualWriteError } from '../contract/dual-write-error.ts';
import { patchStep } from './transform.ts';

const ID = 'dual-write-two-transactions';

/**
 * The API gets a `p_part` ('both' | 'legacy' | 'new') that runs one half alone: the legacy half claims
 * and logs the key and writes habit_tracker; the new half writes the new schema, found by legacy id.
 */
const DISPATCHER = [
  ['CREATE OR REPLACE FUNCTION public.hv_dual_write(p_key text, p_op text, p_request jsonb)', "CREATE OR REPLACE FUNCTION public.hv_dual_write(p_key text, p_op text, p_request jsonb, p_part text DEFAULT 'both')"],
  ['CREATE OR REPLACE FUNCTION public.hv_dw_apply(p_key text, p_op text, p_req jsonb) RETURNS jsonb', 'CREATE OR REPLACE FUNCTION public.hv_dw_apply(p_key text, p_op text, p_req jsonb, p_part text) RETURNS jsonb'],
  ['  INSERT INTO public.idempotency_log (key, operation, request_hash) VALUES', "  IF p_part <> 'new' THEN\n  INSERT INTO public.idempotency_log (key, operation, request_hash) VALUES"],
  ['    RETURN;\n  END IF;\n  v_resp := public.hv_dw_apply(p_key, p_op, p_request);\n  UPDATE public.idempotency_log SET response = v_resp WHERE key = p_key;',
    "    RETURN;\n  END IF;\n  END IF;\n  v_resp := public.hv_dw_apply(p_key, p_op, p_request, p_part);\n  IF p_part <> 'new' THEN\n  UPDATE public.idempotency_log SET response = v_resp WHERE key = p_key;\n  END IF;"],
  ['RETURN public.hv_dw_create_week(p_key, p_req, v_now);', 'RETURN public.hv_dw_create_week(p_key, p_req, p_part, v_now);'],
  ["  v_id := public.hv_dw_int(p_req, 'legacyId', 1, 9223372036854775807);\n",
    `  v_id := public.hv_dw_int(p_req, 'legacyId', 1, 9223372036854775807);
  IF p_part = 'new' THEN
    PERFORM pg_advisory_xact_lock(public.hv_week_lock_id(c.user_id, c.name, w.week_start_date))
       FROM public.weeks w JOIN public.children c ON c.id = w.child_id WHERE w.legacy_id = v_id;
    SELECT * INTO v_week FROM public.weeks w WHERE w.legacy_id = v_id;
    IF NOT FOUND THEN PERFORM public.hv_dw_reject('DW404', format('week %s does not exist in the new schema', v_id)); END IF;
    IF p_op = 'deleteWeek' THEN
      DELETE FROM public.weeks WHERE legacy_id = v_id;
      RETURN jsonb_build_object('legacyId', v_id, 'weekId', v_week.id);
    END IF;
    RETURN jsonb_build_object('legacyId', v_id, 'weekId', v_week.id) || public.hv_dw_new_write(p_op, v_week, p_req, p_key, v_now);
  END IF;
`],
  ['    PERFORM public.hv_resync(ARRAY[v_id]);', "    IF p_part = 'both' THEN PERFORM public.hv_resync(ARRAY[v_id]); END IF;"],
  ['    v_out := public.hv_dw_new_write(p_op, v_week, p_req, p_key, v_now);', "    IF p_part = 'both' THEN v_out := public.hv_dw_new_write(p_op, v_week, p_req, p_key, v_now); END IF;"],
  // the step's REVOKE and GRANT name the functions by their new signatures
  ['public.hv_dual_write(text, text, jsonb), public.hv_dw_apply(text, text, jsonb),', 'public.hv_dual_write(text, text, jsonb, text), public.hv_dw_apply(text, text, jsonb, text),'],
  ['GRANT EXECUTE ON FUNCTION public.hv_dual_write(text, text, jsonb) TO service_role;', 'GRANT EXECUTE ON FUNCTION public.hv_dual_write(text, text, jsonb, text) TO service_role;'],
] as const;

const OPERATIONS = [
  ['CREATE OR REPLACE FUNCTION public.hv_dw_create_week(p_key text, p_req jsonb, p_now timestamptz) RETURNS jsonb', 'CREATE OR REPLACE FUNCTION public.hv_dw_create_week(p_key text, p_req jsonb, p_part text, p_now timestamptz) RETURNS jsonb'],
  ['  IF v_id IS NOT NULL THEN\n', "  IF v_id IS NOT NULL AND (p_part <> 'new' OR EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = v_id)) THEN\n"],
  ["  PERFORM set_config('hv.dual_write', 'on', true);\n    INSERT", "  IF p_part <> 'new' THEN\n  PERFORM set_config('hv.dual_write', 'on', true);\n    INSERT"],
  ["    RETURNING id INTO v_id;\n    PERFORM set_config('hv.dual_write', 'off', true);\n", "    RETURNING id INTO v_id;\n    PERFORM set_config('hv.dual_write', 'off', true);\n  END IF;\n"],
  ['  INSERT INTO public.children (id, user_id, name', "  IF p_part <> 'legacy' THEN\n  INSERT INTO public.children (id, user_id, name"],
  ['    FROM public.habits h, generate_series(0, 6) AS d WHERE h.week_id = v_week;\n', '    FROM public.habits h, generate_series(0, 6) AS d WHERE h.week_id = v_week;\n  END IF;\n'],
  ['public.hv_dw_create_week(text, jsonb, timestamptz),', 'public.hv_dw_create_week(text, jsonb, text, timestamptz),'],
] as const;

/**
 * The plan's Promise.all([writeToOldSchema, writeToNewSchema]): both halves are sent whatever happens
 * to the other; on one connection they run one after the other (legacy first), each its own
 * transaction, and the caller sees the state both left.
 */
async function twoTransactions<O extends DualWriteOp>(db: import('pg').ClientBase, key: string, op: O, request: DualWriteRequests[O]): Promise<DualWriteResult<DualWriteResponses[O]>> {
  const half = (part: 'both' | 'legacy' | 'new') =>
    db.query<{ result: DualWriteResponses[O]; replayed: boolean }>('SELECT result, replayed FROM public.hv_dual_write($1, $2, $3::jsonb, $4)', [key, op, JSON.stringify(request), part]);
  const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (reason: unknown) => ({ ok: false as const, reason }));
  if (op === 'createTemplate') {
    const r = await settle(half('both'));
    if (!r.ok) throw toDualWriteError(r.reason, op, key) ?? r.reason;
    return { response: r.value.rows[0]!.result, replayed: r.value.rows[0]!.replayed };
  }
  const legacy = await settle(half('legacy'));
  const fresh = await settle(half('new'));
  for (const r of [legacy, fresh]) if (!r.ok) throw toDualWriteError(r.reason, op, key) ?? r.reason;
  const l = (legacy as { value: { rows: Array<{ result: DualWriteResponses[O]; replayed: boolean }> } }).value.rows[0]!;
  const n = (fresh as { value: { rows: Array<{ result: DualWriteResponses[O]; replayed: boolean }> } }).value.rows[0]!;
  return { response: { ...l.result, ...n.result }, replayed: l.replayed };
}

export const dualWriteTwoTransactions: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: 'The legacy and the new-schema write are two independent transactions (Promise.all): a fault in one leaves the other committed, and the key already answers retries.',
  planReference: 'Strangler Fig 개요, 3. 이중쓰기: await Promise.all([writeToOldSchema(data), writeToNewSchema(data)])',
  expectedKillers: ['phase-1/atomicity'],
  apply(impl) {
    let out = patchStep(ID, impl, 'phase-1', 'create-dual-write-dispatcher', 'up', DISPATCHER);
    out = patchStep(ID, out, 'phase-1', 'create-dual-write-dispatcher', 'down', [
      ['public.hv_dual_write(text, text, jsonb);', 'public.hv_dual_write(text, text, jsonb, text);'],
      ['public.hv_dw_apply(text, text, jsonb);', 'public.hv_dw_apply(text, text, jsonb, text);'],
    ]);
    out = patchStep(ID, out, 'phase-1', 'create-dual-write-operations', 'up', OPERATIONS);
    out = patchStep(ID, out, 'phase-1', 'create-dual-write-operations', 'down', [
      ['public.hv_dw_create_week(text, jsonb, timestamptz);', 'public.hv_dw_create_week(text, jsonb, text, timestamptz);'],
    ]);
    return { ...out, dualWrite: { call: twoTransactions } };
  },
};
