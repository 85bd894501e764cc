
    DO $$
    DECLARE
      v record;
    BEGIN
      IF to_regclass('public.hv_phase2_saved_acl') IS NULL THEN RETURN; END IF;
      FOR v IN SELECT s.relname FROM public.hv_phase2_saved_acl s WHERE to_regclass(format('public.%I', s.relname)) IS NOT NULL LOOP
        EXECUTE format('REVOKE ALL ON public.%I FROM anon, authenticated, service_role', v.relname);
      END LOOP;
      -- a null ACL means "owner only" (the default): nothing to grant back
      FOR v IN SELECT s.relname, r.rolname, a.privilege_type, a.is_grantable
                 FROM public.hv_phase2_saved_acl s
                 CROSS JOIN LATERAL aclexplode(s.acl) a
                 JOIN pg_roles r ON r.oid = a.grantee
                WHERE r.rolname IN ('anon', 'authenticated', 'service_role')
                  AND to_regclass(format('public.%I', s.relname)) IS NOT NULL LOOP
        EXECUTE format('GRANT %s ON public.%I TO %I%s', v.privilege_type, v.relname, v.rolname,
                       CASE WHEN v.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
      END LOOP;
    END
    $$;
    DROP TABLE IF EXISTS public.hv_phase2_saved_acl;
