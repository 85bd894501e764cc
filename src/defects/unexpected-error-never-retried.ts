import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'unexpected-error-never-retried';

export const unexpectedErrorNeverRetried: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'A row quarantined as unexpected_error stays there for good: a rerun of the backfill skips it like any handled row, even once its cause is gone.',
  planReference: 'classic: a dead-letter queue nobody replays (the plan keeps no record of failed rows at all)',
  expectedKillers: ['phase-0/backfill-faults'],
  // broken: the page's unexpected_error rows are no longer taken out of quarantine before it is migrated
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `  DELETE FROM public.migration_quarantine q
   WHERE q.legacy_id > p_from AND q.legacy_id <= p_to AND q.reason = 'unexpected_error';
`,
        '',
      ],
    ]),
};
