
      DROP POLICY IF EXISTS hv_habit_records_own_family ON public.habit_records;
      CREATE POLICY hv_habit_records_own_family ON public.habit_records AS PERMISSIVE FOR ALL TO authenticated
        USING (habit_id IN (SELECT h.id FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = (SELECT auth.uid())))
        WITH CHECK (habit_id IN (SELECT h.id FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.user_id = (SELECT auth.uid())));
