DROP TABLE IF EXISTS public.habit_records CASCADE;
