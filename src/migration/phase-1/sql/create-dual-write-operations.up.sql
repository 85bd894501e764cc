
CREATE OR REPLACE FUNCTION public.hv_dw_legacy_change(p_op text, p_row public.habit_tracker, p_req jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_habits jsonb := CASE WHEN jsonb_typeof(p_row.habits) = 'array' THEN p_row.habits ELSE '[]'::jsonb END;
  v_count integer := jsonb_array_length(CASE WHEN jsonb_typeof(p_row.habits) = 'array' THEN p_row.habits ELSE '[]'::jsonb END);
  v_i integer;
  v_status text;
  v_order jsonb;
BEGIN
  CASE p_op
  WHEN 'addHabit' THEN
    RETURN jsonb_build_object('habits', v_habits || jsonb_build_array(jsonb_build_object(
      'name', public.hv_dw_text(p_req, 'name', false, 200),
      'times', '["none", "none", "none", "none", "none", "none", "none"]'::jsonb)));
  WHEN 'renameHabit' THEN
    v_i := public.hv_dw_habit_index(p_req, v_count);
    RETURN jsonb_build_object('habits', jsonb_set(v_habits, ARRAY[v_i::text, 'name'], to_jsonb(public.hv_dw_text(p_req, 'name', false, 200))));
  WHEN 'removeHabit' THEN
    v_i := public.hv_dw_habit_index(p_req, v_count);
    RETURN jsonb_build_object('habits', v_habits - v_i);
  WHEN 'reorderHabits' THEN
    v_order := public.hv_dw_order(p_req, v_count);
    RETURN jsonb_build_object('habits', coalesce(
      (SELECT jsonb_agg(v_habits -> (o.v)::int ORDER BY o.ord) FROM jsonb_array_elements_text(v_order) WITH ORDINALITY AS o(v, ord)),
      '[]'::jsonb));
  WHEN 'setStatus' THEN
    v_i := public.hv_dw_habit_index(p_req, v_count);
    v_status := public.hv_dw_text(p_req, 'status', false, 10);
    IF v_status NOT IN ('green', 'yellow', 'red', 'none') THEN
      PERFORM public.hv_dw_reject('DW422', format('status must be green, yellow, red or none, got %L', v_status));
    END IF;
    RETURN jsonb_build_object('habits', jsonb_set(v_habits, ARRAY[v_i::text, 'times'],
      jsonb_set(public.hv_canonical_times(v_habits -> v_i -> 'times'), ARRAY[public.hv_dw_int(p_req, 'day', 0, 6)::text], to_jsonb(v_status))));
  WHEN 'setTheme' THEN
    RETURN jsonb_build_object('theme', public.hv_dw_text(p_req, 'theme', true, 1000));
  WHEN 'setReward' THEN
    RETURN jsonb_build_object('reward', public.hv_dw_text(p_req, 'reward', true, 1000));
  WHEN 'setReflection' THEN
    IF coalesce(jsonb_typeof(p_req -> 'reflection'), 'null') NOT IN ('object', 'null') THEN
      PERFORM public.hv_dw_reject('DW422', format('reflection must be an object or null, got %s', jsonb_typeof(p_req -> 'reflection')));
    END IF;
    RETURN jsonb_build_object('reflection', coalesce(p_req -> 'reflection', 'null'::jsonb));
  ELSE
    PERFORM public.hv_dw_reject('DW422', format('unknown week operation %L', p_op));
  END CASE;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.hv_dw_new_write(p_op text, p_week public.weeks, p_req jsonb, p_key text, p_now timestamptz)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_i integer;
  v_name text;
  v_habit uuid;
  v_rows integer := 1;
  v_out jsonb := '{}'::jsonb;
BEGIN
  CASE p_op
  WHEN 'addHabit' THEN
    v_name := public.hv_dw_text(p_req, 'name', false, 200);
    SELECT count(*)::int INTO v_i FROM public.habits h WHERE h.week_id = p_week.id;
    v_habit := public.hv_uuid('habit:' || p_key);
    INSERT INTO public.habits (id, week_id, name, time_period, display_order, created_at)
    VALUES (v_habit, p_week.id, v_name, substring(v_name FROM '^([^)]+\))'), v_i, p_now);
    INSERT INTO public.habit_records (id, habit_id, record_date, status, created_at, updated_at)
    SELECT public.hv_uuid('record:' || v_habit || ':' || d), v_habit, p_week.week_start_date + d, 'none', p_now, p_now
      FROM generate_series(0, 6) AS d;
    v_out := jsonb_build_object('habitIndex', v_i, 'habitId', v_habit);
  WHEN 'renameHabit' THEN
    v_name := public.hv_dw_text(p_req, 'name', false, 200);
    UPDATE public.habits SET name = v_name, time_period = substring(v_name FROM '^([^)]+\))')
     WHERE week_id = p_week.id AND display_order = public.hv_dw_int(p_req, 'habitIndex', 0, 1000000);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
  WHEN 'removeHabit' THEN
    v_i := public.hv_dw_int(p_req, 'habitIndex', 0, 1000000);
    DELETE FROM public.habits WHERE week_id = p_week.id AND display_order = v_i;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    UPDATE public.habits SET display_order = display_order - 1 WHERE week_id = p_week.id AND display_order > v_i;
  WHEN 'reorderHabits' THEN
    UPDATE public.habits h SET display_order = o.ord - 1
      FROM jsonb_array_elements_text(p_req -> 'order') WITH ORDINALITY AS o(v, ord)
     WHERE h.week_id = p_week.id AND h.display_order = (o.v)::int;
  WHEN 'setStatus' THEN
    -- the immediate UNIQUE (habit_id, record_date) is the arbiter (a DEFERRABLE one cannot be)
    INSERT INTO public.habit_records (id, habit_id, record_date, status, created_at, updated_at)
    SELECT public.hv_uuid('record:' || h.id || ':' || public.hv_dw_int(p_req, 'day', 0, 6)), h.id,
           p_week.week_start_date + public.hv_dw_int(p_req, 'day', 0, 6)::int, p_req ->> 'status', p_now, p_now
      FROM public.habits h WHERE h.week_id = p_week.id AND h.display_order = public.hv_dw_int(p_req, 'habitIndex', 0, 1000000)
    ON CONFLICT (habit_id, record_date) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
  WHEN 'setTheme' THEN
    UPDATE public.weeks SET theme = public.hv_dw_text(p_req, 'theme', true, 1000) WHERE id = p_week.id;
  WHEN 'setReward' THEN
    UPDATE public.weeks SET reward = public.hv_dw_text(p_req, 'reward', true, 1000) WHERE id = p_week.id;
  WHEN 'setReflection' THEN
    UPDATE public.weeks SET reflection = nullif(p_req -> 'reflection', 'null'::jsonb) WHERE id = p_week.id;
  ELSE
    PERFORM public.hv_dw_reject('DW422', format('unknown week operation %L', p_op));
  END CASE;
  IF v_rows = 0 THEN
    PERFORM public.hv_dw_reject('DW416', format('habit %s does not exist in week %s', p_req -> 'habitIndex', p_week.id));
  END IF;
  UPDATE public.weeks SET updated_at = p_now WHERE id = p_week.id;
  RETURN v_out;
END
$$;

-- createWeek: create-or-get by (owner, exact child name, week) under the group's lock — the lock the
-- trigger takes too, so a concurrent old client's insert of the same week is serialized with it.
CREATE OR REPLACE FUNCTION public.hv_dw_create_week(p_key text, p_req jsonb, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid := public.hv_dw_uuid(p_req, 'userId');
  v_child text := public.hv_dw_text(p_req, 'childName', false, 100);
  v_start date := public.hv_dw_date(p_req, 'weekStartDate');
  v_theme text := public.hv_dw_text(p_req, 'theme', true, 1000);
  v_reward text := public.hv_dw_text(p_req, 'reward', true, 1000);
  v_reflection jsonb := nullif(p_req -> 'reflection', 'null'::jsonb);
  v_names jsonb;
  v_template uuid;
  v_id bigint;
  v_child_id uuid;
  v_week uuid;
  v_seq bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = v_user) THEN
    PERFORM public.hv_dw_reject('DW422', format('userId %s is not an account', v_user));
  END IF;
  IF length(v_child) < 1 THEN PERFORM public.hv_dw_reject('DW422', 'childName must not be empty'); END IF;
  IF extract(isodow FROM v_start) <> 1 THEN
    PERFORM public.hv_dw_reject('DW422', format('weekStartDate %s is not a Monday', v_start));
  END IF;
  IF v_reflection IS NOT NULL AND jsonb_typeof(v_reflection) <> 'object' THEN
    PERFORM public.hv_dw_reject('DW422', 'reflection must be an object or null');
  END IF;
  IF coalesce(jsonb_typeof(p_req -> 'templateId'), 'null') <> 'null' THEN
    v_template := public.hv_dw_uuid(p_req, 'templateId');
    IF NOT EXISTS (SELECT 1 FROM public.habit_templates t WHERE t.id = v_template AND t.user_id = v_user) THEN
      PERFORM public.hv_dw_reject('DW422', format('templateId %s is not a template of user %s', v_template, v_user));
    END IF;
    SELECT coalesce(jsonb_agg(e.value -> 'name' ORDER BY e.ord), '[]'::jsonb) INTO v_names
      FROM public.habit_templates t, jsonb_array_elements(t.habits) WITH ORDINALITY AS e(value, ord)
     WHERE t.id = v_template;
  ELSE
    v_names := public.hv_dw_names(p_req, 'habits');
  END IF;

  PERFORM pg_advisory_xact_lock(public.hv_week_lock_id(v_user, v_child, v_start));
  SELECT min(h.id) INTO v_id FROM public.habit_tracker h
   WHERE h.user_id = v_user AND h.child_name = v_child AND h.week_start_date = v_start;
  v_seq := public.hv_dw_next_seq();
  IF v_id IS NOT NULL THEN
    RETURN jsonb_build_object('legacyId', v_id, 'weekId', (SELECT w.id FROM public.weeks w WHERE w.legacy_id = v_id),
                              'created', false, 'opSeq', v_seq);
  END IF;

  PERFORM set_config('hv.dual_write', 'on', true);
    INSERT INTO public.habit_tracker (user_id, child_name, week_period, week_start_date, theme, habits, reflection, reward, created_at, updated_at)
    VALUES (v_user, v_child, public.hv_week_period(v_start), v_start, v_theme,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('name', n.value, 'times', '["none", "none", "none", "none", "none", "none", "none"]'::jsonb) ORDER BY n.ord), '[]'::jsonb)
               FROM jsonb_array_elements(v_names) WITH ORDINALITY AS n(value, ord)),
            v_reflection, v_reward, p_now, p_now)
    RETURNING id INTO v_id;
    PERFORM set_config('hv.dual_write', 'off', true);
  v_child_id := public.hv_uuid('child:' || v_user || ':' || v_child);
  v_week := public.hv_uuid('week:' || v_child_id || ':' || v_start);
  INSERT INTO public.children (id, user_id, name, created_at, updated_at) VALUES (v_child_id, v_user, v_child, p_now, p_now)
  ON CONFLICT DO NOTHING;
  INSERT INTO public.weeks (id, user_id, child_id, week_start_date, week_end_date, theme, reflection, reward, template_id,
                            legacy_id, created_at, updated_at)
  VALUES (v_week, v_user, v_child_id, v_start, v_start + 6, v_theme, v_reflection, v_reward, v_template, v_id, p_now, p_now);
  INSERT INTO public.habits (id, week_id, name, time_period, display_order, created_at)
  SELECT public.hv_uuid('habit:' || v_week || ':' || (n.ord - 1)), v_week, n.value #>> '{}',
         substring(n.value #>> '{}' FROM '^([^)]+\))'), (n.ord - 1)::int, p_now
    FROM jsonb_array_elements(v_names) WITH ORDINALITY AS n(value, ord);
  INSERT INTO public.habit_records (id, habit_id, record_date, status, created_at, updated_at)
  SELECT public.hv_uuid('record:' || h.id || ':' || d), h.id, v_start + d, 'none', p_now, p_now
    FROM public.habits h, generate_series(0, 6) AS d WHERE h.week_id = v_week;
  RETURN jsonb_build_object('legacyId', v_id, 'weekId', v_week, 'created', true, 'opSeq', v_seq);
END
$$;

-- createTemplate: new schema only (the legacy app has no templates). Id derived from the key.
CREATE OR REPLACE FUNCTION public.hv_dw_create_template(p_key text, p_req jsonb, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_user uuid := public.hv_dw_uuid(p_req, 'userId');
  v_name text := public.hv_dw_text(p_req, 'name', false, 100);
  v_child text := public.hv_dw_text(p_req, 'childName', true, 100);
  v_child_id uuid;
  v_id uuid := public.hv_uuid('template:' || p_key);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = v_user) THEN
    PERFORM public.hv_dw_reject('DW422', format('userId %s is not an account', v_user));
  END IF;
  IF length(v_name) < 1 THEN PERFORM public.hv_dw_reject('DW422', 'name must not be empty'); END IF;
  IF coalesce(jsonb_typeof(p_req -> 'isDefault'), 'boolean') <> 'boolean' THEN
    PERFORM public.hv_dw_reject('DW422', 'isDefault must be a boolean');
  END IF;
  IF v_child IS NOT NULL THEN
    v_child_id := public.hv_uuid('child:' || v_user || ':' || v_child);
    IF NOT EXISTS (SELECT 1 FROM public.children c WHERE c.id = v_child_id) THEN
      PERFORM public.hv_dw_reject('DW422', format('user %s has no child %L in the new schema', v_user, v_child));
    END IF;
  END IF;
  INSERT INTO public.habit_templates (id, user_id, child_id, name, description, habits, is_default, created_at, updated_at)
  SELECT v_id, v_user, v_child_id, v_name, public.hv_dw_text(p_req, 'description', true, 1000),
         coalesce((SELECT jsonb_agg(jsonb_build_object('name', n.value) ORDER BY n.ord)
                     FROM jsonb_array_elements(public.hv_dw_names(p_req, 'habits')) WITH ORDINALITY AS n(value, ord)), '[]'::jsonb),
         coalesce((p_req ->> 'isDefault')::boolean, false), p_now, p_now;
  RETURN jsonb_build_object('templateId', v_id);
END
$$;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_dw_create_template(text, jsonb, timestamptz), public.hv_dw_create_week(text, jsonb, timestamptz), public.hv_dw_legacy_change(text, public.habit_tracker, jsonb), public.hv_dw_new_write(text, public.weeks, jsonb, text, timestamptz) FROM PUBLIC, anon, authenticated, service_role;
