/**
 * Phase 2 as the plan writes it: the read switch is a feature flag in the app (read-path.ts); in the
 * database only "RLS 단계적 활성화" / 체크리스트 "RLS 활성화" — ENABLE ROW LEVEL SECURITY on the six new
 * tables, one step each. The plan gives no policy, so there is none: the API roles see no row of
 * them (owners and BYPASSRLS roles still see all). Its rollback is the flag turned off (롤백 시나리오,
 * Phase 2): nothing in the database is undone. No validation of the NOT VALID constraints: the plan
 * never validates them.
 */
import type { Step } from '../contract/step.ts';
import { planPhase } from './plan-phase.ts';

/** The tables Phase 0 Step 1 creates (chat tables 7-10 are skipped by the plan). */
export const NEW_TABLES = ['children', 'weeks', 'habits', 'habit_records', 'habit_templates', 'notifications'] as const;

export const phase2 = planPhase({
  id: 'phase-2',
  steps: NEW_TABLES.map(
    (t): Step => ({ name: `rls-${t}`, why: `RLS 단계적 활성화 on ${t} (the plan gives no policy)`, up: `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;` }),
  ),
  async validate() {},
});
