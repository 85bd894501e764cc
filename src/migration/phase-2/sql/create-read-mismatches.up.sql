
    CREATE TABLE IF NOT EXISTS public.read_mismatches (
      id bigserial PRIMARY KEY,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      user_id uuid,
      operation text NOT NULL,
      key jsonb NOT NULL,
      kind text NOT NULL CHECK (kind IN ('value', 'error')),
      control jsonb,
      candidate jsonb,
      error jsonb
    );
    REVOKE ALL ON public.read_mismatches FROM PUBLIC, anon, authenticated, service_role;
    REVOKE ALL ON SEQUENCE public.read_mismatches_id_seq FROM PUBLIC, anon, authenticated, service_role;

    -- hv-lint-ignore security-definer-function-executable -- compare mode's entry point: a signed-in reader records what it saw; it writes only that row, stamped with auth.uid()
    CREATE OR REPLACE FUNCTION public.hv_record_read_mismatch(p_operation text, p_key jsonb, p_kind text,
      p_control jsonb, p_candidate jsonb, p_error jsonb) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$
      INSERT INTO public.read_mismatches (user_id, operation, key, kind, control, candidate, error)
      VALUES (auth.uid(), p_operation, p_key, p_kind, p_control, p_candidate, p_error)
    $$;
    -- a definer function is executable by PUBLIC by default (and by the API roles on older projects):
    -- closed, then given to the reading client (and the server) only
    REVOKE ALL ON FUNCTION public.hv_record_read_mismatch(text, jsonb, text, jsonb, jsonb, jsonb) FROM PUBLIC, anon, authenticated, service_role;
    GRANT EXECUTE ON FUNCTION public.hv_record_read_mismatch(text, jsonb, text, jsonb, jsonb, jsonb) TO authenticated, service_role;
