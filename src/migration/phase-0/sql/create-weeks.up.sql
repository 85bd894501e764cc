
      CREATE TABLE IF NOT EXISTS public.weeks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        child_id uuid NOT NULL,
        week_start_date date NOT NULL,
        week_end_date date NOT NULL,
        theme text,
        reflection jsonb DEFAULT '{}',
        reward text,
        template_id uuid,
        legacy_id bigint,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        -- immediate, not DEFERRABLE: see the module comment
        CONSTRAINT unique_child_week UNIQUE (child_id, week_start_date),
        CONSTRAINT weeks_legacy_id_key UNIQUE (legacy_id)
      );
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS weeks_user_id_fkey;
      ALTER TABLE public.weeks ADD CONSTRAINT weeks_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS weeks_child_id_fkey;
      ALTER TABLE public.weeks ADD CONSTRAINT weeks_child_id_fkey
        FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS check_week_dates;
      -- date + integer, not + INTERVAL: date + interval yields a timestamp, compared in the session zone
      ALTER TABLE public.weeks ADD CONSTRAINT check_week_dates
        CHECK (week_end_date = week_start_date + 6) NOT VALID;
      ALTER TABLE public.weeks DROP CONSTRAINT IF EXISTS check_week_start_monday;
      ALTER TABLE public.weeks ADD CONSTRAINT check_week_start_monday
        CHECK (EXTRACT(ISODOW FROM week_start_date) = 1) NOT VALID;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.weeks FROM anon, authenticated, service_role;
