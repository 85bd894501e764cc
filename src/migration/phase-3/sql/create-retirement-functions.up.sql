
    CREATE OR REPLACE FUNCTION public.hv_p3_sync_legacy(p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
      PERFORM set_config('hv.p3_reverse_sync', 'on', true);
      INSERT INTO public.habit_tracker AS h (id, user_id, child_name, week_period, week_start_date, theme, habits, reflection, reward, created_at, updated_at)
      SELECT v.id, v.user_id, v.child_name, v.week_period, v.week_start_date, v.theme, v.habits, v.reflection, v.reward,
             coalesce(v.created_at, now()), coalesce(v.updated_at, now())
        FROM public.habit_tracker_from_new v
       WHERE v.id = ANY (p_ids)
      ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, child_name = EXCLUDED.child_name, week_period = EXCLUDED.week_period, week_start_date = EXCLUDED.week_start_date, theme = EXCLUDED.theme, habits = EXCLUDED.habits, reflection = EXCLUDED.reflection, reward = EXCLUDED.reward, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
       WHERE (h.user_id, h.child_name, h.week_period, h.week_start_date, h.theme, h.habits, h.reflection, h.reward, h.created_at, h.updated_at) IS DISTINCT FROM (EXCLUDED.user_id, EXCLUDED.child_name, EXCLUDED.week_period, EXCLUDED.week_start_date, EXCLUDED.theme, EXCLUDED.habits, EXCLUDED.reflection, EXCLUDED.reward, EXCLUDED.created_at, EXCLUDED.updated_at);
      -- the week is gone from the new schema (deleted, or its child was): so is its legacy row
      DELETE FROM public.habit_tracker h
       WHERE h.id = ANY (p_ids) AND NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id);
      PERFORM set_config('hv.p3_reverse_sync', 'off', true);
    END $$;
    
    CREATE OR REPLACE FUNCTION public.hv_p3_sync_from_weeks() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      -- old_rows / new_rows exist only for the events that have them; plpgsql plans a branch when it runs
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT legacy_id FROM old_rows) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT legacy_id FROM new_rows) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION public.hv_p3_sync_from_habits() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      -- old_rows / new_rows exist only for the events that have them; plpgsql plans a branch when it runs
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.id = x.week_id) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.weeks w ON w.id = x.week_id) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION public.hv_p3_sync_from_habit_records() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      -- old_rows / new_rows exist only for the events that have them; plpgsql plans a branch when it runs
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.habits hb ON hb.id = x.habit_id JOIN public.weeks w ON w.id = hb.week_id) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION public.hv_p3_sync_from_children() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      -- old_rows / new_rows exist only for the events that have them; plpgsql plans a branch when it runs
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.child_id = x.id) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM new_rows x JOIN public.weeks w ON w.child_id = x.id) x WHERE x.legacy_id IS NOT NULL));
      END IF;
      RETURN NULL;
    END $$;
    -- A week created in Phase 3 takes a legacy id from the legacy table's own sequence: its legacy row
    -- can never collide with an existing one, and a rollback gives the legacy app a row it can address.
    CREATE OR REPLACE FUNCTION public.hv_p3_assign_legacy_id() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF NEW.legacy_id IS NULL THEN NEW.legacy_id := nextval('public.habit_tracker_id_seq'); END IF;
      RETURN NEW;
    END $$;
    REVOKE ALL ON FUNCTION public.hv_p3_sync_legacy(bigint[]), public.hv_p3_assign_legacy_id(),
      public.hv_p3_sync_from_weeks(), public.hv_p3_sync_from_habits(), public.hv_p3_sync_from_habit_records(), public.hv_p3_sync_from_children() FROM PUBLIC, anon, authenticated, service_role;
    
    -- SECURITY DEFINER: its message reads the retirement log, which the API roles may not read
    CREATE OR REPLACE FUNCTION public.hv_p3_legacy_read_only() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF TG_OP <> 'TRUNCATE' AND pg_trigger_depth() > 1 AND current_setting('hv.p3_reverse_sync', true) = 'on' THEN
        RETURN NULL;
      END IF;
      RAISE EXCEPTION USING
        ERRCODE = 'read_only_sql_transaction',
        MESSAGE = format('%I.%I is read-only: the legacy table is being retired (migration Phase 3); %s refused',
                         TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP),
        DETAIL = format('read-only since %s', (SELECT r.read_only_since FROM public.migration_retirement r)),
        HINT = 'Write to the new schema (weeks, habits, habit_records): the legacy table follows it until it is dropped. To write here again, roll Phase 3 back.';
    END $$;
    REVOKE ALL ON FUNCTION public.hv_p3_legacy_read_only() FROM PUBLIC, anon, authenticated, service_role;
