
      CREATE TABLE IF NOT EXISTS public.backfill_progress (
        job text PRIMARY KEY,
        last_processed_id bigint NOT NULL DEFAULT 0,
        processed_rows bigint NOT NULL DEFAULT 0,
        migrated_rows bigint NOT NULL DEFAULT 0,
        quarantined_rows bigint NOT NULL DEFAULT 0,
        batches bigint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed')),
        started_at timestamptz,
        completed_at timestamptz
      );
      CREATE TABLE IF NOT EXISTS public.migration_quarantine (
        legacy_id bigint PRIMARY KEY,
        reason text NOT NULL,
        detail jsonb,
        original jsonb NOT NULL,
        quarantined_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS public.migration_warnings (
        legacy_id bigint NOT NULL,
        code text NOT NULL,
        detail jsonb,
        PRIMARY KEY (legacy_id, code)
      );
-- Closed to the API roles in the step that creates it: older Supabase projects grant every new object in
-- public to them, PostgreSQL gives EXECUTE to PUBLIC, and the platform leaves TRUNCATE granted.
REVOKE ALL ON TABLE public.backfill_progress, public.migration_quarantine, public.migration_warnings FROM anon, authenticated, service_role;
