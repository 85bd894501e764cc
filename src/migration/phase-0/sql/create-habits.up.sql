
      CREATE TABLE IF NOT EXISTS public.habits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        week_id uuid NOT NULL,
        name text NOT NULL,
        time_period text,
        display_order integer DEFAULT 0,
        created_at timestamptz DEFAULT now()
      );
      ALTER TABLE public.habits DROP CONSTRAINT IF EXISTS habits_week_id_fkey;
      ALTER TABLE public.habits ADD CONSTRAINT habits_week_id_fkey
        FOREIGN KEY (week_id) REFERENCES public.weeks(id) ON DELETE CASCADE NOT VALID;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.habits FROM anon, authenticated, service_role;
