import type { Step } from '../../contract/step.ts';
import { LEGACY_TABLE, RETIRED_TABLE, RETIREMENT_TABLE } from './names.ts';
import { syncFunctionSql } from './reverse-sync.ts';

/**
 * The plan's Day 8: habit_tracker → habit_tracker_old. Anything that still reads or writes the legacy
 * table by name fails loudly now, while the data is still there to go back to. The reverse sync names
 * its target in its body, so it is re-created for the new name in the same transaction (an app write
 * in between would otherwise hit a table that no longer exists). Triggers, indexes, the sequence and
 * the rows follow the table. ACCESS EXCLUSIVE for an instant: taken under lock_timeout, retried.
 */
export const RENAME_LEGACY_STEP: Step = {
  name: 'rename-legacy',
  why: 'stragglers that still use the legacy table by name fail now, while a rollback is still one step',
  stage: 'rename',
  up: `
    -- the flag row first (app writes hold it FOR SHARE): see switch-writes.ts
    UPDATE public.${RETIREMENT_TABLE} SET renamed_at = coalesce(renamed_at, now());
    ALTER TABLE IF EXISTS public.${LEGACY_TABLE} RENAME TO ${RETIRED_TABLE};
    ${syncFunctionSql(RETIRED_TABLE)}`,
  down: `
    DO $$
    BEGIN
      IF to_regclass('public.${RETIREMENT_TABLE}') IS NOT NULL THEN
        UPDATE public.${RETIREMENT_TABLE} SET renamed_at = NULL;
      END IF;
    END $$;
    ALTER TABLE IF EXISTS public.${RETIRED_TABLE} RENAME TO ${LEGACY_TABLE};
    ${syncFunctionSql(LEGACY_TABLE)}`,
};
