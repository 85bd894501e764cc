ANALYZE public.children, public.weeks, public.habits, public.habit_records, public.habit_templates, public.notifications;
