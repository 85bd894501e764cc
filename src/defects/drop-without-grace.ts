import type { Defect } from './defect.ts';
import { patchStep, withPhase } from './transform.ts';

const ID = 'drop-without-grace';

export const dropWithoutGrace: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: 'The drop runs whenever it is called: no check that the read-only week (and the week after the rename) has passed.',
  planReference: 'Phase 3: Day 2-7 모니터링, Day 9-14 추가 모니터링, Day 15 완전 삭제 — a schedule, not a guard',
  expectedKillers: ['phase-3/complete-guard'],
  // broken: the drop runs whenever it is called — no guard in complete(), none in the drop's SQL
  apply(impl) {
    const patched = patchStep(ID, impl, 'phase-3', 'drop-legacy', 'up', [
      ['      IF since IS NULL OR since > now() - make_interval(secs => grace) THEN', '      IF false THEN'],
    ], 'completeSteps');
    return withPhase(patched, 'phase-3', (p) => ({ ...p, complete: (db, opts) => p.complete(db, { ...opts, force: true }) }));
  },
};
