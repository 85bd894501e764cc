
    CREATE TABLE IF NOT EXISTS public.hv_phase2_saved_acl (relname text PRIMARY KEY, acl aclitem[]);
    REVOKE ALL ON public.hv_phase2_saved_acl FROM PUBLIC, anon, authenticated, service_role;
    INSERT INTO public.hv_phase2_saved_acl (relname, acl)
    SELECT c.relname, c.relacl FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
       AND (c.relname = ANY (ARRAY['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications', 'habit_tracker_from_new'])
            OR c.relname ~ '^(migration_|backfill_)')
    ON CONFLICT (relname) DO NOTHING;

    REVOKE ALL ON public.children, public.weeks, public.habits, public.habit_records, public.habit_templates, public.notifications, public.habit_tracker_from_new FROM anon, authenticated;
    GRANT SELECT, INSERT, UPDATE, DELETE ON public.children, public.weeks, public.habits, public.habit_records,
      public.habit_templates TO authenticated;
    GRANT SELECT, DELETE ON public.notifications TO authenticated;
    GRANT UPDATE (is_read) ON public.notifications TO authenticated;
    GRANT SELECT ON public.habit_tracker_from_new TO authenticated;
    -- the server (Edge Functions, the service key) writes the new schema from now on: notifications,
    -- templates; it bypasses RLS, so never TRUNCATE, REFERENCES or TRIGGER
    GRANT SELECT, INSERT, UPDATE, DELETE ON public.children, public.weeks, public.habits, public.habit_records,
      public.habit_templates, public.notifications TO service_role;
    DO $$
    DECLARE
      v record;
    BEGIN
      FOR v IN SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                  AND c.relname ~ '^(migration_|backfill_)' LOOP
        EXECUTE format('REVOKE ALL ON public.%I FROM anon, authenticated, service_role', v.relname);
      END LOOP;
    END
    $$;
