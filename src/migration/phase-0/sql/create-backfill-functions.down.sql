
    DROP FUNCTION IF EXISTS public.hv_backfill_batch(integer, text);
    DROP FUNCTION IF EXISTS public.hv_migrate_page(bigint, bigint, text);
    DROP FUNCTION IF EXISTS public.hv_advance_progress(integer, text);
    DROP FUNCTION IF EXISTS public.hv_migrate_range(bigint, bigint);
    DROP FUNCTION IF EXISTS public.hv_row_reason(public.habit_tracker);
    DROP FUNCTION IF EXISTS public.hv_row_reasons(public.habit_tracker);
    DROP FUNCTION IF EXISTS public.hv_habits_reason(jsonb);
    DROP FUNCTION IF EXISTS public.hv_habits_reasons(jsonb);
    DROP FUNCTION IF EXISTS public.hv_status_fault(jsonb);
    DROP FUNCTION IF EXISTS public.hv_canonical_habits(jsonb);
    DROP FUNCTION IF EXISTS public.hv_canonical_times(jsonb);
    DROP FUNCTION IF EXISTS public.hv_canonical_statuses(jsonb);
    DROP FUNCTION IF EXISTS public.hv_week_period(date);
    DROP FUNCTION IF EXISTS public.hv_ascii_lower(text);
    DROP FUNCTION IF EXISTS public.hv_uuid(text);
    DROP FUNCTION IF EXISTS public.hv_row_json(public.habit_tracker);
    DROP FUNCTION IF EXISTS public.hv_ts_text(timestamptz);
