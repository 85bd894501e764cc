import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'backfill-no-row-fallback';

export const backfillNoRowFallback: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'The backfill has no per-row fallback: one row failing for a reason no rule foresees (a trigger, a constraint added later) fails its whole batch, and the backfill stops there.',
  planReference: 'Phase 0 Step 2, backfillWeeks(): one upsert(weeksData) per batch, its error never read',
  expectedKillers: ['phase-0/backfill-faults'],
  // broken: the batch statement's error is raised again instead of redoing the page row by row
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `  EXCEPTION WHEN OTHERS THEN
    -- One bad row never blocks its batch: redo the page row by row, each in its own subtransaction.
`,
        `  EXCEPTION WHEN OTHERS THEN
    RAISE;
`,
      ],
    ]),
};
