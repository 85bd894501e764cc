import type { Defect } from './defect.ts';
import { asOurs } from './transform.ts';

const ID = 'router-flag-ignores-percentage';

export const routerFlagIgnoresPercentage: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: 'The read router checks the on/off flag only: newSchemaPercentage is read and never used, so "5 %" sends every user to the new schema.',
  planReference: 'Phase 2, Feature Flag 구현: getFeatureFlags() returns newSchemaPercentage, then `if (flags.useNewSchema)` decides alone',
  expectedKillers: ['phase-2/router'],
  // broken: the plan's `if (flags.useNewSchema)`; newSchemaPercentage is fetched and never used
  apply(impl) {
    const ours = asOurs(ID, impl);
    return { ...ours, reads: ours.reads.with({ routesToNew: (_user, flags) => flags.useNewSchema }) };
  },
};
