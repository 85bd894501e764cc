import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'dual-write-implicit-grant';

/**
 * The dual-write API closed to anon and authenticated but never granted to service_role: it works on a
 * project that still grants new functions to the API roles, and fails with 42501 for the Edge Function
 * on today's Supabase (new objects in public get no grants).
 */
export const dualWriteImplicitGrant: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "The dual-write entry point relies on Supabase's old automatic grant to service_role (no explicit GRANT): on today's platform every API call fails with 42501.",
  planReference: 'Phase 1 API: supabase.rpc / Edge Function with the service key, no GRANT anywhere in the plan',
  expectedKillers: ['phase-1/reachability'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-1', 'create-dual-write-dispatcher', 'up', [
      ['hv_dw_same_request(public.idempotency_log, text, text, text) FROM PUBLIC, anon, authenticated, service_role;', 'hv_dw_same_request(public.idempotency_log, text, text, text) FROM PUBLIC, anon, authenticated;'],
      ['GRANT EXECUTE ON FUNCTION public.hv_dual_write(text, text, jsonb) TO service_role;', ''],
    ]),
};
