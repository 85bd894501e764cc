
      DROP POLICY IF EXISTS hv_children_own_family ON public.children;
      CREATE POLICY hv_children_own_family ON public.children AS PERMISSIVE FOR ALL TO authenticated
        USING (user_id = (SELECT auth.uid()))
        WITH CHECK (user_id = (SELECT auth.uid()));
