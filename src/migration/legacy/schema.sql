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
