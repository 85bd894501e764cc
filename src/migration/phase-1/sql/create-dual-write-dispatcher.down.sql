
      DROP FUNCTION IF EXISTS public.hv_dual_write(text, text, jsonb);
      DROP FUNCTION IF EXISTS public.hv_dw_apply(text, text, jsonb);
      DROP FUNCTION IF EXISTS public.hv_dw_next_seq();
      DROP FUNCTION IF EXISTS public.hv_dw_same_request(public.idempotency_log, text, text, text);
