
      DROP FUNCTION IF EXISTS public.hv_reconcile();
      DROP FUNCTION IF EXISTS public.hv_resync(bigint[], boolean);
      DROP FUNCTION IF EXISTS public.hv_migrate_row(bigint);
      DROP FUNCTION IF EXISTS public.hv_groups_of(bigint[]);
      DROP FUNCTION IF EXISTS public.hv_week_lock_id(uuid, text, date);
