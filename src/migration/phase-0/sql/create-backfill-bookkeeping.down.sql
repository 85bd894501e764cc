
      DROP TABLE IF EXISTS public.migration_warnings;
      DROP TABLE IF EXISTS public.migration_quarantine;
      DROP TABLE IF EXISTS public.backfill_progress;
