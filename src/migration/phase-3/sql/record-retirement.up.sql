
    -- waits for app writes that found no retirement table (writePathOf), so none outlives this step
    SELECT pg_advisory_xact_lock(26742, 3);
    CREATE TABLE IF NOT EXISTS public.migration_retirement (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      started_at timestamptz NOT NULL DEFAULT now(),
      write_path text NOT NULL DEFAULT 'legacy' CHECK (write_path IN ('legacy', 'new')),
      read_only_since timestamptz,
      renamed_at timestamptz,
      dropped_at timestamptz,
      saved_triggers jsonb NOT NULL DEFAULT '[]'
    );
    INSERT INTO public.migration_retirement DEFAULT VALUES ON CONFLICT DO NOTHING;
    -- migration bookkeeping, not the API roles' business (Supabase's default privileges grant them ALL)…
    REVOKE ALL ON public.migration_retirement FROM anon, authenticated, service_role;
    -- …but a signed-in client that writes must learn where: this function reads the flag FOR SHARE (a
    -- row lock needs UPDATE privilege, which the API roles must not have), in the caller's transaction
    -- hv-lint-ignore security-definer-function-executable -- the app's entry point during retirement: it reads one flag and returns it
    CREATE OR REPLACE FUNCTION public.hv_p3_write_path() RETURNS text
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      SELECT r.write_path FROM public.migration_retirement r FOR SHARE
    $$;
    REVOKE ALL ON FUNCTION public.hv_p3_write_path() FROM PUBLIC, anon, authenticated, service_role;
    GRANT EXECUTE ON FUNCTION public.hv_p3_write_path() TO authenticated, service_role;
