/**
 * The plan as written (../shared/seed/MIGRATION_PLAN_v2.md), as an implementation of the contract:
 * its code ported faithfully, defects included, so the properties show where it goes wrong. Each file
 * says what it ports and what it decides where the plan is silent:
 * - phase-0.ts … phase-3.ts: the plan's SQL as written (sql/*.sql verbatim), its rollbacks (롤백 시나리오);
 * - backfill.ts, detect-drift.ts: Phase 0 Steps 2 and 3, line for line, on the supabase-js translation
 *   (supabase-js.ts: the calls the plan makes, as SQL, returning { data, error, count });
 * - edge-function.ts, dual-write.ts: Phase 1's Edge Function, and the app's requests to it;
 * - read-path.ts, read-new.ts: Phase 2's flag routing and its unwritten loadFromNewSchema;
 * - observation.ts, legacy-view.ts: what the oracles read, where the plan has nothing (no quarantine,
 *   no warnings, no write order, no compare-mode log, no Phase 3 record).
 * Nothing here is meant to make the plan look better or worse than its text.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { runPlanBackfill } from './backfill.ts';
import { planDualWrite } from './dual-write.ts';
import { PLAN_V2 } from './name.ts';
import { planObservation } from './observation.ts';
import { phase0 } from './phase-0.ts';
import { phase1 } from './phase-1.ts';
import { phase2 } from './phase-2.ts';
import { phase3 } from './phase-3.ts';
import { planReadPath } from './read-path.ts';

export const planV2: MigrationImplementation = {
  name: PLAN_V2,
  description: 'the seed plan as written (MIGRATION_PLAN_v2.md), ported faithfully, defects included (src/plan-v2)',
  phases: { 'phase-0': phase0, 'phase-1': phase1, 'phase-2': phase2, 'phase-3': phase3 },
  backfill: { run: runPlanBackfill },
  dualWrite: planDualWrite,
  reads: planReadPath,
  observe: planObservation,
};
