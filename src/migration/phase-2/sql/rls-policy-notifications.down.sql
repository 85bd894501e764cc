DROP POLICY IF EXISTS hv_notifications_own_family ON public.notifications;
