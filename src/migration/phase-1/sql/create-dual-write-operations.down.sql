
      DROP FUNCTION IF EXISTS public.hv_dw_create_template(text, jsonb, timestamptz);
      DROP FUNCTION IF EXISTS public.hv_dw_create_week(text, jsonb, timestamptz);
      DROP FUNCTION IF EXISTS public.hv_dw_new_write(text, public.weeks, jsonb, text, timestamptz);
      DROP FUNCTION IF EXISTS public.hv_dw_legacy_change(text, public.habit_tracker, jsonb);
