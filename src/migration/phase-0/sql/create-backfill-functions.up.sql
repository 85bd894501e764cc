
-- Deterministic ids: md5 of the natural key as a uuid, so a rerun is a no-op and runs compare equal.
CREATE OR REPLACE FUNCTION public.hv_uuid(key text) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT md5(key)::uuid $$;

-- Timestamps as UTC text: what goes into jsonb must not depend on the session's TimeZone.
CREATE OR REPLACE FUNCTION public.hv_ts_text(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

-- The original legacy row kept in quarantine: to_jsonb() would print timestamps in the session's
-- zone (two runs in two zones would keep different text for the same row).
CREATE OR REPLACE FUNCTION public.hv_row_json(h public.habit_tracker) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT to_jsonb(h) || jsonb_build_object('created_at', public.hv_ts_text(h.created_at), 'updated_at', public.hv_ts_text(h.updated_at))
$$;

-- ASCII-only lower case: lower() depends on the database's locale; the mapping rule does not.
-- The four statuses as stored (nearly every call: one per legacy status) are returned as they are:
-- translate() walks the string character by character in a UTF-8 database, ~7 µs a call, ~200 µs
-- per legacy row in the backfill's records (npm run bench:backfill). Not STRICT, so that the
-- planner inlines the CASE (a null gives null all the same).
CREATE OR REPLACE FUNCTION public.hv_ascii_lower(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN s IN ('green', 'yellow', 'red', 'none') THEN s ELSE translate(s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') END
$$;

-- The legacy app's display label: '2025년 10월 13일 ~ 2025년 10월 19일' (no zero padding).
CREATE OR REPLACE FUNCTION public.hv_week_period(d date) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT format('%s년 %s월 %s일 ~ %s년 %s월 %s일',
    extract(year FROM d)::int, extract(month FROM d)::int, extract(day FROM d)::int,
    extract(year FROM d + 6)::int, extract(month FROM d + 6)::int, extract(day FROM d + 6)::int)
$$;

-- Canonical times: exactly 7 statuses; null/missing -> none, letter case folded (mapping rules).
-- As rows (ord 1..7): set-returning so that the planner inlines it into hv_migrate_range's query. A
-- SQL function with a FROM clause called as a scalar runs its own executor per call (~14 µs per habit).
CREATE OR REPLACE FUNCTION public.hv_canonical_statuses(t jsonb) RETURNS TABLE (ord integer, status text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT i + 1, coalesce(public.hv_ascii_lower(t ->> i), 'none')
    FROM generate_series(0, 6) AS i
$$;

-- The same as a jsonb array of 7 statuses (the drift detector's canonical form), from the same
-- status expression; its own body, so the drift detector's path is not changed by the backfill's.
CREATE OR REPLACE FUNCTION public.hv_canonical_times(t jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_agg(to_jsonb(coalesce(public.hv_ascii_lower(t ->> i), 'none')) ORDER BY i)
    FROM generate_series(0, 6) AS i
$$;

-- Canonical habits of a row that passed every rule: [{name, times[7]}], [] for a null habits column.
CREATE OR REPLACE FUNCTION public.hv_canonical_habits(h jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('name', e.value -> 'name', 'times', public.hv_canonical_times(e.value -> 'times'))
                            ORDER BY e.ord), '[]'::jsonb)
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h) = 'array' THEN h ELSE '[]'::jsonb END) WITH ORDINALITY AS e(value, ord)
$$;

-- One status of a times array (x = t -> k, null past its end): 0 it migrates (JSON null, missing, or
-- green / yellow / red / none in any ASCII letter case), 1 it is not a string, 2 a string of no known
-- status. A plain expression (no FROM), so the planner inlines it.
CREATE OR REPLACE FUNCTION public.hv_status_fault(x jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE coalesce(jsonb_typeof(x), 'null')
           WHEN 'null' THEN 0
           WHEN 'string' THEN CASE WHEN public.hv_ascii_lower(x #>> '{}') IN ('green', 'yellow', 'red', 'none') THEN 0 ELSE 2 END
           ELSE 1 END
$$;

-- The first quarantine reason that applies to a habits array, in mapping-rules priority order.
-- CASE guards every function that would raise on the wrong JSON type (object keys of a scalar…).
-- One pass over the habits and no set-returning function per habit (a subquery per habit and rule
-- cost ~300 µs per legacy row, a tenth of the backfill: npm run bench:backfill): unknown keys are
-- what is left once name and times are removed; the statuses are read by position, 0 to 6 — the
-- status rules are reached only when no habit has more than 7 (times_too_long comes first), so
-- those are all of them. Per habit, the bits of its statuses' faults (1 not a string, 2 unknown).
-- As one row of a set-returning function, so that the caller's query inlines it: called as a scalar,
-- a SQL function with a FROM clause initialises its whole plan, expressions included, on every call
-- (~200 µs per legacy row for this one).
CREATE OR REPLACE FUNCTION public.hv_habits_reasons(h jsonb) RETURNS TABLE (reason text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN bool_or(jsonb_typeof(e.value) <> 'object') THEN 'habit_not_object'
    WHEN bool_or(jsonb_typeof(e.value -> 'name') IS DISTINCT FROM 'string') THEN 'habit_name_invalid'
    WHEN bool_or(CASE WHEN jsonb_typeof(e.value) = 'object' THEN (e.value - 'name' - 'times') <> '{}'::jsonb ELSE false END)
        THEN 'habit_unknown_keys'
    WHEN bool_or(coalesce(jsonb_typeof(e.value -> 'times'), 'null') NOT IN ('array', 'null')) THEN 'times_not_array'
    WHEN bool_or(jsonb_typeof(e.value -> 'times') = 'array' AND jsonb_array_length(CASE WHEN jsonb_typeof(e.value -> 'times') = 'array' THEN e.value -> 'times' ELSE '[]'::jsonb END) > 7) THEN 'times_too_long'
    WHEN (bit_or(f.fault) & 1) <> 0 THEN 'status_not_string'
    WHEN (bit_or(f.fault) & 2) <> 0 THEN 'status_unknown'
  END
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(h) = 'array' THEN h ELSE '[]'::jsonb END) AS e(value),
       -- OFFSET 0: the times array taken out of the habit once, not once per status
       LATERAL (SELECT e.value -> 'times' AS t OFFSET 0) AS tt,
       -- the statuses as stored nearly always: every one of them one of the four in lower case, or null
       LATERAL (SELECT CASE WHEN jsonb_typeof(tt.t) <> 'array' OR tt.t <@ '["green", "yellow", "red", "none", null]'::jsonb THEN 0 ELSE
                  public.hv_status_fault(tt.t -> 0) | public.hv_status_fault(tt.t -> 1) | public.hv_status_fault(tt.t -> 2)
                | public.hv_status_fault(tt.t -> 3) | public.hv_status_fault(tt.t -> 4) | public.hv_status_fault(tt.t -> 5)
                | public.hv_status_fault(tt.t -> 6) END AS fault) AS f
$$;

-- The same as a scalar, for callers that classify one habits array.
CREATE OR REPLACE FUNCTION public.hv_habits_reason(h jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT x.reason FROM public.hv_habits_reasons(h) AS x $$;

-- The quarantine reason of one legacy row (null = it migrates), except duplicate_week, which needs
-- the other rows and is decided in hv_migrate_range.
-- Set-returning (one row), so that hv_migrate_range's query inlines it: a scalar SQL function holding
-- a subquery is not inlined, and each call then re-plans the hv_habits_reason it calls — measured
-- 0.2 ms per legacy row, a quarter of a batch (npm run bench:backfill).
CREATE OR REPLACE FUNCTION public.hv_row_reasons(r public.habit_tracker) RETURNS TABLE (reason text)
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN r.user_id IS NULL THEN 'owner_null'
    WHEN r.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM auth.users u WHERE u.id = r.user_id) THEN 'owner_unknown'
    WHEN length(r.child_name) NOT BETWEEN 1 AND 100 THEN 'child_name_length'
    WHEN extract(isodow FROM r.week_start_date) <> 1 THEN 'week_not_monday'
    WHEN coalesce(jsonb_typeof(r.habits), 'null') NOT IN ('array', 'null') THEN 'habits_not_array'
    ELSE coalesce((SELECT x.reason FROM public.hv_habits_reasons(r.habits) AS x),
      CASE WHEN coalesce(jsonb_typeof(r.reflection), 'null') NOT IN ('object', 'null') THEN 'reflection_not_object' END)
  END
$$;

-- The same as a scalar, for callers that classify one row.
CREATE OR REPLACE FUNCTION public.hv_row_reason(r public.habit_tracker) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT rr.reason FROM public.hv_row_reasons(r) AS rr $$;

-- Migrates the not-yet-handled legacy rows with p_from < id <= p_to, in one statement.
-- Rows already in weeks (legacy_id) or in quarantine are skipped: reruns and the Phase 1 trigger
-- never double-apply.
CREATE OR REPLACE FUNCTION public.hv_migrate_range(p_from bigint, p_to bigint, OUT migrated integer, OUT quarantined integer)
LANGUAGE sql AS $$
  WITH src AS (
    SELECT h.*, rr.reason
      FROM public.habit_tracker h CROSS JOIN LATERAL public.hv_row_reasons(h) AS rr
     WHERE h.id > p_from AND h.id <= p_to
       AND NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)
  ), keyed AS (
    SELECT s.*, public.hv_uuid('child:' || s.user_id || ':' || s.child_name) AS child_id FROM src s WHERE s.reason IS NULL
  ), ranked AS (
    SELECT k.*,
           public.hv_uuid('week:' || k.child_id || ':' || k.week_start_date) AS week_id,
           first_value(k.id) OVER (PARTITION BY k.child_id, k.week_start_date ORDER BY k.id) AS first_id,
           EXISTS (SELECT 1 FROM public.weeks w WHERE w.child_id = k.child_id AND w.week_start_date = k.week_start_date) AS week_exists
      FROM keyed k
  ), ok AS (
    SELECT * FROM ranked WHERE first_id = id AND NOT week_exists
  ), q AS (
    INSERT INTO public.migration_quarantine (legacy_id, reason, detail, original)
    SELECT s.id, s.reason, NULL, public.hv_row_json(h) FROM src s JOIN public.habit_tracker h ON h.id = s.id WHERE s.reason IS NOT NULL
    UNION ALL
    SELECT r.id, 'duplicate_week',
           jsonb_build_object('kept_legacy_id', CASE WHEN r.week_exists
             THEN (SELECT w.legacy_id FROM public.weeks w WHERE w.child_id = r.child_id AND w.week_start_date = r.week_start_date)
             ELSE r.first_id END),
           public.hv_row_json(h)
      FROM ranked r JOIN public.habit_tracker h ON h.id = r.id
     WHERE r.first_id <> r.id OR r.week_exists
    ON CONFLICT (legacy_id) DO NOTHING
    RETURNING 1
  ), c AS (
    INSERT INTO public.children (id, user_id, name, created_at, updated_at)
    SELECT DISTINCT ON (s.child_id) s.child_id, s.user_id, s.child_name, s.created_at, s.created_at
      FROM ok s ORDER BY s.child_id, s.id
    ON CONFLICT (id) DO NOTHING
  ), w AS (
    INSERT INTO public.weeks (id, user_id, child_id, week_start_date, week_end_date, theme, reflection, reward,
                              legacy_id, created_at, updated_at)
    SELECT s.week_id, s.user_id, s.child_id, s.week_start_date, s.week_start_date + 6, s.theme, s.reflection, s.reward,
           s.id, s.created_at, s.updated_at
      FROM ok s
    ON CONFLICT (id) DO NOTHING
    RETURNING id, week_start_date, created_at, updated_at, legacy_id
  ), hb AS (
    -- Habits and records of the weeks this statement inserted, and only those: their ids derive from
    -- the week's, so they cannot exist yet and need no ON CONFLICT (whose speculative insertion cost
    -- ~30 % on top of a plain insert of the ~27 records per legacy row: npm run bench:backfill).
    -- The habits come from the legacy row by primary key (a join with ok would be planned as a nested
    -- loop over two CTEs estimated at one row each).
    SELECT w.id AS week_id, w.week_start_date, w.created_at, w.updated_at, e.value AS raw, (e.ord - 1)::int AS display_order,
           public.hv_uuid('habit:' || w.id || ':' || (e.ord - 1)) AS habit_id
      FROM w JOIN public.habit_tracker lh ON lh.id = w.legacy_id,
           jsonb_array_elements(CASE WHEN jsonb_typeof(lh.habits) = 'array' THEN lh.habits ELSE '[]'::jsonb END)
             WITH ORDINALITY AS e(value, ord)
  ), h AS (
    INSERT INTO public.habits (id, week_id, name, time_period, display_order, created_at)
    SELECT hb.habit_id, hb.week_id, hb.raw ->> 'name', substring(hb.raw ->> 'name' FROM '^([^)]+\))'),
           hb.display_order, hb.created_at
      FROM hb
  ), r AS (
    INSERT INTO public.habit_records (id, habit_id, record_date, status, created_at, updated_at)
    SELECT public.hv_uuid('record:' || hb.habit_id || ':' || (t.ord - 1)), hb.habit_id, hb.week_start_date + (t.ord - 1)::int,
           t.status, hb.created_at, hb.updated_at
      FROM hb, public.hv_canonical_statuses(hb.raw -> 'times') AS t
  ), wa AS (
    INSERT INTO public.migration_warnings (legacy_id, code, detail)
    SELECT s.id, 'week_period_mismatch',
           jsonb_build_object('original', s.week_period, 'expected', public.hv_week_period(s.week_start_date))
      FROM ok s WHERE s.week_period IS DISTINCT FROM public.hv_week_period(s.week_start_date)
    ON CONFLICT DO NOTHING
  )
  SELECT (SELECT count(*)::int FROM w), (SELECT count(*)::int FROM q)
$$;

-- Advances the progress row past the next keyset page, creating it on first use. Returns the page.
CREATE OR REPLACE FUNCTION public.hv_advance_progress(p_batch_size integer, p_job text DEFAULT 'habit_tracker',
  OUT from_id bigint, OUT to_id bigint, OUT batch_rows integer)
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.backfill_progress (job, status, started_at) VALUES (p_job, 'running', now())
  ON CONFLICT (job) DO NOTHING;
  -- FOR UPDATE: two backfills running at once serialize here instead of migrating the same page twice
  SELECT p.last_processed_id INTO from_id FROM public.backfill_progress p WHERE p.job = p_job FOR UPDATE;
  SELECT max(b.id), count(*)::int INTO to_id, batch_rows
    FROM (SELECT h.id FROM public.habit_tracker h WHERE h.id > from_id ORDER BY h.id LIMIT p_batch_size) b;
  IF batch_rows = 0 THEN
    UPDATE public.backfill_progress SET status = 'completed', completed_at = coalesce(completed_at, now())
     WHERE job = p_job;
    to_id := from_id;
  ELSE
    UPDATE public.backfill_progress
       SET last_processed_id = to_id, processed_rows = processed_rows + batch_rows, batches = batches + 1,
           status = 'running'
     WHERE job = p_job;
  END IF;
END
$$;

-- Migrates one page (p_from, p_to] and adds its counts to the progress row.
CREATE OR REPLACE FUNCTION public.hv_migrate_page(p_from bigint, p_to bigint, p_job text DEFAULT 'habit_tracker',
  OUT migrated integer, OUT quarantined integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_one record;
BEGIN
  -- Rows an earlier run quarantined as unexpected_error are tried again: the cause may be gone.
  DELETE FROM public.migration_quarantine q
   WHERE q.legacy_id > p_from AND q.legacy_id <= p_to AND q.reason = 'unexpected_error';
  BEGIN
    SELECT m.migrated, m.quarantined INTO migrated, quarantined FROM public.hv_migrate_range(p_from, p_to) m;
  EXCEPTION WHEN OTHERS THEN
    -- One bad row never blocks its batch: redo the page row by row, each in its own subtransaction.
    migrated := 0; quarantined := 0;
    FOR v_one IN SELECT h.id FROM public.habit_tracker h WHERE h.id > p_from AND h.id <= p_to ORDER BY h.id LOOP
      BEGIN
        -- the OUT parameters qualified: bare, `migrated` is also m's column (42702, ambiguous)
        SELECT hv_migrate_page.migrated + m.migrated, hv_migrate_page.quarantined + m.quarantined INTO migrated, quarantined
          FROM public.hv_migrate_range(v_one.id - 1, v_one.id) m;
      EXCEPTION WHEN OTHERS THEN
        INSERT INTO public.migration_quarantine (legacy_id, reason, detail, original)
        SELECT h.id, 'unexpected_error', jsonb_build_object('sqlstate', SQLSTATE, 'message', SQLERRM), public.hv_row_json(h)
          FROM public.habit_tracker h WHERE h.id = v_one.id
        ON CONFLICT (legacy_id) DO NOTHING;
        quarantined := quarantined + 1;
      END;
    END LOOP;
  END;
  UPDATE public.backfill_progress
     SET migrated_rows = migrated_rows + migrated, quarantined_rows = quarantined_rows + quarantined
   WHERE job = p_job;
END
$$;

-- One batch, one transaction, one round trip: the page, its rows migrated or quarantined, and the
-- progress row advanced together — a crash loses at most the batch in flight, never a committed one.
CREATE OR REPLACE FUNCTION public.hv_backfill_batch(p_batch_size integer, p_job text DEFAULT 'habit_tracker')
RETURNS TABLE (last_id bigint, batch_rows integer, migrated integer, quarantined integer, done boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_page record; v_res record;
BEGIN
  SELECT * INTO v_page FROM public.hv_advance_progress(p_batch_size, p_job);
  IF v_page.batch_rows = 0 THEN
    RETURN QUERY SELECT v_page.to_id, 0, 0, 0, true;
    RETURN;
  END IF;
  SELECT * INTO v_res FROM public.hv_migrate_page(v_page.from_id, v_page.to_id, p_job);
  RETURN QUERY SELECT v_page.to_id, v_page.batch_rows, v_res.migrated, v_res.quarantined, false;
END
$$;

-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_advance_progress(integer, text), public.hv_ascii_lower(text), public.hv_backfill_batch(integer, text), public.hv_canonical_habits(jsonb), public.hv_canonical_statuses(jsonb), public.hv_canonical_times(jsonb), public.hv_habits_reason(jsonb), public.hv_habits_reasons(jsonb), public.hv_migrate_page(bigint, bigint, text), public.hv_migrate_range(bigint, bigint), public.hv_row_json(public.habit_tracker), public.hv_row_reason(public.habit_tracker), public.hv_row_reasons(public.habit_tracker), public.hv_status_fault(jsonb), public.hv_ts_text(timestamptz), public.hv_uuid(text), public.hv_week_period(date) FROM PUBLIC, anon, authenticated, service_role;
