DROP POLICY IF EXISTS hv_habits_own_family ON public.habits;
