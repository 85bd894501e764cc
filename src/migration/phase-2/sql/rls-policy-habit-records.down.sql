DROP POLICY IF EXISTS hv_habit_records_own_family ON public.habit_records;
