import type { Defect } from './defect.ts';
import { withPhase } from './transform.ts';
import { StaleDefectError } from './defect.ts';

const ID = 'grants-before-rls';

/**
 * Phase 2 grants the signed-in role its privileges first and turns RLS on afterwards: between those
 * steps every signed-in user reads and writes every family's rows.
 */
export const grantsBeforeRls: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: 'Phase 2 grants authenticated its table privileges before RLS is enabled: for the steps in between, any signed-in user sees and changes every family’s rows.',
  planReference: 'Phase 2: RLS 정책 활성화 after the read switch is prepared — the order of GRANT and ENABLE ROW LEVEL SECURITY is not given',
  expectedKillers: ['phase-2/exposure'],
  apply: (impl) =>
    withPhase(impl, 'phase-2', (phase) => {
      const grants = phase.steps.find((s) => s.name === 'rls-privileges');
      const first = phase.steps.findIndex((s) => s.name.startsWith('rls-policy-'));
      if (!grants || first < 0) throw new StaleDefectError(ID, 'phase-2 has no rls-privileges step or no rls-policy-* step');
      const rest = phase.steps.filter((s) => s !== grants);
      return phase.with({ steps: [...rest.slice(0, first), grants, ...rest.slice(first)] });
    }),
};
