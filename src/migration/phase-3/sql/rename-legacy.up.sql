
    -- the flag row first (app writes hold it FOR SHARE): see switch-writes.ts
    UPDATE public.migration_retirement SET renamed_at = coalesce(renamed_at, now());
    ALTER TABLE IF EXISTS public.habit_tracker RENAME TO habit_tracker_old;
    
    CREATE OR REPLACE FUNCTION public.hv_p3_sync_legacy(p_ids bigint[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF p_ids IS NULL OR cardinality(p_ids) = 0 THEN RETURN; END IF;
      PERFORM set_config('hv.p3_reverse_sync', 'on', true);
      INSERT INTO public.habit_tracker_old AS h (id, user_id, child_name, week_period, week_start_date, theme, habits, reflection, reward, created_at, updated_at)
      SELECT v.id, v.user_id, v.child_name, v.week_period, v.week_start_date, v.theme, v.habits, v.reflection, v.reward,
             coalesce(v.created_at, now()), coalesce(v.updated_at, now())
        FROM public.habit_tracker_from_new v
       WHERE v.id = ANY (p_ids)
      ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, child_name = EXCLUDED.child_name, week_period = EXCLUDED.week_period, week_start_date = EXCLUDED.week_start_date, theme = EXCLUDED.theme, habits = EXCLUDED.habits, reflection = EXCLUDED.reflection, reward = EXCLUDED.reward, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
       WHERE (h.user_id, h.child_name, h.week_period, h.week_start_date, h.theme, h.habits, h.reflection, h.reward, h.created_at, h.updated_at) IS DISTINCT FROM (EXCLUDED.user_id, EXCLUDED.child_name, EXCLUDED.week_period, EXCLUDED.week_start_date, EXCLUDED.theme, EXCLUDED.habits, EXCLUDED.reflection, EXCLUDED.reward, EXCLUDED.created_at, EXCLUDED.updated_at);
      -- the week is gone from the new schema (deleted, or its child was): so is its legacy row
      DELETE FROM public.habit_tracker_old h
       WHERE h.id = ANY (p_ids) AND NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id);
      PERFORM set_config('hv.p3_reverse_sync', 'off', true);
    END $$;
