
    CREATE OR REPLACE FUNCTION public.hv_week_habits(p_week_id uuid, p_start date) RETURNS jsonb
    LANGUAGE sql STABLE AS $$
      SELECT coalesce(jsonb_agg(jsonb_build_object('name', h.name, 'times',
               (SELECT jsonb_agg(coalesce(to_jsonb(r.status), 'null'::jsonb) ORDER BY d.d)
                  FROM generate_series(0, 6) AS d(d)
                  LEFT JOIN public.habit_records r ON r.habit_id = h.id AND r.record_date = p_start + d.d))
             ORDER BY h.display_order, h.id), '[]'::jsonb)
        FROM public.habits h WHERE h.week_id = p_week_id
    $$;
    -- security_invoker: the view reads the new tables with its reader's privileges and RLS, not its owner's
    CREATE OR REPLACE VIEW public.habit_tracker_from_new WITH (security_invoker = true) AS
    SELECT w.legacy_id AS id,
           c.user_id,
           c.name AS child_name,
           public.hv_week_period(w.week_start_date) AS week_period,
           w.week_start_date,
           w.theme,
           public.hv_week_habits(w.id, w.week_start_date) AS habits,
           w.reflection,
           w.reward,
           w.created_at,
           w.updated_at
      FROM public.weeks w
      JOIN public.children c ON c.id = w.child_id;

    -- Near-duplicate children (mapping rule: identity is the exact name; these are reported, never
    -- merged): names of one owner equal after NFC and collapsing ASCII whitespace.
    CREATE OR REPLACE FUNCTION public.hv_name_key(n text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT btrim(regexp_replace(normalize(n, NFC), '[ 	

]+', ' ', 'g'), ' ')
    $$;
    CREATE OR REPLACE VIEW public.migration_near_duplicate_children WITH (security_invoker = true) AS
    SELECT a.user_id, a.id AS child_id, a.name, b.id AS other_child_id, b.name AS other_name
      FROM public.children a
      JOIN public.children b ON b.user_id = a.user_id AND b.id <> a.id
     WHERE public.hv_name_key(a.name) = public.hv_name_key(b.name);
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_name_key(text), public.hv_week_habits(uuid, date) FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON TABLE public.habit_tracker_from_new, public.migration_near_duplicate_children FROM anon, authenticated, service_role;
