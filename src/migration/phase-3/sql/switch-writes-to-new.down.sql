
    DO $$
    DECLARE
      saved jsonb;
      t record;
    BEGIN
      IF to_regclass('public.migration_retirement') IS NOT NULL THEN
        -- the flag first, as in up
        SELECT r.saved_triggers INTO saved FROM public.migration_retirement r WHERE r.write_path = 'new' FOR UPDATE;
        UPDATE public.migration_retirement SET write_path = 'legacy', read_only_since = NULL, saved_triggers = '[]';
      END IF;
      LOCK TABLE public.habit_tracker, public.children, public.weeks, public.habits, public.habit_records IN SHARE ROW EXCLUSIVE MODE;
      FOR t IN SELECT * FROM jsonb_to_recordset(coalesce(saved, '[]')) AS x(name text, def text, enabled text) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = 'public.habit_tracker'::regclass AND tg.tgname = t.name) THEN
          EXECUTE t.def;
          IF t.enabled = 'D' THEN EXECUTE format('ALTER TABLE public.habit_tracker DISABLE TRIGGER %I', t.name);
          ELSIF t.enabled = 'A' THEN EXECUTE format('ALTER TABLE public.habit_tracker ENABLE ALWAYS TRIGGER %I', t.name);
          ELSIF t.enabled = 'R' THEN EXECUTE format('ALTER TABLE public.habit_tracker ENABLE REPLICA TRIGGER %I', t.name);
          END IF;
        END IF;
      END LOOP;
    END $$;
    DROP TRIGGER IF EXISTS hv_p3_legacy_read_only ON public.habit_tracker;
     DROP TRIGGER IF EXISTS hv_p3_legacy_no_truncate ON public.habit_tracker;
    DROP TRIGGER IF EXISTS hv_p3_assign_legacy_id ON public.weeks;
    DROP TRIGGER IF EXISTS hv_p3_sync_insert ON public.weeks;
    DROP TRIGGER IF EXISTS hv_p3_sync_update ON public.weeks;
    DROP TRIGGER IF EXISTS hv_p3_sync_delete ON public.weeks;
    DROP TRIGGER IF EXISTS hv_p3_sync_insert ON public.habits;
    DROP TRIGGER IF EXISTS hv_p3_sync_update ON public.habits;
    DROP TRIGGER IF EXISTS hv_p3_sync_delete ON public.habits;
    DROP TRIGGER IF EXISTS hv_p3_sync_insert ON public.habit_records;
    DROP TRIGGER IF EXISTS hv_p3_sync_update ON public.habit_records;
    DROP TRIGGER IF EXISTS hv_p3_sync_delete ON public.habit_records;
    DROP TRIGGER IF EXISTS hv_p3_sync_update ON public.children;
