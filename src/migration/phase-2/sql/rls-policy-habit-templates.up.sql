
      DROP POLICY IF EXISTS hv_habit_templates_own_family ON public.habit_templates;
      CREATE POLICY hv_habit_templates_own_family ON public.habit_templates AS PERMISSIVE FOR ALL TO authenticated
        USING (user_id = (SELECT auth.uid()))
        WITH CHECK (user_id = (SELECT auth.uid()) AND (child_id IS NULL OR child_id IN (SELECT c.id FROM public.children c WHERE c.user_id = (SELECT auth.uid()))));
