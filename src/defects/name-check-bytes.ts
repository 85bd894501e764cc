import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'name-check-bytes';

export const nameCheckBytes: Defect = {
  id: ID,
  phases: ['phase-0'],
  description: "children.check_name_length counts bytes (octet_length) instead of characters: a Korean name of 34 to 100 characters, which the rule migrates, is refused — by the backfill as an unexpected_error, by the app's writes later.",
  planReference: 'Phase 0 Step 1: `CHECK (length(name) >= 1 AND length(name) <= 100)` (characters); classic: a byte limit carried over from a VARCHAR(100) in bytes',
  expectedKillers: ['phase-0/constraint-validity', 'phase-0/edge-rows'],
  apply: (impl) =>
    patchStep(ID, impl, 'phase-0', 'create-children', 'up', [
      [`CHECK (length(name) >= 1 AND length(name) <= 100) NOT VALID;`, `CHECK (octet_length(name) >= 1 AND octet_length(name) <= 100) NOT VALID;`],
    ]),
};
