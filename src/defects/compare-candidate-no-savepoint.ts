import type { Defect } from './defect.ts';
import { asOurs } from './transform.ts';

const ID = 'compare-candidate-no-savepoint';

export const compareCandidateNoSavepoint: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: "Compare mode catches the candidate's error in JS but runs it without a savepoint: inside the request's transaction the error aborts it, the mismatch is never recorded and every later statement of the request fails.",
  planReference: 'Phase 2, 성능 비교 (구 vs 신) / monitoring: the new read runs beside the old one; classic Scientist-on-one-connection pitfall',
  expectedKillers: ['phase-2/compare-mode'],
  // broken: the candidate's error, caught in JS, has already aborted the request's transaction
  apply(impl) {
    const ours = asOurs(ID, impl);
    return { ...ours, reads: ours.reads.with({ isolateCandidate: false }) };
  },
};
