-- The legacy table as the running Supabase app has it, made before 2026 (when new tables were
-- granted to the API roles automatically): a signed-in parent reads and writes the family's own rows
-- through RLS; the table keeps the grants it got then. Run as the migration's role (its owner).
ALTER TABLE public.habit_tracker ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS habit_tracker_own_family ON public.habit_tracker;
CREATE POLICY habit_tracker_own_family ON public.habit_tracker
  USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
GRANT ALL ON TABLE public.habit_tracker TO anon, authenticated, service_role;
GRANT ALL ON SEQUENCE public.habit_tracker_id_seq TO anon, authenticated, service_role;
