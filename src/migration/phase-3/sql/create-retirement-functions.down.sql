DROP FUNCTION IF EXISTS public.hv_p3_legacy_read_only();
    
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_weeks();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_habits();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_habit_records();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_children();
    DROP FUNCTION IF EXISTS public.hv_p3_assign_legacy_id();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_legacy(bigint[]);
