DROP INDEX CONCURRENTLY IF EXISTS public.idx_habit_tracker_week_key
