SELECT public.hv_reconcile()
