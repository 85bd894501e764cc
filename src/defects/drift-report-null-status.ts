import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'drift-report-null-status';

export const driftReportNullStatus: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "The drift report's legacy side reads a null or missing status as null instead of none (the mapping rule): the row hashes still agree, but once a row differs for a real reason its report also lists every such day as a mismatch, burying the real one.",
  planReference: "Phase 0 Step 3, compareData(): compares `old.habits` with the new side as stored — the plan's `status || 'none'` is not applied to the legacy side",
  expectedKillers: ['phase-0/drift-detector'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [`SELECT jsonb_agg(to_jsonb(coalesce(public.hv_ascii_lower(t ->> i), 'none')) ORDER BY i)`, `SELECT jsonb_agg(to_jsonb(public.hv_ascii_lower(t ->> i)) ORDER BY i)`],
    ]),
};
