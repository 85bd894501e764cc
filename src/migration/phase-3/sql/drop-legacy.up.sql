
    DO $$
    DECLARE
      since timestamptz := (SELECT r.read_only_since FROM public.migration_retirement r);
      grace numeric := coalesce(nullif(current_setting('hv.grace_seconds', true), '')::numeric, 1209600);
    BEGIN
      IF since IS NULL OR since > now() - make_interval(secs => grace) THEN
        RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state',
          MESSAGE = format('refusing to drop public.habit_tracker_old: the grace period of %s days has not passed (read-only since %s)', trim_scale(round(grace / 86400, 4)), coalesce(since::text, 'never')),
          HINT = 'wait until the grace period is over, or complete with force if you mean it';
      END IF;
    END $$;
    -- the flag row first (app writes hold it FOR SHARE): see switch-writes.ts
    UPDATE public.migration_retirement SET dropped_at = now();
    LOCK TABLE public.habit_tracker_old IN ACCESS EXCLUSIVE MODE;
    LOCK TABLE public.children, public.weeks, public.habits, public.habit_records IN SHARE ROW EXCLUSIVE MODE;
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
    
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_weeks();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_habits();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_habit_records();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_from_children();
    DROP FUNCTION IF EXISTS public.hv_p3_assign_legacy_id();
    DROP FUNCTION IF EXISTS public.hv_p3_sync_legacy(bigint[]);
    DO $$
    DECLARE f record;
    BEGIN
      FOR f IN SELECT DISTINCT p.oid::regprocedure AS sig
                 FROM pg_proc p
                 LEFT JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                      AND d.refclassid = 'pg_type'::regclass AND d.refobjid = 'public.habit_tracker_old'::regtype
                WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'hv\_%'
                  AND (d.objid IS NOT NULL
                       OR p.proname IN ('hv_backfill_batch', 'hv_migrate_page', 'hv_advance_progress', 'hv_migrate_range', 'hv_drift')) LOOP
        EXECUTE format('DROP FUNCTION %s', f.sig);
      END LOOP;
    END $$;
    DROP TABLE public.habit_tracker_old RESTRICT;
    DROP FUNCTION IF EXISTS public.hv_p3_legacy_read_only();
