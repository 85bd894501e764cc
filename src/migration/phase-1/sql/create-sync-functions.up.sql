
-- The advisory lock of one (owner, exact child name, week) group. Dates go in as day numbers: text
-- would follow the session's DateStyle, and two sessions must agree on the lock.
CREATE OR REPLACE FUNCTION public.hv_week_lock_id(p_user uuid, p_child text, p_start date) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT hashtextextended(coalesce(p_user::text, '-') || '/' || (p_start - DATE '2000-01-03')::text || '/' || p_child, 1471)
$$;

-- The groups of some legacy ids: where the rows are now, and where the new schema (week or
-- quarantine) still has them — after an UPDATE or DELETE those differ.
CREATE OR REPLACE FUNCTION public.hv_groups_of(p_ids bigint[])
RETURNS TABLE (user_id uuid, child_name text, week_start_date date)
LANGUAGE sql STABLE AS $$
  SELECT h.user_id, h.child_name, h.week_start_date FROM public.habit_tracker h WHERE h.id = ANY (p_ids)
  UNION
  SELECT c.user_id, c.name, w.week_start_date
    FROM public.weeks w JOIN public.children c ON c.id = w.child_id WHERE w.legacy_id = ANY (p_ids)
  UNION
  SELECT (q.original ->> 'user_id')::uuid, q.original ->> 'child_name', (q.original ->> 'week_start_date')::date
    FROM public.migration_quarantine q WHERE q.legacy_id = ANY (p_ids)
$$;

-- Phase 0's hv_migrate_range for one row, in PL/pgSQL: a SQL function plans its statement again on
-- every call (PostgreSQL 15–17) — 3.5 ms, more than migrating the row, on each write the trigger or the
-- API syncs. Here the same generic plan (parameters unknown, as the SQL function plans it) is made
-- once per session. Built from hv_migrate_range's text as it is when this step runs (a changed
-- Phase 0 function needs this step again). The backfill keeps the SQL function: its tables grow
-- from empty, and each page must be planned for their size.
DO $do$
BEGIN
  EXECUTE format(
    'CREATE OR REPLACE FUNCTION public.hv_migrate_row(p_id bigint, OUT migrated integer, OUT quarantined integer) '
    'LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS %L',
    'DECLARE p_from bigint := p_id - 1; p_to bigint := p_id; BEGIN '
      || regexp_replace((SELECT p.prosrc FROM pg_proc p WHERE p.oid = 'public.hv_migrate_range(bigint, bigint)'::regprocedure), '[\s;]+$', '')
      || E'\n  INTO migrated, quarantined;\nEND');
END
$do$;

