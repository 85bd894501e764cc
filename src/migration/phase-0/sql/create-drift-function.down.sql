DROP FUNCTION IF EXISTS public.hv_drift(integer, integer);
