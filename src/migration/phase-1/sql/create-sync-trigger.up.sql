
CREATE OR REPLACE FUNCTION public.hv_sync_to_new_schema() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  IF current_setting('hv.dual_write', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM public.hv_resync(ARRAY[NEW.id]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM public.hv_resync(ARRAY[OLD.id]);
  ELSIF OLD IS DISTINCT FROM NEW THEN
    -- OLD.id as well: the week or quarantine row to forget is keyed by it (an UPDATE may change id)
    PERFORM public.hv_resync(ARRAY[OLD.id, NEW.id]);
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS sync_habit_tracker_to_new ON public.habit_tracker;
CREATE TRIGGER sync_habit_tracker_to_new
  AFTER INSERT OR UPDATE OR DELETE ON public.habit_tracker
  FOR EACH ROW EXECUTE FUNCTION public.hv_sync_to_new_schema();
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_sync_to_new_schema() FROM PUBLIC, anon, authenticated, service_role;
