ALTER VIEW IF EXISTS public.habit_tracker_from_new RESET (security_invoker);
