import { StaleDefectError, type Defect } from './defect.ts';
import { patchSql, patchSteps } from './transform.ts';

const ID = 'validate-by-readd';

/** The definitions of Phase 0's NOT VALID constraints (the plan's DDL), by name: what a re-add restates. */
const DEFINITIONS: Record<string, string> = {
  children_user_id_fkey: 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE',
  check_name_length: 'CHECK (length(name) >= 1 AND length(name) <= 100)',
  weeks_user_id_fkey: 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE',
  weeks_child_id_fkey: 'FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE',
  check_week_dates: 'CHECK (week_end_date = week_start_date + 6)',
  check_week_start_monday: 'CHECK (EXTRACT(ISODOW FROM week_start_date) = 1)',
  habits_week_id_fkey: 'FOREIGN KEY (week_id) REFERENCES public.weeks(id) ON DELETE CASCADE',
  habit_records_habit_id_fkey: 'FOREIGN KEY (habit_id) REFERENCES public.habits(id) ON DELETE CASCADE',
  check_status: "CHECK (status IN ('green', 'yellow', 'red', 'none'))",
  habit_templates_user_id_fkey: 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE',
  habit_templates_child_id_fkey: 'FOREIGN KEY (child_id) REFERENCES public.children(id) ON DELETE CASCADE',
  notifications_user_id_fkey: 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE',
  notifications_from_user_id_fkey: 'FOREIGN KEY (from_user_id) REFERENCES auth.users(id) ON DELETE SET NULL',
  check_notification_type: "CHECK (type IN ('mention', 'achievement', 'weekly_report', 'chat'))",
};

export const validateByReadd: Defect = {
  id: ID,
  phases: ['phase-2'],
  description: 'Phase 0\'s NOT VALID constraints are "activated" by dropping and re-adding them without NOT VALID, which scans each table under an ACCESS EXCLUSIVE (check) or SHARE ROW EXCLUSIVE (foreign key) lock and blocks the app\'s writes meanwhile.',
  planReference: 'Phase 0 Step 1: "제약 조건 (NOT VALID - 기존 데이터 검증 안함)" read as "not applied yet"; the plan never validates them',
  expectedKillers: ['phase-2/constraint-validation'],
  // broken: "activate" each constraint by re-adding it in full: a scan under ACCESS EXCLUSIVE (check)
  // or SHARE ROW EXCLUSIVE (foreign key) that blocks every write to the table meanwhile
  apply: (impl) =>
    patchSteps(ID, impl, 'phase-2', /^validate-/, (step) => {
      const m = /ALTER TABLE (public\.\w+) VALIDATE CONSTRAINT (\w+);/.exec(step.up);
      const definition = m ? DEFINITIONS[m[2]!] : undefined;
      if (!m || !definition) throw new StaleDefectError(ID, `step ${step.name} validates no constraint this defect knows`);
      return patchSql(ID, step, 'up', [[m[0], `ALTER TABLE ${m[1]} DROP CONSTRAINT IF EXISTS ${m[2]};\n       ALTER TABLE ${m[1]} ADD CONSTRAINT ${m[2]} ${definition};`]]);
    }),
};
