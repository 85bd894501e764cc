/**
 * Phase 0 as the plan writes it: Step 1's script, run as one script (its own BEGIN … COMMIT around
 * CREATE TABLE, ALTER TABLE … NOT VALID and CREATE INDEX CONCURRENTLY). Postgres refuses CREATE INDEX
 * CONCURRENTLY inside a transaction block (SQLSTATE 25001), so the script fails at its first index and
 * creates nothing: that failure is kept, it is the finding. The rollback is 롤백 시나리오's Phase 0
 * (four DROP TABLE IF EXISTS … CASCADE; habit_templates and notifications stay). The plan gives Phase 0
 * no precondition and no completion check: validate and complete do nothing. The backfill
 * (backfill.ts) and the drift detector (detect-drift.ts) are its Steps 2 and 3.
 */
import { PHASE_0_ROLLBACK_SQL, SHADOW_SCHEMA_SQL } from './plan-sql.ts';
import { planPhase } from './plan-phase.ts';

export const phase0 = planPhase({
  id: 'phase-0',
  steps: [
    {
      name: 'shadow-schema',
      why: 'Phase 0 Step 1 (새 테이블 생성), verbatim: six tables, NOT VALID constraints and CONCURRENTLY indexes in one BEGIN … COMMIT',
      up: SHADOW_SCHEMA_SQL,
      down: PHASE_0_ROLLBACK_SQL,
      // the script carries its own BEGIN … COMMIT: the executor adds none
      transactional: false,
    },
  ],
  async validate() {},
});
