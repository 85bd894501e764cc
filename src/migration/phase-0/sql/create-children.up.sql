
      CREATE TABLE IF NOT EXISTS public.children (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        name text NOT NULL,
        avatar_url text,
        birth_date date,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now(),
        CONSTRAINT children_user_name_key UNIQUE (user_id, name)
      );
      -- NOT VALID: existing rows are not scanned now (there are none yet, but the same DDL must be
      -- safe to run against a populated table); new rows are still checked.
      ALTER TABLE public.children DROP CONSTRAINT IF EXISTS children_user_id_fkey;
      ALTER TABLE public.children ADD CONSTRAINT children_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.children DROP CONSTRAINT IF EXISTS check_name_length;
      ALTER TABLE public.children ADD CONSTRAINT check_name_length
        CHECK (length(name) >= 1 AND length(name) <= 100) NOT VALID;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.children FROM anon, authenticated, service_role;
