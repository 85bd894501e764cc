import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'read-only-set-unlogged';

export const readOnlySetUnlogged: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: 'The legacy table is "made read-only" with SET UNLOGGED: writes still succeed, and crash recovery truncates an unlogged table — a SIGKILL during the read-only week empties the table a rollback needs.',
  planReference: 'Phase 3, Day 1: ALTER TABLE habit_tracker SET UNLOGGED; -- 성능 향상',
  expectedKillers: ['phase-3/crash-during-retirement', 'phase-3/read-only-week'],
  apply(impl) {
    let out = impl;
    out = patchStep(ID, out, 'phase-3', 'switch-writes-to-new', 'up', [
      [
        `    CREATE OR REPLACE TRIGGER hv_p3_legacy_read_only BEFORE INSERT OR UPDATE OR DELETE ON public.habit_tracker
       FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_legacy_read_only();
     CREATE OR REPLACE TRIGGER hv_p3_legacy_no_truncate BEFORE TRUNCATE ON public.habit_tracker
       FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_legacy_read_only();`,
        `    ALTER TABLE public.habit_tracker SET UNLOGGED;`,
      ],
    ]);
    out = patchStep(ID, out, 'phase-3', 'switch-writes-to-new', 'down', [
      [
        `    DROP TRIGGER IF EXISTS hv_p3_legacy_read_only ON public.habit_tracker;
     DROP TRIGGER IF EXISTS hv_p3_legacy_no_truncate ON public.habit_tracker;`,
        `    ALTER TABLE public.habit_tracker SET LOGGED;`,
      ],
    ]);
    return out;
  },
};
