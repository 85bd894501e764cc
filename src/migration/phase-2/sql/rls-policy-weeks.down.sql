DROP POLICY IF EXISTS hv_weeks_own_family ON public.weeks;
