/**
 * The plan as written with one change: Phase 0's script run one statement at a time, without its
 * BEGIN … COMMIT (each CREATE INDEX CONCURRENTLY on its own), so that the properties get past the
 * plan's first defect (25001) and meet the next ones. Not what the plan does: a probe of the harness
 * (every property must judge it through the contract: `gate all --impl test/plan-v2/support/plan-v2-past-phase-0.ts`).
 */
import type { MigrationImplementation } from '../../../src/contract/implementation.ts';
import type { Step } from '../../../src/contract/step.ts';
import { planV2 } from '../../../src/plan-v2/implementation.ts';
import { PHASE_0_ROLLBACK_SQL, SHADOW_SCHEMA_SQL } from '../../../src/plan-v2/plan-sql.ts';

/** The plan's Phase 0 script as one step per statement (comments and BEGIN/COMMIT left out). */
export function shadowSchemaStatements(): string[] {
  return SHADOW_SCHEMA_SQL.replace(/^(BEGIN|COMMIT);$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

const steps: Step[] = shadowSchemaStatements().map((up, i) => {
  const concurrent = /^CREATE INDEX CONCURRENTLY/.test(up);
  return {
    name: `shadow-schema-${String(i + 1).padStart(2, '0')}`,
    why: 'Phase 0 Step 1, one statement',
    up,
    ...(i === 0 ? { down: PHASE_0_ROLLBACK_SQL } : {}),
    ...(concurrent ? { transactional: false } : {}),
  };
});

export const planV2PastPhase0: MigrationImplementation = {
  ...planV2,
  name: 'plan-v2-past-phase-0',
  description: "the plan as written, its Phase 0 script run one statement at a time (a probe, not the plan)",
  phases: { ...planV2.phases, 'phase-0': planV2.phases['phase-0'].with({ steps }) },
};

export default planV2PastPhase0;
