import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'reverse-sync-misses-habit-deletes';

/**
 * Phase 3's reverse sync of habits follows the rows a statement leaves (new_rows) only: a habit the
 * parent removes from a week stays in the legacy row, and a Phase 3 rollback brings it back.
 */
export const reverseSyncMissesHabitDeletes: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: "Phase 3's reverse sync carries a habit's insert and update back to the legacy row but not its delete: a habit removed in the read-only week is still in the legacy table.",
  planReference: 'Phase 3, Day 1: 이중쓰기 비활성화 — nothing carries new-schema writes back; here one kind of write is forgotten',
  expectedKillers: ['phase-3/read-only-week'],
  // broken: the habits trigger's old_rows branch runs for UPDATE only
  apply: (impl) =>
    patchStep(ID, impl, 'phase-3', 'create-retirement-functions', 'up', [
      [
        "      IF TG_OP IN ('UPDATE', 'DELETE') THEN\n        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.id = x.week_id)",
        "      IF TG_OP = 'UPDATE' THEN\n        PERFORM public.hv_p3_sync_legacy(ARRAY(SELECT DISTINCT x.legacy_id FROM (SELECT w.legacy_id FROM old_rows x JOIN public.weeks w ON w.id = x.week_id)",
      ],
    ]),
};
