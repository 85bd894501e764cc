
CREATE OR REPLACE FUNCTION public.hv_dw_same_request(p_log public.idempotency_log, p_key text, p_op text, p_hash text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_log.operation <> p_op OR p_log.request_hash <> p_hash THEN
    PERFORM public.hv_dw_reject('DW409', format('idempotency key %L was already used for another request (%s at %s)',
      p_key, p_log.operation, p_log.created_at));
  END IF;
END
$$;

-- The write's number (hv_op_seq), also kept transaction-locally so that a rejection raised after it
-- reports it (hv_dw_reject puts it in the error's DETAIL as op_seq=N).
CREATE OR REPLACE FUNCTION public.hv_dw_next_seq() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v bigint := nextval('public.hv_op_seq');
BEGIN
  PERFORM set_config('hv.op_seq', v::text, true);
  RETURN v;
END
$$;

CREATE OR REPLACE FUNCTION public.hv_dw_apply(p_key text, p_op text, p_req jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := now();
  v_id bigint;
  v_row public.habit_tracker;
  v_week public.weeks;
  v_change jsonb;
  v_seq bigint;
  v_out jsonb := '{}'::jsonb;
BEGIN
  IF p_op = 'createTemplate' THEN
    v_seq := public.hv_dw_next_seq();
    RETURN public.hv_dw_create_template(p_key, p_req, v_now) || jsonb_build_object('opSeq', v_seq);
  ELSIF p_op = 'createWeek' THEN
    RETURN public.hv_dw_create_week(p_key, p_req, v_now);
  END IF;

  v_id := public.hv_dw_int(p_req, 'legacyId', 1, 9223372036854775807);

  SELECT * INTO v_row FROM public.habit_tracker h WHERE h.id = v_id FOR UPDATE;
  IF v_row.id IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(public.hv_week_lock_id(v_row.user_id, v_row.child_name, v_row.week_start_date));
  END IF;
  -- numbered before the checks: a rejection, too, reports the state at a point of that order
  v_seq := public.hv_dw_next_seq();
  IF v_row.id IS NULL THEN PERFORM public.hv_dw_reject('DW404', format('week %s does not exist', v_id)); END IF;
  SELECT * INTO v_week FROM public.weeks w WHERE w.legacy_id = v_id;
  IF NOT FOUND THEN
    PERFORM public.hv_dw_reject('DW423', format('week %s is quarantined (%s): the new schema has no row to keep in step; fix it in the legacy app',
      v_id, coalesce((SELECT q.reason FROM public.migration_quarantine q WHERE q.legacy_id = v_id), 'not migrated')));
  END IF;

  IF p_op = 'deleteWeek' THEN
    PERFORM set_config('hv.dual_write', 'on', true);
    DELETE FROM public.habit_tracker WHERE id = v_id;
    PERFORM set_config('hv.dual_write', 'off', true);
    -- the week goes, and the next row of its group (a duplicate_week in quarantine) may come in
    PERFORM public.hv_resync(ARRAY[v_id]);
  ELSE
    v_change := public.hv_dw_legacy_change(p_op, v_row, p_req);
    PERFORM set_config('hv.dual_write', 'on', true);
    UPDATE public.habit_tracker h
       SET habits = CASE WHEN v_change ? 'habits' THEN v_change -> 'habits' ELSE h.habits END,
           theme = CASE WHEN v_change ? 'theme' THEN v_change ->> 'theme' ELSE h.theme END,
           reflection = CASE WHEN v_change ? 'reflection' THEN nullif(v_change -> 'reflection', 'null'::jsonb) ELSE h.reflection END,
           reward = CASE WHEN v_change ? 'reward' THEN v_change ->> 'reward' ELSE h.reward END,
           updated_at = v_now
     WHERE h.id = v_id;
    PERFORM set_config('hv.dual_write', 'off', true);
    v_out := public.hv_dw_new_write(p_op, v_week, p_req, p_key, v_now);
  END IF;
  RETURN jsonb_build_object('legacyId', v_id, 'weekId', v_week.id, 'opSeq', v_seq) || v_out;
END
$$;

-- SECURITY DEFINER: the caller (service_role, the Edge Function's role) needs EXECUTE on this function
-- only; the helpers and tables are the owner's (api-privileges.ts). Every name is schema-qualified.
CREATE OR REPLACE FUNCTION public.hv_dual_write(p_key text, p_op text, p_request jsonb)
RETURNS TABLE (result jsonb, replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  v_hash text;
  v_log public.idempotency_log;
  v_resp jsonb;
BEGIN
  IF p_key IS NULL OR length(p_key) NOT BETWEEN 1 AND 200 THEN
    PERFORM public.hv_dw_reject('DW422', 'the idempotency key must have 1 to 200 characters');
  END IF;
  IF p_op IS NULL OR p_op NOT IN ('createWeek', 'addHabit', 'renameHabit', 'removeHabit', 'reorderHabits', 'setStatus', 'setTheme', 'setReflection', 'setReward', 'deleteWeek', 'createTemplate') THEN
    PERFORM public.hv_dw_reject('DW422', format('unknown operation %L', p_op));
  END IF;
  IF jsonb_typeof(p_request) IS DISTINCT FROM 'object' THEN
    PERFORM public.hv_dw_reject('DW422', 'the request must be a JSON object');
  END IF;
  v_hash := md5(p_op || ':' || p_request::text);
  INSERT INTO public.idempotency_log (key, operation, request_hash) VALUES (p_key, p_op, v_hash)
  ON CONFLICT (key) DO NOTHING;
  IF NOT FOUND THEN
    -- a new statement sees the claim that made us wait, now committed
    SELECT * INTO v_log FROM public.idempotency_log l WHERE l.key = p_key;
    PERFORM public.hv_dw_same_request(v_log, p_key, p_op, v_hash);
    RETURN QUERY SELECT v_log.response, true;
    RETURN;
  END IF;
  v_resp := public.hv_dw_apply(p_key, p_op, p_request);
  UPDATE public.idempotency_log SET response = v_resp WHERE key = p_key;
  RETURN QUERY SELECT v_resp, false;
END
$$;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_dual_write(text, text, jsonb), public.hv_dw_apply(text, text, jsonb), public.hv_dw_next_seq(), public.hv_dw_same_request(public.idempotency_log, text, text, text) FROM PUBLIC, anon, authenticated, service_role;
-- the one entry point: the Edge Function calls it with the service key
GRANT EXECUTE ON FUNCTION public.hv_dual_write(text, text, jsonb) TO service_role;
