import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'phase2-rollback-keeps-grants';

/**
 * Phase 2's rollback turns RLS off (the reads go back to the legacy table) and leaves the privileges
 * Phase 2 granted: from then on every signed-in user reads and changes every family's rows.
 */
export const phase2RollbackKeepsGrants: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "Phase 2's rollback drops the policies and disables RLS but never takes back the table privileges Phase 2 granted: after it, any signed-in user reads and changes every family's rows of the new schema.",
  planReference: '롤백 시나리오, Phase 2: "RLS 비활성화" (ALTER TABLE … DISABLE ROW LEVEL SECURITY) — the GRANTs that came with it are not mentioned',
  expectedKillers: ['phase-2/exposure'],
  // broken: the rollback of the privileges step only forgets what it saved
  apply: (impl) =>
    patchStep(ID, impl, 'phase-2', 'rls-privileges', 'down', [
      ["      IF to_regclass('public.hv_phase2_saved_acl') IS NULL THEN RETURN; END IF;", '      RETURN;'],
    ]),
};
