
    DROP VIEW IF EXISTS public.migration_near_duplicate_children;
    DROP FUNCTION IF EXISTS public.hv_name_key(text);
    DROP VIEW IF EXISTS public.habit_tracker_from_new;
    DROP FUNCTION IF EXISTS public.hv_week_habits(uuid, date);
