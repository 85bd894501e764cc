import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'phase2-rollback-revokes-earlier-grants';

/**
 * Phase 2's rollback revokes the API roles' privileges outright instead of restoring what they held
 * before Phase 2: a grant made earlier within the access matrix (the server's DML, from Phase 1) is
 * lost, and the Edge Functions' writes fail after the rollback.
 */
export const phase2RollbackRevokesEarlierGrants: Defect = {
  id: ID,
  phases: ['phase-2', 'rollback'],
  description: "Phase 2's rollback revokes every API role's privileges on the new schema instead of restoring those held before Phase 2: the server's DML granted in Phase 1 is gone after the rollback.",
  planReference: '롤백 시나리오, Phase 2: "RLS 비활성화" — what the privileges were before is not kept anywhere',
  expectedKillers: ['rollback/phase-2-cycle'],
  // broken: the saved privileges are never granted back
  apply: (impl) =>
    patchStep(ID, impl, 'phase-2', 'rls-privileges', 'down', [
      ["                WHERE r.rolname IN ('anon', 'authenticated', 'service_role')\n", "                WHERE false AND r.rolname IN ('anon', 'authenticated', 'service_role')\n"],
    ]),
};
