/**
 * Phase 1 as the plan writes it: the idempotency log (체크리스트: "idempotency 로그 테이블 생성" — the
 * plan gives no DDL: its columns are the ones the Edge Function reads and writes, key as primary key,
 * IF NOT EXISTS since the plan's rollback leaves it), the backup trigger verbatim (Database Trigger
 * (백업)), and the Edge Function deployed (dual-write.ts answers only while it is). The rollback is
 * 롤백 시나리오's Phase 1: the Edge Function deleted, then its one SQL line, `DROP TRIGGER
 * sync_habit_tracker_to_new ON habit_tracker;` — the function sync_to_new_schema() and the log stay.
 * No precondition (the plan does not wait for the backfill) and nothing to complete.
 */
import { deleteEdgeFunction, deployEdgeFunction } from './edge-function-deployment.ts';
import { PHASE_1_ROLLBACK_SQL, SYNC_TRIGGER_SQL } from './plan-sql.ts';
import { planPhase } from './plan-phase.ts';

export const phase1 = planPhase(
  {
    id: 'phase-1',
    steps: [
      {
        name: 'idempotency-log',
        why: 'the table the Edge Function checks before and logs into after its writes (checklist: idempotency 로그 테이블 생성)',
        up: 'CREATE TABLE IF NOT EXISTS idempotency_log (key TEXT PRIMARY KEY, result JSONB, created_at TIMESTAMP WITH TIME ZONE);',
      },
      {
        name: 'sync-trigger',
        why: 'Database Trigger (백업): syncs habit_tracker INSERTs to the new schema when the Edge Function fails',
        up: SYNC_TRIGGER_SQL,
        down: PHASE_1_ROLLBACK_SQL,
      },
    ],
    async validate() {},
    // Phase 1 롤백, first line: "Edge Function 비활성화"
    async beforeRollback(db) {
      await deleteEdgeFunction(db);
    },
  },
  { applied: deployEdgeFunction },
);
