DROP POLICY IF EXISTS hv_children_own_family ON public.children;
