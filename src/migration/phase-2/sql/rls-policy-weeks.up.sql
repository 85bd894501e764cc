
      DROP POLICY IF EXISTS hv_weeks_own_family ON public.weeks;
      CREATE POLICY hv_weeks_own_family ON public.weeks AS PERMISSIVE FOR ALL TO authenticated
        USING (user_id = (SELECT auth.uid()))
        WITH CHECK (user_id = (SELECT auth.uid()) AND child_id IN (SELECT c.id FROM public.children c WHERE c.user_id = (SELECT auth.uid()))
       AND (template_id IS NULL OR template_id IN (SELECT t.id FROM public.habit_templates t WHERE t.user_id = (SELECT auth.uid()))));
