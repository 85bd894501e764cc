CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_habit_tracker_week_key ON public.habit_tracker (user_id, child_name, week_start_date)
