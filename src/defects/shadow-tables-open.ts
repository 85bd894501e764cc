import type { Defect } from './defect.ts';
import { patchSql, patchSteps } from './transform.ts';

const ID = 'shadow-tables-open';

/**
 * The plan's Phase 0 Step 1 as written: the shadow tables are created "RLS OFF" and nothing takes the
 * API roles' privileges away. With older projects' automatic grants, anon reads and deletes every
 * family's migrated rows for the six weeks until Phase 2; on today's platform TRUNCATE is left to them.
 */
export const shadowTablesOpen: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "Phase 0's new tables are left as Supabase grants them (the plan's 'RLS OFF' shadow tables): no REVOKE from the API roles, so anon can read, change and truncate every family's migrated rows until Phase 2.",
  planReference: 'Phase 0 Step 1: 새 테이블 생성 (RLS OFF) — the shadow schema with no RLS and no REVOKE',
  expectedKillers: ['phase-0/exposure'],
  apply: (impl) =>
    patchSteps(ID, impl, 'phase-0', /^create-(children|weeks|habits|habit-records|habit-templates|notifications)$/, (step) =>
      patchSql(ID, step, 'up', [[`REVOKE ALL ON TABLE public.${step.name.slice('create-'.length).replace(/-/g, '_')} FROM anon, authenticated, service_role;`, '']]),
    ),
};
