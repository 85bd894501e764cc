
    DROP FUNCTION IF EXISTS public.hv_dw_order(jsonb, integer);
    DROP FUNCTION IF EXISTS public.hv_dw_habit_index(jsonb, integer);
    DROP FUNCTION IF EXISTS public.hv_dw_names(jsonb, text);
    DROP FUNCTION IF EXISTS public.hv_dw_date(jsonb, text);
    DROP FUNCTION IF EXISTS public.hv_dw_uuid(jsonb, text);
    DROP FUNCTION IF EXISTS public.hv_dw_int(jsonb, text, bigint, bigint);
    DROP FUNCTION IF EXISTS public.hv_dw_text(jsonb, text, boolean, integer);
    DROP FUNCTION IF EXISTS public.hv_dw_reject(text, text);
