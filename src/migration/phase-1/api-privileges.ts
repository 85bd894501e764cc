import type { Step } from '../../contract/step.ts';

/**
 * Phase 1's functions and log are the server's, not the API roles'. Supabase grants anon and
 * authenticated EXECUTE on every new function in public (and PUBLIC has it by default), so without this
 * any signed-in client could call hv_dual_write, hv_resync or hv_reconcile over PostgREST RPC, or read
 * and forge idempotency keys. The Edge Function calls hv_dual_write as service_role; the trigger runs
 * as its owner. Roles that do not exist (a plain Postgres without the Supabase roles) are skipped.
 */
export const API_PRIVILEGES_STEP: Step = {
  name: 'close-phase-1-to-api-roles',
  why: 'no RPC into the dual write or the sync for anon/authenticated; service_role keeps hv_dual_write',
  up: `
DO $$
DECLARE
  v_fn regprocedure;
  v_role text;
BEGIN
  FOR v_fn IN
    SELECT p.oid::regprocedure FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace
       AND (p.proname LIKE 'hv\\_dw\\_%' OR p.proname IN ('hv_dual_write', 'hv_resync', 'hv_reconcile', 'hv_groups_of', 'hv_sync_to_new_schema'))
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_fn);
    FOREACH v_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %I', v_fn, v_role);
      END IF;
    END LOOP;
  END LOOP;
  FOREACH v_role IN ARRAY ARRAY['anon', 'authenticated'] LOOP
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
      EXECUTE format('REVOKE ALL ON TABLE public.idempotency_log FROM %I', v_role);
      EXECUTE format('REVOKE ALL ON SEQUENCE public.hv_op_seq FROM %I', v_role);
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
    GRANT EXECUTE ON FUNCTION public.hv_dual_write(text, text, jsonb) TO service_role;
  END IF;
END
$$;`,
};
