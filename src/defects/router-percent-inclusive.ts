import type { Defect } from './defect.ts';
import { asOurs } from './transform.ts';
import { bucketOf, thresholdOf } from '../migration/phase-2/router.ts';

const ID = 'router-percent-inclusive';

export const routerPercentInclusive: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: 'The router compares bucket <= threshold: at 0 % the users of bucket 0 still read from the new schema, and every step lets one bucket too many in.',
  planReference: 'classic off-by-one at the rollout boundary (the plan gives no bucketing rule at all)',
  expectedKillers: ['phase-2/router'],
  // broken: `<=` — bucket 0 is on the new schema at 0 %, and every threshold lets one bucket too many in
  apply(impl) {
    const ours = asOurs(ID, impl);
    const routesToNew = (user: string, flags: { useNewSchema: boolean; newSchemaPercentage: number }) =>
      flags.useNewSchema && bucketOf(user) <= thresholdOf(flags.newSchemaPercentage);
    return { ...ours, reads: ours.reads.with({ routesToNew }) };
  },
};
