-- The legacy schema as the running app has it (inferred from the plan's code; see ../shared/seed/README.md).
-- One row per child per week. No foreign key on user_id: rows with a null owner, or an owner that is
-- no longer in auth.users, exist in production and the migration has to account for them.
CREATE TABLE IF NOT EXISTS public.habit_tracker (
  id              bigserial PRIMARY KEY,
  user_id         uuid,
  child_name      text NOT NULL,
  week_period     text,
  week_start_date date NOT NULL,
  theme           text,
  habits          jsonb,
  reflection      jsonb,
  reward          text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- As a Supabase app has it: a signed-in parent reads and writes the family's own rows through RLS, and
-- the table keeps the grants it got when it was made (before 2026-10-30 every new table in public was
-- granted to the API roles automatically). Run as the migration's role, its owner.
-- squawk-ignore require-lock-timeout,prefer-robust-stmts -- the app's state before the migration (the lab builds it on an empty table), not a step of the migration
ALTER TABLE public.habit_tracker ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS habit_tracker_own_family ON public.habit_tracker;
CREATE POLICY habit_tracker_own_family ON public.habit_tracker
  USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
GRANT ALL ON TABLE public.habit_tracker TO anon, authenticated, service_role;
GRANT ALL ON SEQUENCE public.habit_tracker_id_seq TO anon, authenticated, service_role;
