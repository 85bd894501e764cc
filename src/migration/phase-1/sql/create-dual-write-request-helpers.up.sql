
CREATE OR REPLACE FUNCTION public.hv_dw_reject(p_code text, p_message text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message,
    DETAIL = coalesce('op_seq=' || nullif(current_setting('hv.op_seq', true), ''), '');
END
$$;

CREATE OR REPLACE FUNCTION public.hv_dw_text(p_req jsonb, p_field text, p_nullable boolean, p_max integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_type text := coalesce(jsonb_typeof(p_req -> p_field), 'null');
BEGIN
  IF v_type = 'null' THEN
    IF p_nullable THEN RETURN NULL; END IF;
    PERFORM public.hv_dw_reject('DW422', format('%s is required (a string)', p_field));
  END IF;
  IF v_type <> 'string' THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be a string, got %s', p_field, v_type));
  END IF;
  IF length(p_req ->> p_field) > p_max THEN
    PERFORM public.hv_dw_reject('DW422', format('%s has %s characters, at most %s are allowed', p_field, length(p_req ->> p_field), p_max));
  END IF;
  RETURN p_req ->> p_field;
END
$$;

CREATE OR REPLACE FUNCTION public.hv_dw_int(p_req jsonb, p_field text, p_min bigint, p_max bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v numeric;
BEGIN
  IF jsonb_typeof(p_req -> p_field) IS DISTINCT FROM 'number' THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be an integer, got %s', p_field, coalesce((p_req -> p_field)::text, 'nothing')));
  END IF;
  v := (p_req ->> p_field)::numeric;
  IF v <> trunc(v) OR v < p_min OR v > p_max THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be an integer in [%s, %s], got %s', p_field, p_min, p_max, v));
  END IF;
  RETURN v::bigint;
END
$$;

CREATE OR REPLACE FUNCTION public.hv_dw_uuid(p_req jsonb, p_field text) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
  v text := public.hv_dw_text(p_req, p_field, false, 36);
BEGIN
  IF v !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be a uuid, got %L', p_field, v));
  END IF;
  RETURN v::uuid;
END
$$;

CREATE OR REPLACE FUNCTION public.hv_dw_date(p_req jsonb, p_field text) RETURNS date
LANGUAGE plpgsql AS $$
DECLARE
  v text := public.hv_dw_text(p_req, p_field, false, 10);
BEGIN
  IF v !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be a date YYYY-MM-DD, got %L', p_field, v));
  END IF;
  RETURN v::date;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
  PERFORM public.hv_dw_reject('DW422', format('%s is not a calendar date: %L', p_field, v));
  RETURN NULL;
END
$$;

-- A list of habit names: a JSON array of strings (empty names allowed, as in the legacy data).
CREATE OR REPLACE FUNCTION public.hv_dw_names(p_req jsonb, p_field text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v jsonb := coalesce(p_req -> p_field, '[]'::jsonb);
BEGIN
  IF jsonb_typeof(v) = 'null' THEN RETURN '[]'::jsonb; END IF;
  IF jsonb_typeof(v) <> 'array' THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be an array of strings, got %s', p_field, jsonb_typeof(v)));
  END IF;
  IF jsonb_array_length(v) > 100
     OR EXISTS (SELECT 1 FROM jsonb_array_elements(v) e WHERE jsonb_typeof(e) <> 'string' OR length(e #>> '{}') > 200) THEN
    PERFORM public.hv_dw_reject('DW422', format('%s must be an array of at most 100 strings of at most 200 characters', p_field));
  END IF;
  RETURN v;
END
$$;

-- habitIndex of a request, which must name one of the p_count habits of the week.
CREATE OR REPLACE FUNCTION public.hv_dw_habit_index(p_req jsonb, p_count integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v integer := public.hv_dw_int(p_req, 'habitIndex', 0, 1000000);
BEGIN
  IF v >= p_count THEN
    PERFORM public.hv_dw_reject('DW416', format('habit %s does not exist: the week has %s habit(s)', v, p_count));
  END IF;
  RETURN v;
END
$$;

-- order of reorderHabits: a permutation of 0 .. p_count-1 (new position -> old index). The checks are
-- separate statements: each guards the casts of the next.
CREATE OR REPLACE FUNCTION public.hv_dw_order(p_req jsonb, p_count integer) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v jsonb := p_req -> 'order';
  v_ok boolean := jsonb_typeof(v) IS NOT DISTINCT FROM 'array';
BEGIN
  IF v_ok THEN
    v_ok := jsonb_array_length(v) = p_count AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v) e WHERE jsonb_typeof(e) <> 'number');
  END IF;
  IF v_ok THEN
    v_ok := (SELECT count(DISTINCT n) FROM (SELECT (e #>> '{}')::numeric AS n FROM jsonb_array_elements(v) e) x
              WHERE n = trunc(n) AND n >= 0 AND n < p_count) = p_count;
  END IF;
  IF NOT v_ok THEN
    PERFORM public.hv_dw_reject('DW422', format('order must be a permutation of 0..%s (the week has %s habit(s)), got %s', p_count - 1, p_count, coalesce(v::text, 'nothing')));
  END IF;
  RETURN v;
END
$$;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_dw_date(jsonb, text), public.hv_dw_habit_index(jsonb, integer), public.hv_dw_int(jsonb, text, bigint, bigint), public.hv_dw_names(jsonb, text), public.hv_dw_order(jsonb, integer), public.hv_dw_reject(text, text), public.hv_dw_text(jsonb, text, boolean, integer), public.hv_dw_uuid(jsonb, text) FROM PUBLIC, anon, authenticated, service_role;
