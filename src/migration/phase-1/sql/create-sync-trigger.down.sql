
      DROP TRIGGER IF EXISTS sync_habit_tracker_to_new ON public.habit_tracker;
      DROP FUNCTION IF EXISTS public.hv_sync_to_new_schema();
