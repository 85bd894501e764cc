import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'phase3-rollback-no-reverse-sync';

export const phase3RollbackNoReverseSync: Defect = {
  id: ID,
  phases: ['phase-3', 'rollback'],
  description: 'Dual write is switched off with nothing carrying new-schema writes back to the legacy table: a Phase 3 rollback brings back a legacy table without any write made after the switch (and without the weeks created since).',
  planReference: 'Phase 3, Day 1: 쓰기 비활성화 / 이중쓰기 비활성화 — no way back is described; 롤백 시나리오 has no Phase 3 entry',
  expectedKillers: ['rollback/phase-3-cycle', 'phase-3/read-only-week'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-3', 'switch-writes-to-new', 'up', [
      [
        `    CREATE OR REPLACE TRIGGER hv_p3_assign_legacy_id BEFORE INSERT ON public.weeks
     FOR EACH ROW EXECUTE FUNCTION public.hv_p3_assign_legacy_id();
    CREATE OR REPLACE TRIGGER hv_p3_sync_insert AFTER INSERT ON public.weeks
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_weeks();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.weeks
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_weeks();
    CREATE OR REPLACE TRIGGER hv_p3_sync_delete AFTER DELETE ON public.weeks
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_weeks();
    CREATE OR REPLACE TRIGGER hv_p3_sync_insert AFTER INSERT ON public.habits
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habits();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.habits
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habits();
    CREATE OR REPLACE TRIGGER hv_p3_sync_delete AFTER DELETE ON public.habits
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habits();
    CREATE OR REPLACE TRIGGER hv_p3_sync_insert AFTER INSERT ON public.habit_records
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habit_records();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.habit_records
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habit_records();
    CREATE OR REPLACE TRIGGER hv_p3_sync_delete AFTER DELETE ON public.habit_records
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_habit_records();
    CREATE OR REPLACE TRIGGER hv_p3_sync_update AFTER UPDATE ON public.children
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.hv_p3_sync_from_children();`,
        `    -- (no reverse sync)`,
      ],
    ]),
};
