ALTER VIEW public.habit_tracker_from_new SET (security_invoker = true);
