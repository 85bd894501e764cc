
      CREATE TABLE IF NOT EXISTS public.habit_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        habit_id uuid NOT NULL,
        record_date date NOT NULL,
        status text NOT NULL,
        note text,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        -- immediate, not DEFERRABLE: it is the ON CONFLICT arbiter of every status write
        CONSTRAINT habit_records_habit_id_record_date_key UNIQUE (habit_id, record_date)
      );
      ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS habit_records_habit_id_fkey;
      ALTER TABLE public.habit_records ADD CONSTRAINT habit_records_habit_id_fkey
        FOREIGN KEY (habit_id) REFERENCES public.habits(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS check_status;
      ALTER TABLE public.habit_records ADD CONSTRAINT check_status
        CHECK (status IN ('green', 'yellow', 'red', 'none')) NOT VALID;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.habit_records FROM anon, authenticated, service_role;
