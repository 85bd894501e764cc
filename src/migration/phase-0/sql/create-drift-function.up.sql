
-- Row hashes: the drift detector compares one 64-bit hash of each row's canonical form on both sides,
-- set-based, and builds the field-by-field report only for the rows whose hashes differ. Hashes are
-- order-free: a set of elements hashes as the XOR of theirs with their count beside it (a habit's
-- days; a row's habits). Each legacy row's habits are distinct by position and a habit's days by
-- date, so a duplicated pair that the XOR hides on the new side still shows in the count. Two rows of
-- different content hash equal with probability ~2^-64.
-- Every function here is a plain expression or a one-query set-returning function: the planner
-- inlines them (a scalar SQL function with a FROM clause would run its own executor per call).

-- A set of n elements by the XOR of their hashes: order-free, and a pair the XOR hides shows in n.
CREATE OR REPLACE FUNCTION public.hv_drift_set_hash(p_xor bigint, p_count bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT hashint8extended(coalesce(p_xor, 0), p_count) $$;
REVOKE ALL ON FUNCTION public.hv_drift_set_hash(bigint, bigint) FROM PUBLIC, anon, authenticated, service_role;

-- A legacy status's hash, canonical form first (the mapping rules, as hv_canonical_times: null or missing ->
-- none, ASCII case folded). CASE reads its operand once, and the canonical values skip translate()
-- (~1.5 µs a call); hashtext of a constant is folded when the query is planned.
CREATE OR REPLACE FUNCTION public.hv_drift_status_hash(p_status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_status WHEN 'green' THEN hashtext('green') WHEN 'yellow' THEN hashtext('yellow')
                       WHEN 'red' THEN hashtext('red') WHEN 'none' THEN hashtext('none')
                       ELSE hashtext(coalesce(public.hv_ascii_lower(p_status), 'none')) END
$$;
REVOKE ALL ON FUNCTION public.hv_drift_status_hash(text) FROM PUBLIC, anon, authenticated, service_role;

-- One day of one habit: its date and the hashtext of its status (the new side's as stored, the
-- legacy side's canonical: so they agree exactly when the report would find them equal).
CREATE OR REPLACE FUNCTION public.hv_drift_day_hash(p_date date, p_status_hash integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT hashint8extended((p_date - DATE '2000-01-03')::bigint, p_status_hash) $$;
REVOKE ALL ON FUNCTION public.hv_drift_day_hash(date, integer) FROM PUBLIC, anon, authenticated, service_role;

-- One habit: its position in the week, its name, and its days (a set hash).
CREATE OR REPLACE FUNCTION public.hv_drift_habit_hash(p_position integer, p_name text, p_days bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT hashtextextended(p_name, hashint8extended(p_days, p_position)) $$;
REVOKE ALL ON FUNCTION public.hv_drift_habit_hash(integer, text, bigint) FROM PUBLIC, anon, authenticated, service_role;

-- One row: the fields the report compares, and its habits (a set hash). Stable: timestamps print in
-- the session's zone, the same on both sides of one statement.
CREATE OR REPLACE FUNCTION public.hv_drift_row_hash(p_user uuid, p_child text, p_start date, p_theme text, p_reflection jsonb,
  p_reward text, p_created timestamptz, p_updated timestamptz, p_habits bigint) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT hashtextextended(ROW(p_user, p_child, p_start, p_theme, p_reflection, p_reward, p_created, p_updated)::text, p_habits)
$$;
REVOKE ALL ON FUNCTION public.hv_drift_row_hash(uuid, text, date, text, jsonb, text, timestamptz, timestamptz, bigint) FROM PUBLIC, anon, authenticated, service_role;

-- A legacy row's habits, hashed as the new side's are (set-returning, one row: it inlines).
CREATE OR REPLACE FUNCTION public.hv_drift_legacy_habits(p_start date, p_habits jsonb) RETURNS SETOF bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.hv_drift_set_hash(bit_xor(public.hv_drift_habit_hash((e.ord - 1)::int, e.value ->> 'name', public.hv_drift_set_hash(
           public.hv_drift_day_hash(p_start,     public.hv_drift_status_hash(e.value -> 'times' ->> 0))
         # public.hv_drift_day_hash(p_start + 1, public.hv_drift_status_hash(e.value -> 'times' ->> 1))
         # public.hv_drift_day_hash(p_start + 2, public.hv_drift_status_hash(e.value -> 'times' ->> 2))
         # public.hv_drift_day_hash(p_start + 3, public.hv_drift_status_hash(e.value -> 'times' ->> 3))
         # public.hv_drift_day_hash(p_start + 4, public.hv_drift_status_hash(e.value -> 'times' ->> 4))
         # public.hv_drift_day_hash(p_start + 5, public.hv_drift_status_hash(e.value -> 'times' ->> 5))
         # public.hv_drift_day_hash(p_start + 6, public.hv_drift_status_hash(e.value -> 'times' ->> 6)), 7))), count(*))
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_habits) = 'array' THEN p_habits ELSE '[]'::jsonb END) WITH ORDINALITY AS e(value, ord)
$$;
REVOKE ALL ON FUNCTION public.hv_drift_legacy_habits(date, jsonb) FROM PUBLIC, anon, authenticated, service_role;

-- The legacy ids whose rows differ: hashed on both sides and joined (a row on one side only counts).
-- Everything at once: one pass over each table, the new side aggregated records -> habits -> weeks by
-- hash. Sampled (p_sample_permille < 1000): the legacy id space in segments of 1024 consecutive ids,
-- a segment taken when the hash of its number (with p_salt) falls in the sample; both sides read by
-- index, so a 1 % sample costs ~1 % of the whole. Weeks with no legacy id are not here: hv_drift
-- reports every one of them.
CREATE OR REPLACE FUNCTION public.hv_drift_candidates(p_sample_permille integer DEFAULT 1000, p_salt integer DEFAULT 0)
RETURNS TABLE (legacy_id bigint)
LANGUAGE sql STABLE ROWS 100 AS $$
  WITH seg AS (
    SELECT k * 1024 AS lo, k * 1024 + 1024 AS hi
      FROM (SELECT least((SELECT min(id) FROM public.habit_tracker), (SELECT min(legacy_id) FROM public.weeks)) / 1024 AS first,
                   greatest((SELECT max(id) FROM public.habit_tracker), (SELECT max(legacy_id) FROM public.weeks)) / 1024 AS last) b,
           generate_series(b.first, b.last) AS k
     WHERE p_sample_permille < 1000 AND mod(abs(hashint8(k # p_salt)), 1000) < p_sample_permille
  ), lsrc AS (
    SELECT h.* FROM public.habit_tracker h WHERE p_sample_permille >= 1000
    UNION ALL
    SELECT h.* FROM seg JOIN public.habit_tracker h ON h.id >= seg.lo AND h.id < seg.hi
  ), lh AS MATERIALIZED (
    SELECT h.id, public.hv_drift_row_hash(h.user_id, h.child_name, h.week_start_date, h.theme, h.reflection, h.reward,
             h.created_at, h.updated_at, (SELECT x FROM public.hv_drift_legacy_habits(h.week_start_date, h.habits) AS x)) AS hash
      FROM lsrc h
     WHERE NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)
  ), rec AS (
    SELECT r.habit_id, public.hv_drift_set_hash(bit_xor(public.hv_drift_day_hash(r.record_date, hashtext(r.status))), count(*)) AS days
      FROM public.habit_records r WHERE p_sample_permille >= 1000 GROUP BY r.habit_id
  ), hab AS (
    SELECT hb.week_id, public.hv_drift_set_hash(bit_xor(public.hv_drift_habit_hash(hb.display_order, hb.name,
             coalesce(rec.days, public.hv_drift_set_hash(NULL, 0)))), count(*)) AS habits
      FROM public.habits hb LEFT JOIN rec ON rec.habit_id = hb.id WHERE p_sample_permille >= 1000 GROUP BY hb.week_id
  ), nh AS MATERIALIZED (
    SELECT w.legacy_id AS id, public.hv_drift_row_hash(c.user_id, c.name, w.week_start_date, w.theme, w.reflection, w.reward,
             w.created_at, w.updated_at, coalesce(hab.habits, public.hv_drift_set_hash(NULL, 0))) AS hash
      FROM public.weeks w JOIN public.children c ON c.id = w.child_id LEFT JOIN hab ON hab.week_id = w.id
     WHERE p_sample_permille >= 1000 AND w.legacy_id IS NOT NULL
    UNION ALL
    SELECT w.legacy_id, public.hv_drift_row_hash(c.user_id, c.name, w.week_start_date, w.theme, w.reflection, w.reward,
             w.created_at, w.updated_at,
             (SELECT public.hv_drift_set_hash(bit_xor(public.hv_drift_habit_hash(hb.display_order, hb.name,
                       (SELECT public.hv_drift_set_hash(bit_xor(public.hv_drift_day_hash(r.record_date, hashtext(r.status))), count(*))
                          FROM public.habit_records r WHERE r.habit_id = hb.id))), count(*))
                FROM public.habits hb WHERE hb.week_id = w.id))
      FROM seg JOIN public.weeks w ON w.legacy_id >= seg.lo AND w.legacy_id < seg.hi
      JOIN public.children c ON c.id = w.child_id
  )
  SELECT coalesce(l.id, n.id) FROM lh l FULL JOIN nh n ON n.id = l.id WHERE l.hash IS DISTINCT FROM n.hash
$$;
REVOKE ALL ON FUNCTION public.hv_drift_candidates(integer, integer) FROM PUBLIC, anon, authenticated, service_role;

    CREATE OR REPLACE FUNCTION public.hv_drift(p_sample_permille integer DEFAULT 1000, p_salt integer DEFAULT 0)
    RETURNS TABLE (legacy_id bigint, child text, week date, habit_index integer, day integer,
                   field text, legacy text, new text, kind text)
    LANGUAGE sql STABLE AS $$
      -- Field by field only where the hashes differ (and for every week with no legacy id).
      WITH cand AS MATERIALIZED (
        SELECT d.legacy_id AS id FROM public.hv_drift_candidates(p_sample_permille, p_salt) d
      ), leg AS MATERIALIZED (
        SELECT h.id, h.user_id, h.child_name, h.week_start_date, h.theme, h.reflection, h.reward,
               h.created_at, h.updated_at, public.hv_canonical_habits(h.habits) AS habits
          FROM public.habit_tracker h
         WHERE NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)
           AND h.id IN (SELECT c.id FROM cand c)
      ), neu AS MATERIALIZED (
        SELECT v.* FROM public.habit_tracker_from_new v WHERE v.id IN (SELECT c.id FROM cand c)
        UNION ALL
        SELECT v.* FROM public.habit_tracker_from_new v WHERE v.id IS NULL
      ), cweeks AS MATERIALIZED (
        SELECT w.id FROM public.weeks w WHERE w.legacy_id IN (SELECT c.id FROM cand c)
        UNION ALL
        SELECT w.id FROM public.weeks w WHERE w.legacy_id IS NULL
      ), pairs AS (
        SELECT l.id, l.child_name, l.week_start_date, l.habits AS lh, n.habits AS nh
          FROM leg l JOIN neu n ON n.id = l.id
      ), lhab AS (
        SELECT p.id, p.child_name, p.week_start_date, (e.ord - 1)::int AS idx, e.value
          FROM pairs p, jsonb_array_elements(p.lh) WITH ORDINALITY e(value, ord)
      ), nhab AS (
        SELECT p.id, (e.ord - 1)::int AS idx, e.value
          FROM pairs p, jsonb_array_elements(p.nh) WITH ORDINALITY e(value, ord)
      ), habs AS (
        SELECT coalesce(lh.id, nh.id) AS id, lh.idx AS lidx, nh.idx AS nidx, coalesce(lh.idx, nh.idx) AS idx,
               lh.value AS lv, nh.value AS nv
          FROM lhab lh FULL JOIN nhab nh ON nh.id = lh.id AND nh.idx = lh.idx
      )
      -- whole rows
      SELECT l.id, l.child_name, l.week_start_date, NULL::int, NULL::int, 'row', 'present', NULL, 'missing_in_new'
        FROM leg l WHERE NOT EXISTS (SELECT 1 FROM neu n WHERE n.id = l.id)
      UNION ALL
      SELECT n.id, n.child_name, n.week_start_date, NULL, NULL, 'row', NULL, 'present',
             CASE WHEN EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = n.id)
                  THEN 'quarantined_but_migrated' ELSE 'extra_in_new' END
        FROM neu n WHERE n.id IS NULL OR NOT EXISTS (SELECT 1 FROM leg l WHERE l.id = n.id)
      UNION ALL
      -- scalar fields
      SELECT l.id, l.child_name, l.week_start_date, NULL, NULL, f.field, f.lv, f.nv, 'value_mismatch'
        FROM leg l JOIN neu n ON n.id = l.id,
             LATERAL (VALUES ('user_id', l.user_id::text, n.user_id::text),
          ('child_name', l.child_name, n.child_name),
          ('week_start_date', l.week_start_date::text, n.week_start_date::text),
          ('theme', l.theme, n.theme),
          ('reflection', l.reflection::text, n.reflection::text),
          ('reward', l.reward, n.reward),
          ('created_at', public.hv_ts_text(l.created_at), public.hv_ts_text(n.created_at)),
          ('updated_at', public.hv_ts_text(l.updated_at), public.hv_ts_text(n.updated_at))) AS f(field, lv, nv)
       WHERE f.lv IS DISTINCT FROM f.nv
      UNION ALL
      -- habits present on one side only, or renamed
      SELECT hb.id, p.child_name, p.week_start_date, hb.idx, NULL,
             'habits[' || hb.idx || '].name', hb.lv ->> 'name', hb.nv ->> 'name',
             CASE WHEN hb.nv IS NULL THEN 'missing_habit' WHEN hb.lv IS NULL THEN 'extra_habit' ELSE 'value_mismatch' END
        FROM habs hb JOIN pairs p ON p.id = hb.id
       WHERE hb.lv IS NULL OR hb.nv IS NULL OR (hb.lv -> 'name') IS DISTINCT FROM (hb.nv -> 'name')
      UNION ALL
      -- statuses, day by day (day 0 = Monday)
      SELECT hb.id, p.child_name, p.week_start_date, hb.idx, d.d,
             'habits[' || hb.idx || '].times[' || d.d || ']', hb.lv -> 'times' ->> d.d, hb.nv -> 'times' ->> d.d,
             'value_mismatch'
        FROM habs hb JOIN pairs p ON p.id = hb.id, generate_series(0, 6) AS d(d)
       WHERE hb.lv IS NOT NULL AND hb.nv IS NOT NULL
         AND (hb.lv -> 'times' -> d.d) IS DISTINCT FROM (hb.nv -> 'times' -> d.d)
      UNION ALL
      -- records the legacy view cannot show: dated outside their week
      SELECT w.legacy_id, c.name, w.week_start_date, hb.display_order, (r.record_date - w.week_start_date),
             'habit_records.record_date', NULL, r.record_date::text, 'record_outside_week'
        FROM cweeks cw
        JOIN public.weeks w ON w.id = cw.id
        JOIN public.habits hb ON hb.week_id = w.id
        JOIN public.habit_records r ON r.habit_id = hb.id
        JOIN public.children c ON c.id = w.child_id
       WHERE (r.record_date < w.week_start_date OR r.record_date > w.week_start_date + 6)
    $$;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_drift(integer, integer) FROM PUBLIC, anon, authenticated, service_role;
