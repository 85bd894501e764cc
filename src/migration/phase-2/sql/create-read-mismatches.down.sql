
    -- the table stays (evidence); only the entry point goes
    DROP FUNCTION IF EXISTS public.hv_record_read_mismatch(text, jsonb, text, jsonb, jsonb, jsonb);
