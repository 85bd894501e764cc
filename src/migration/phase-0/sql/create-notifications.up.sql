
      CREATE TABLE IF NOT EXISTS public.notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        from_user_id uuid,
        type text NOT NULL,
        title text NOT NULL,
        message text NOT NULL,
        link_url text,
        metadata jsonb DEFAULT '{}',
        is_read boolean DEFAULT false,
        created_at timestamptz DEFAULT now()
      );
      ALTER TABLE public.notifications DROP CONSTRAINT IF EXISTS notifications_user_id_fkey;
      ALTER TABLE public.notifications ADD CONSTRAINT notifications_user_id_fkey
        FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE NOT VALID;
      ALTER TABLE public.notifications DROP CONSTRAINT IF EXISTS notifications_from_user_id_fkey;
      ALTER TABLE public.notifications ADD CONSTRAINT notifications_from_user_id_fkey
        FOREIGN KEY (from_user_id) REFERENCES auth.users(id) ON DELETE SET NULL NOT VALID;
      ALTER TABLE public.notifications DROP CONSTRAINT IF EXISTS check_notification_type;
      ALTER TABLE public.notifications ADD CONSTRAINT check_notification_type
        CHECK (type IN ('mention', 'achievement', 'weekly_report', 'chat')) NOT VALID;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.notifications FROM anon, authenticated, service_role;
