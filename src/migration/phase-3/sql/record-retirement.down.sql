
    DROP FUNCTION IF EXISTS public.hv_p3_write_path();
    DROP TABLE IF EXISTS public.migration_retirement;
