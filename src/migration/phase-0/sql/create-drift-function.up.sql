
    CREATE OR REPLACE FUNCTION public.hv_drift(p_sample_permille integer DEFAULT 1000, p_salt integer DEFAULT 0)
    RETURNS TABLE (legacy_id bigint, child text, week date, habit_index integer, day integer,
                   field text, legacy text, new text, kind text)
    LANGUAGE sql STABLE AS $$
      WITH leg AS MATERIALIZED (
        SELECT h.id, h.user_id, h.child_name, h.week_start_date, h.theme, h.reflection, h.reward,
               h.created_at, h.updated_at, public.hv_canonical_habits(h.habits) AS habits
          FROM public.habit_tracker h
         WHERE NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)
           AND (p_sample_permille >= 1000 OR mod(abs(hashint8(h.id) # p_salt), 1000) < p_sample_permille)
      ), neu AS MATERIALIZED (
        SELECT v.* FROM public.habit_tracker_from_new v
         WHERE (p_sample_permille >= 1000 OR v.id IS NULL OR mod(abs(hashint8(v.id) # p_salt), 1000) < p_sample_permille)
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
        FROM public.habit_records r
        JOIN public.habits hb ON hb.id = r.habit_id
        JOIN public.weeks w ON w.id = hb.week_id
        JOIN public.children c ON c.id = w.child_id
       WHERE (r.record_date < w.week_start_date OR r.record_date > w.week_start_date + 6)
         AND (p_sample_permille >= 1000 OR mod(abs(hashint8(w.legacy_id) # p_salt), 1000) < p_sample_permille)
    $$;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_drift(integer, integer) FROM PUBLIC, anon, authenticated, service_role;
