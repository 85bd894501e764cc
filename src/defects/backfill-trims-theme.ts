import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'backfill-trims-theme';

export const backfillTrimsTheme: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "The backfill tidies the theme on the way (JavaScript's `theme?.trim() || null`, in SQL `nullif(btrim(theme), '')`): leading and trailing spaces are lost and an empty theme becomes NULL.",
  planReference: 'classic: a cleanup folded into a copy; the mapping rules migrate free text byte for byte',
  expectedKillers: ['phase-0/new-schema-rows', 'phase-0/round-trip'],
  // broken: a silent normalization of free text
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-backfill-functions', 'up', [
      [`s.week_start_date + 6, s.theme, s.reflection, s.reward,`, `s.week_start_date + 6, nullif(btrim(s.theme), ''), s.reflection, s.reward,`],
    ]),
};
