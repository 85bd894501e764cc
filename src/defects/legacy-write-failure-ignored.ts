import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'legacy-write-failure-ignored';

const ON = "PERFORM set_config('hv.dual_write', 'on', true);";
const OFF = "PERFORM set_config('hv.dual_write', 'off', true);";
const IGNORE = `    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'old schema write failed: % (SQLSTATE %)', SQLERRM, SQLSTATE;
    END;`;

export const legacyWriteFailureIgnored: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: 'A failed legacy write is logged and ignored; the new-schema write commits alone and the two schemas part.',
  planReference: "Phase 1 createWeekDualWrite(): if (oldError) { console.error('Old schema write failed:', oldError); // 계속 진행 (신 스키마 우선) }",
  expectedKillers: ['phase-1/atomicity'],
  // broken: the plan's createWeekDualWrite — if (oldError) console.error(...); // 계속 진행
  apply(impl) {
    const out = patchStep(ID, impl, 'phase-1', 'create-dual-write-operations', 'up', [
      [`${ON}\n    INSERT INTO public.habit_tracker`, `${ON}\n    BEGIN\n    INSERT INTO public.habit_tracker`],
      [`    RETURNING id INTO v_id;\n    ${OFF}`, `    RETURNING id INTO v_id;\n${IGNORE}\n    ${OFF}`],
    ]);
    return patchStep(ID, out, 'phase-1', 'create-dual-write-dispatcher', 'up', [
      ['    DELETE FROM public.habit_tracker WHERE id = v_id;\n', `    BEGIN\n    DELETE FROM public.habit_tracker WHERE id = v_id;\n${IGNORE}\n`],
      ['    UPDATE public.habit_tracker h\n', '    BEGIN\n    UPDATE public.habit_tracker h\n'],
      [`     WHERE h.id = v_id;\n    ${OFF}`, `     WHERE h.id = v_id;\n${IGNORE}\n    ${OFF}`],
    ]);
  },
};
