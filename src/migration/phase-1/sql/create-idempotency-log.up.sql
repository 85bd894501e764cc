
    CREATE TABLE IF NOT EXISTS public.idempotency_log (
      key text PRIMARY KEY,
      operation text NOT NULL,
      request_hash text NOT NULL,
      -- null only while the claiming transaction is still running (nobody else can see that row)
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE SEQUENCE IF NOT EXISTS public.hv_op_seq;
