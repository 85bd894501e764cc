import type { Defect } from './defect.ts';
import { asOurs } from './transform.ts';
import { BUCKETS, thresholdOf } from '../migration/phase-2/router.ts';

const ID = 'router-random-per-request';

export const routerRandomPerRequest: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: 'The router draws a random number per request: the share is right on average, but a user flips between the two schemas from one read to the next (not sticky).',
  planReference: 'Phase 2, 점진적 전환 스케줄 (5 % → 20 % → 50 % → 100 %) with no bucketing by user; classic Math.random() rollout',
  expectedKillers: ['phase-2/router'],
  // broken: a fresh draw per request — the share is right, but a user flips between schemas
  apply(impl) {
    const ours = asOurs(ID, impl);
    const routesToNew = (_user: string, flags: { useNewSchema: boolean; newSchemaPercentage: number }) =>
      flags.useNewSchema && Math.floor(Math.random() * BUCKETS) < thresholdOf(flags.newSchemaPercentage);
    return { ...ours, reads: ours.reads.with({ routesToNew }) };
  },
};
