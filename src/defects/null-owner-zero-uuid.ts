import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'null-owner-zero-uuid';

export const nullOwnerZeroUuid: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: 'A null owner falls back to the all-zero uuid instead of being quarantined; the row then fails the auth.users foreign key and is lost as an unexpected error.',
  planReference: "Phase 0 Step 2: user_id: row.user_id || '00000000-0000-0000-0000-000000000000'",
  expectedKillers: ['phase-0/accounting'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [
        `    WHEN r.user_id IS NULL THEN 'owner_null'`,
        `    WHEN r.user_id IS NULL THEN NULL`,
      ],
      [
        `    SELECT DISTINCT ON (s.child_id) s.child_id, s.user_id, s.child_name, s.created_at, s.created_at`,
        `    SELECT DISTINCT ON (s.child_id) s.child_id, coalesce(s.user_id, '00000000-0000-0000-0000-000000000000'), s.child_name, s.created_at, s.created_at`,
      ],
      [
        `    SELECT s.week_id, s.user_id, s.child_id, s.week_start_date, s.week_start_date + 6, s.theme, s.reflection, s.reward,`,
        `    SELECT s.week_id, coalesce(s.user_id, '00000000-0000-0000-0000-000000000000'), s.child_id, s.week_start_date, s.week_start_date + 6, s.theme, s.reflection, s.reward,`,
      ],
    ]),
};
