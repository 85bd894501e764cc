
      DROP POLICY IF EXISTS hv_notifications_own_family ON public.notifications;
      CREATE POLICY hv_notifications_own_family ON public.notifications AS PERMISSIVE FOR ALL TO authenticated
        USING (user_id = (SELECT auth.uid()))
        WITH CHECK (user_id = (SELECT auth.uid()));
