import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'coerce-unknown-status';

export const coerceUnknownStatus: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'Unknown statuses (blue, empty, padded) are silently stored as none instead of being quarantined.',
  planReference: "Phase 0 Step 2, backfillHabitRecords(): status: status || 'none' with no validation",
  expectedKillers: ['phase-0/accounting'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `  SELECT i + 1, coalesce(public.hv_ascii_lower(t ->> i), 'none')`,
        `  SELECT i + 1, CASE WHEN public.hv_ascii_lower(t ->> i) IN ('green', 'yellow', 'red') THEN public.hv_ascii_lower(t ->> i) ELSE 'none' END`,
      ],
      [
        `  SELECT jsonb_agg(to_jsonb(coalesce(public.hv_ascii_lower(t ->> i), 'none')) ORDER BY i)`,
        `  SELECT jsonb_agg(to_jsonb(CASE WHEN public.hv_ascii_lower(t ->> i) IN ('green', 'yellow', 'red') THEN public.hv_ascii_lower(t ->> i) ELSE 'none' END) ORDER BY i)`,
      ],
      [
        `    WHEN (bit_or(f.fault) & 2) <> 0 THEN 'status_unknown'`,
        `    WHEN false THEN 'status_unknown'`,
      ],
    ]),
};
