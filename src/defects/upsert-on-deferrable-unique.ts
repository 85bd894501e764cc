import type { Defect } from './defect.ts';
import { addStepAfter } from './transform.ts';

const ID = 'upsert-on-deferrable-unique';

export const upsertOnDeferrableUnique: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "habit_records' UNIQUE (habit_id, record_date) is DEFERRABLE INITIALLY DEFERRED as the plan declares it: Postgres refuses it as the arbiter of the status upsert, and every setStatus fails.",
  planReference: "Phase 0 DDL UNIQUE(habit_id, record_date) DEFERRABLE INITIALLY DEFERRED + Phase 1 updateHabitRecordDualWrite(): upsert(…, { onConflict: 'habit_id,record_date' })",
  expectedKillers: ['phase-1/convergence', 'phase-1/atomicity'],
  // the plan's DDL, which Postgres refuses as the ON CONFLICT (habit_id, record_date) arbiter of its upsert
  apply: (impl) =>
    addStepAfter(ID, impl, 'phase-1', 'create-idempotency-log', {
      name: 'deferrable-records-unique',
      why: 'the plan as written',
      up: `
    ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS habit_records_habit_id_record_date_key;
    ALTER TABLE public.habit_records ADD CONSTRAINT habit_records_habit_id_record_date_key
      UNIQUE (habit_id, record_date) DEFERRABLE INITIALLY DEFERRED;`,
      down: `
    ALTER TABLE public.habit_records DROP CONSTRAINT IF EXISTS habit_records_habit_id_record_date_key;
    ALTER TABLE public.habit_records ADD CONSTRAINT habit_records_habit_id_record_date_key UNIQUE (habit_id, record_date);`,
    }),
};
