
    CREATE TABLE IF NOT EXISTS public.idempotency_log (
      key text PRIMARY KEY,
      operation text NOT NULL,
      request_hash text NOT NULL,
      -- null only while the claiming transaction is still running (nobody else can see that row)
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE SEQUENCE IF NOT EXISTS public.hv_op_seq;
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.idempotency_log FROM anon, authenticated, service_role;
REVOKE ALL ON SEQUENCE public.hv_op_seq FROM anon, authenticated, service_role;
