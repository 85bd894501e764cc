
    DO $$
    DECLARE
      first_time boolean;
      t record;
    BEGIN
      -- the flag first: this waits for the app's writes in flight (they hold it FOR SHARE) and holds later
      -- ones at the flag, before this transaction holds any table lock they could be waiting for
      UPDATE public.migration_retirement SET write_path = 'new', read_only_since = now() WHERE write_path = 'legacy';
      first_time := FOUND;
      LOCK TABLE public.habit_tracker, public.children, public.weeks, public.habits, public.habit_records IN SHARE ROW EXCLUSIVE MODE;
      IF first_time THEN
        UPDATE public.migration_retirement SET saved_triggers = coalesce((
          SELECT jsonb_agg(jsonb_build_object('name', tg.tgname, 'def', pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled) ORDER BY tg.tgname)
            FROM pg_trigger tg
           WHERE tg.tgrelid = 'public.habit_tracker'::regclass AND NOT tg.tgisinternal AND tg.tgname NOT LIKE 'hv\_p3\_%'), '[]');
        FOR t IN SELECT tg.tgname FROM pg_trigger tg
                  WHERE tg.tgrelid = 'public.habit_tracker'::regclass AND NOT tg.tgisinternal AND tg.tgname NOT LIKE 'hv\_p3\_%' LOOP
          EXECUTE format('DROP TRIGGER %I ON public.habit_tracker', t.tgname);
        END LOOP;
      END IF;
    END $$;
    CREATE OR REPLACE TRIGGER hv_p3_assign_legacy_id BEFORE INSERT ON public.weeks
     FOR EACH ROW EXECUTE FUNCTION public.hv_p3_assign_legacy_id();
    CREATE OR REPLACE TRIGGER hv_p3_sync_insert AFTER INSERT ON public.weeks
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_weeks();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.weeks
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_weeks();
    CREATE OR REPLACE TRIGGER hv_p3_sync_delete AFTER DELETE ON public.weeks
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_weeks();
    CREATE OR REPLACE TRIGGER hv_p3_sync_insert AFTER INSERT ON public.habits
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habits();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.habits
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habits();
    CREATE OR REPLACE TRIGGER hv_p3_sync_delete AFTER DELETE ON public.habits
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habits();
    CREATE OR REPLACE TRIGGER hv_p3_sync_insert AFTER INSERT ON public.habit_records
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habit_records();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.habit_records
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habit_records();
    CREATE OR REPLACE TRIGGER hv_p3_sync_delete AFTER DELETE ON public.habit_records
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habit_records();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.children
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_children();
    CREATE OR REPLACE TRIGGER hv_p3_legacy_read_only BEFORE INSERT OR UPDATE OR DELETE ON public.habit_tracker
       FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_legacy_read_only();
     CREATE OR REPLACE TRIGGER hv_p3_legacy_no_truncate BEFORE TRUNCATE ON public.habit_tracker
       FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_legacy_read_only();
