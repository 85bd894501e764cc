/**
 * The legacy table made read-only for the retirement week — by a trigger, not by `SET UNLOGGED`.
 *
 * The plan's Day 1 is `ALTER TABLE habit_tracker SET UNLOGGED -- 성능 향상`. An unlogged table is not
 * read-only at all (every write still succeeds), it is not WAL-logged, and crash recovery TRUNCATEs
 * it: one crash during the "monitoring week" empties the table the rollback depends on. It also
 * rewrites the whole table under ACCESS EXCLUSIVE, and disappears from replicas and PITR backups.
 *
 * Why a trigger rather than REVOKE of the write privileges:
 * - a trigger binds every role: REVOKE does not bind the table owner nor superusers (on Supabase the
 *   `postgres` role the migrations, the SQL editor and SECURITY DEFINER functions — Phase 1's sync among
 *   them — run as), nor a role that gets the privilege back through another grant;
 * - it refuses with a message that says what happened and what to do, under one SQLSTATE
 *   (25006 read_only_sql_transaction), instead of "permission denied";
 * - it lets the reverse sync through (and only it: a transaction-local flag set by the sync function AND
 *   pg_trigger_depth() > 1, i.e. from inside a trigger, so a client cannot open it with a SET);
 * - like a REVOKE it is catalog state: WAL-logged, transactional, it survives a crash and a restart.
 * Statement triggers (BEFORE … FOR EACH STATEMENT): every write statement is refused, also one that
 * would touch no row — the app learns at its first write, whatever the data — and TRUNCATE, which row
 * triggers do not see, too. The guard costs nothing on reads and once per statement on writes;
 * creating it takes SHARE ROW EXCLUSIVE on the table for an instant.
 */
import { RETIREMENT_TABLE, REVERSE_SYNC_GUC } from './names.ts';

export const READ_ONLY_FUNCTION_SQL = `
    -- SECURITY DEFINER: its message reads the retirement log, which the API roles may not read
    CREATE OR REPLACE FUNCTION public.hv_p3_legacy_read_only() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF TG_OP <> 'TRUNCATE' AND pg_trigger_depth() > 1 AND current_setting('${REVERSE_SYNC_GUC}', true) = 'on' THEN
        RETURN NULL;
      END IF;
      RAISE EXCEPTION USING
        ERRCODE = 'read_only_sql_transaction',
        MESSAGE = format('%I.%I is read-only: the legacy table is being retired (migration Phase 3); %s refused',
                         TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP),
        DETAIL = format('read-only since %s', (SELECT r.read_only_since FROM public.${RETIREMENT_TABLE} r)),
        HINT = 'Write to the new schema (weeks, habits, habit_records): the legacy table follows it until it is dropped. To write here again, roll Phase 3 back.';
    END $$;
    REVOKE EXECUTE ON FUNCTION public.hv_p3_legacy_read_only() FROM PUBLIC, anon, authenticated;`;

export const DROP_READ_ONLY_FUNCTION_SQL = 'DROP FUNCTION IF EXISTS public.hv_p3_legacy_read_only();';

/** Makes the legacy table read-only: statement triggers refuse every write, TRUNCATE included. */
export const READ_ONLY_SQL = `CREATE OR REPLACE TRIGGER hv_p3_legacy_read_only BEFORE INSERT OR UPDATE OR DELETE ON public.habit_tracker
       FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_legacy_read_only();
     CREATE OR REPLACE TRIGGER hv_p3_legacy_no_truncate BEFORE TRUNCATE ON public.habit_tracker
       FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_legacy_read_only();`;

export const DROP_READ_ONLY_SQL = `DROP TRIGGER IF EXISTS hv_p3_legacy_read_only ON public.habit_tracker;
     DROP TRIGGER IF EXISTS hv_p3_legacy_no_truncate ON public.habit_tracker;`;
