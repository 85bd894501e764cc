DROP TABLE IF EXISTS public.habit_templates CASCADE;
