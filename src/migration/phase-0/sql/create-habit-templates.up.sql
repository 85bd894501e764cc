
      CREATE TABLE IF NOT EXISTS public.habit_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        child_id uuid,
        name text NOT NULL,
        description text,
        habits jsonb NOT NULL DEFAULT '[]',
        is_default boolean DEFAULT false,
        created_at timestamptz DEFAULT now(),
        updated_at timestamptz DEFAULT now()
      );
      ALTER TABLE public.habit_templates DROP CONSTRAINT IF EXISTS habit_templates_user_id_fkey;
      ALTER TABLE public.habit_templates ADD CONSTRAINT habit_templates_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.habit_templates DROP CONSTRAINT IF EXISTS habit_templates_child_id_fkey;
      ALTER TABLE public.habit_templates ADD CONSTRAINT habit_templates_child_id_fkey
        FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE NOT VALID;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.habit_templates FROM anon, authenticated, service_role;
