
      DROP POLICY IF EXISTS hv_habits_own_family ON public.habits;
      CREATE POLICY hv_habits_own_family ON public.habits AS PERMISSIVE FOR ALL TO authenticated
        USING (week_id IN (SELECT w.id FROM public.weeks w WHERE w.user_id = (SELECT auth.uid())))
        WITH CHECK (week_id IN (SELECT w.id FROM public.weeks w WHERE w.user_id = (SELECT auth.uid())));
