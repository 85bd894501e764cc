/**
 * Phase 3 as the plan writes it (안전한 제거 절차), each line a step run on its own, as psql runs a
 * script without BEGIN (a line that fails leaves the lines before it done):
 * Day 1 (apply): `ALTER TABLE habit_tracker SET UNLOGGED;` then `UPDATE habit_tracker SET _archived =
 * true;` — a column habit_tracker does not have (42703); Day 8 (rename): the RENAME; Day 15–16
 * (complete): DROP … CASCADE, VACUUM FULL, ANALYZE. The plan has no Phase 3 rollback (롤백 시나리오 stops
 * at Phase 2): no step has a down, so rollback does nothing. Its schedule (Day 2-7, Day 9-14 모니터링) is
 * not checked anywhere: rename and complete run whenever called. "이중쓰기 비활성화" has no statement
 * in the plan's SQL: the Phase 1 trigger stays.
 */
import type { PhaseOptions } from '../contract/phase.ts';
import { planPhase } from './plan-phase.ts';

export const phase3 = planPhase({
  id: 'phase-3',
  steps: [
    { name: 'day-1-set-unlogged', why: 'Day 1: 쓰기 비활성화 — "성능 향상"', up: 'ALTER TABLE habit_tracker SET UNLOGGED;' },
    { name: 'day-1-soft-archive', why: 'Day 1: 소프트 아카이브', up: 'UPDATE habit_tracker SET _archived = true;' },
    { name: 'day-8-rename', why: 'Day 8: 테이블 이름 변경', up: 'ALTER TABLE habit_tracker RENAME TO habit_tracker_old;', stage: 'rename' },
  ],
  completeSteps: [
    { name: 'day-15-drop', why: 'Day 15: 완전 삭제', up: 'DROP TABLE habit_tracker_old CASCADE;' },
    { name: 'day-16-vacuum-full', why: 'Day 16: 정리', up: 'VACUUM FULL;', transactional: false },
    { name: 'day-16-analyze', why: 'Day 16: 정리', up: 'ANALYZE;', transactional: false },
  ],
  async validate() {},
  extra: (parts, run) => ({
    /** Day 8, whenever it is called. */
    rename: (db: import('pg').ClientBase, opts: PhaseOptions = {}) => run(db, parts.steps.filter((s) => s.stage === 'rename'), 'up', opts),
  }),
});
