/**
 * The switch (the plan's Day 1): in ONE transaction, dual write off, reverse sync on, legacy read-only.
 *
 * One transaction because each half alone is wrong for a moment: the legacy → new triggers (Phase 1's
 * backup path) and the reverse sync together would feed each other in a loop; the reverse sync off
 * while the app already writes the new schema would lose those writes for the legacy table; the guard
 * on while an app transaction still writes the legacy path would fail it. Inside the step:
 * 1. the app's write path flips to `new` (`migration_retirement.write_path`, read FOR SHARE by the app
 *    in each write transaction: the flip waits for writes in flight, later writes wait at the flag and
 *    then see `new`). First, before any table lock: an app transaction waiting at the flag holds no
 *    lock this step could need, so the two cannot deadlock;
 * 2. every table it touches is locked, legacy first then the new tables parent → child, under the
 *    executor's lock_timeout (a busy table makes the step give up and retry, never queue the app), and
 *    the legacy table's own triggers — Phase 1's sync — are saved and dropped;
 * 3. the reverse sync triggers are created on the new tables;
 * 4. the read-only guard is created on the legacy table.
 * The rollback does the same in reverse, also in one transaction.
 */
import type { Step } from '../../contract/step.ts';
import { LEGACY_TABLE, RETIREMENT_TABLE } from './names.ts';
import { DROP_REVERSE_SYNC_FUNCTIONS_SQL, DROP_REVERSE_SYNC_TRIGGERS_SQL, REVERSE_SYNC_TRIGGERS_SQL, reverseSyncFunctionsSql } from './reverse-sync.ts';
import { DROP_READ_ONLY_FUNCTION_SQL, DROP_READ_ONLY_SQL, READ_ONLY_FUNCTION_SQL, READ_ONLY_SQL } from './read-only.ts';

const LOCK_ALL = `LOCK TABLE public.${LEGACY_TABLE}, public.children, public.weeks, public.habits, public.habit_records IN SHARE ROW EXCLUSIVE MODE;`;

export const RETIREMENT_FUNCTIONS_STEP: Step = {
  name: 'create-retirement-functions',
  why: 'the reverse sync and the read-only guard as functions first: creating functions locks no table',
  up: `${reverseSyncFunctionsSql(LEGACY_TABLE)}
    ${READ_ONLY_FUNCTION_SQL}`,
  down: `${DROP_READ_ONLY_FUNCTION_SQL}
    ${DROP_REVERSE_SYNC_FUNCTIONS_SQL}`,
};

export const SWITCH_WRITES_STEP: Step = (() => {
  return {
    name: 'switch-writes-to-new',
    why: 'dual write off, reverse sync on, legacy read-only — atomically (see the module comment)',
    up: `
    DO $$
    DECLARE
      first_time boolean;
      t record;
    BEGIN
      -- the flag first: this waits for the app's writes in flight (they hold it FOR SHARE) and holds later
      -- ones at the flag, before this transaction holds any table lock they could be waiting for
      UPDATE public.${RETIREMENT_TABLE} SET write_path = 'new', read_only_since = now() WHERE write_path = 'legacy';
      first_time := FOUND;
      ${LOCK_ALL}
      IF first_time THEN
        UPDATE public.${RETIREMENT_TABLE} SET saved_triggers = coalesce((
          SELECT jsonb_agg(jsonb_build_object('name', tg.tgname, 'def', pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled) ORDER BY tg.tgname)
            FROM pg_trigger tg
           WHERE tg.tgrelid = 'public.${LEGACY_TABLE}'::regclass AND NOT tg.tgisinternal AND tg.tgname NOT LIKE 'hv\\_p3\\_%'), '[]');
        FOR t IN SELECT tg.tgname FROM pg_trigger tg
                  WHERE tg.tgrelid = 'public.${LEGACY_TABLE}'::regclass AND NOT tg.tgisinternal AND tg.tgname NOT LIKE 'hv\\_p3\\_%' LOOP
          EXECUTE format('DROP TRIGGER %I ON public.${LEGACY_TABLE}', t.tgname);
        END LOOP;
      END IF;
    END $$;
    ${REVERSE_SYNC_TRIGGERS_SQL}
    ${READ_ONLY_SQL}`,
    down: `
    DO $$
    DECLARE
      saved jsonb;
      t record;
    BEGIN
      IF to_regclass('public.${RETIREMENT_TABLE}') IS NOT NULL THEN
        -- the flag first, as in up
        SELECT r.saved_triggers INTO saved FROM public.${RETIREMENT_TABLE} r WHERE r.write_path = 'new' FOR UPDATE;
        UPDATE public.${RETIREMENT_TABLE} SET write_path = 'legacy', read_only_since = NULL, saved_triggers = '[]';
      END IF;
      ${LOCK_ALL}
      FOR t IN SELECT * FROM jsonb_to_recordset(coalesce(saved, '[]')) AS x(name text, def text, enabled text) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = 'public.${LEGACY_TABLE}'::regclass AND tg.tgname = t.name) THEN
          EXECUTE t.def;
          IF t.enabled = 'D' THEN EXECUTE format('ALTER TABLE public.${LEGACY_TABLE} DISABLE TRIGGER %I', t.name);
          ELSIF t.enabled = 'A' THEN EXECUTE format('ALTER TABLE public.${LEGACY_TABLE} ENABLE ALWAYS TRIGGER %I', t.name);
          ELSIF t.enabled = 'R' THEN EXECUTE format('ALTER TABLE public.${LEGACY_TABLE} ENABLE REPLICA TRIGGER %I', t.name);
          END IF;
        END IF;
      END LOOP;
    END $$;
    ${DROP_READ_ONLY_SQL}
    ${DROP_REVERSE_SYNC_TRIGGERS_SQL}`,
  };
})();
