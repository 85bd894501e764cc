DROP FUNCTION IF EXISTS public.hv_drift(integer, integer);
DROP FUNCTION IF EXISTS public.hv_drift_candidates(integer, integer);
DROP FUNCTION IF EXISTS public.hv_drift_legacy_habits(date, jsonb);
DROP FUNCTION IF EXISTS public.hv_drift_row_hash(uuid, text, date, text, jsonb, text, timestamptz, timestamptz, bigint);
DROP FUNCTION IF EXISTS public.hv_drift_habit_hash(integer, text, bigint);
DROP FUNCTION IF EXISTS public.hv_drift_day_hash(date, integer);
DROP FUNCTION IF EXISTS public.hv_drift_status_hash(text);
DROP FUNCTION IF EXISTS public.hv_drift_set_hash(bigint, bigint);
