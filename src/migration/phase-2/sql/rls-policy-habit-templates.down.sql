DROP POLICY IF EXISTS hv_habit_templates_own_family ON public.habit_templates;