-- Re-derives the given legacy rows and every row of their groups. Returns how many rows it re-derived.
-- p_quarantine_errors: a failure no mapping rule foresaw quarantines that row as unexpected_error (the
-- backfill's fallback; reconcile uses it), instead of failing the caller — the trigger and the API
-- let it fail the write: both schemas change, or neither.
DROP FUNCTION IF EXISTS public.hv_resync(bigint[]);
CREATE OR REPLACE FUNCTION public.hv_resync(p_ids bigint[], p_quarantine_errors boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_lock bigint;
  v_ids bigint[];
  v_templates jsonb;
  v_id bigint;
BEGIN
  FOR v_lock IN
    SELECT DISTINCT public.hv_week_lock_id(g.user_id, g.child_name, g.week_start_date) FROM public.hv_groups_of(p_ids) g ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(v_lock);
  END LOOP;
  -- A new statement, a new snapshot: what other writers of these groups committed before we got the locks.
  SELECT coalesce(array_agg(DISTINCT x.id ORDER BY x.id), '{}') INTO v_ids
    FROM (SELECT unnest(p_ids) AS id
          UNION ALL
          SELECT h.id FROM public.habit_tracker h
            JOIN public.hv_groups_of(p_ids) g
              ON h.user_id IS NOT DISTINCT FROM g.user_id AND h.child_name = g.child_name AND h.week_start_date = g.week_start_date) x;

  SELECT jsonb_object_agg(t.legacy_id::text, t.template_id) INTO v_templates
    FROM (SELECT w.legacy_id, w.template_id::text AS template_id FROM public.weeks w
           WHERE w.legacy_id = ANY (v_ids) AND w.template_id IS NOT NULL
          UNION ALL
          SELECT q.legacy_id, q.detail ->> 'template_id' FROM public.migration_quarantine q
           WHERE q.legacy_id = ANY (v_ids) AND q.detail ? 'template_id') t;

  DELETE FROM public.weeks WHERE legacy_id = ANY (v_ids);
  DELETE FROM public.migration_quarantine WHERE legacy_id = ANY (v_ids);
  DELETE FROM public.migration_warnings WHERE legacy_id = ANY (v_ids);

  -- One by one in id order, each as the backfill would. With p_quarantine_errors, a failure no rule
  -- foresaw quarantines that row alone; transient failures (deadlock, serialization, lock or statement
  -- timeout, resources) are raised all the same: they say nothing about the row.
  FOREACH v_id IN ARRAY v_ids LOOP
    IF NOT p_quarantine_errors THEN
      PERFORM public.hv_migrate_row(v_id);
      CONTINUE;
    END IF;
    BEGIN
      PERFORM public.hv_migrate_row(v_id);
    EXCEPTION WHEN OTHERS THEN
      IF SQLSTATE IN ('40001', '40P01', '55P03', '57014') OR left(SQLSTATE, 2) IN ('53', '57', '58') THEN RAISE; END IF;
      INSERT INTO public.migration_quarantine (legacy_id, reason, detail, original)
      SELECT h.id, 'unexpected_error', jsonb_build_object('sqlstate', SQLSTATE, 'message', SQLERRM), public.hv_row_json(h)
        FROM public.habit_tracker h WHERE h.id = v_id
      ON CONFLICT (legacy_id) DO NOTHING;
    END;
  END LOOP;

  IF v_templates IS NOT NULL THEN
    UPDATE public.weeks w SET template_id = (v_templates ->> w.legacy_id::text)::uuid
     WHERE w.legacy_id = ANY (v_ids) AND v_templates ? w.legacy_id::text;
    UPDATE public.migration_quarantine q
       SET detail = coalesce(q.detail, '{}'::jsonb) || jsonb_build_object('template_id', v_templates ->> q.legacy_id::text)
     WHERE q.legacy_id = ANY (v_ids) AND v_templates ? q.legacy_id::text;
  END IF;
  RETURN cardinality(v_ids);
END
$$;

-- Catches up with every legacy write the trigger did not see (between the backfill and the trigger,
-- or while Phase 1 was rolled back): rows never handled, rows that drift, quarantined rows that
-- changed or are gone, and rows quarantined as unexpected_error (retried: the cause may be gone).
-- One transaction; meant for the apply step (tables of this project's size).
CREATE OR REPLACE FUNCTION public.hv_reconcile() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_ids bigint[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT s.id ORDER BY s.id), '{}') INTO v_ids FROM (
    SELECT h.id FROM public.habit_tracker h
     WHERE NOT EXISTS (SELECT 1 FROM public.weeks w WHERE w.legacy_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM public.migration_quarantine q WHERE q.legacy_id = h.id)
    UNION ALL
    SELECT d.legacy_id FROM public.hv_drift() d WHERE d.legacy_id IS NOT NULL
    UNION ALL
    SELECT q.legacy_id FROM public.migration_quarantine q LEFT JOIN public.habit_tracker h ON h.id = q.legacy_id
     WHERE h.id IS NULL OR q.reason = 'unexpected_error' OR q.original IS DISTINCT FROM public.hv_row_json(h)
  ) s;
  IF cardinality(v_ids) = 0 THEN RETURN 0; END IF;
  RETURN public.hv_resync(v_ids, true);
END
$$;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON FUNCTION public.hv_groups_of(bigint[]), public.hv_migrate_row(bigint), public.hv_reconcile(), public.hv_resync(bigint[], boolean), public.hv_week_lock_id(uuid, text, date) FROM PUBLIC, anon, authenticated, service_role;
