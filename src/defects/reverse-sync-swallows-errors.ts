import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'reverse-sync-swallows-errors';

export const reverseSyncSwallowsErrors: Defect = {
  id: ID,
  phases: ['phase-3'],
  description: "Phase 3's reverse sync catches its own errors (a warning, nothing more) so that the app's new-schema write never fails on the legacy table's account: the write commits, the legacy table silently misses it, and a rollback brings back stale rows.",
  planReference: 'Phase 3, Day 1: no way back is described; classic: "the legacy copy is best effort"',
  expectedKillers: ['phase-3/reverse-sync-faults'],
  // broken: the sync's writes in a block that turns any error into a warning
  apply: (impl) =>
    patchStep(ID, impl, 'phase-3', 'create-retirement-functions', 'up', [
      [
        "      PERFORM set_config('hv.p3_reverse_sync', 'on', true);\n      INSERT INTO public.habit_tracker AS h",
        "      PERFORM set_config('hv.p3_reverse_sync', 'on', true);\n      BEGIN\n      INSERT INTO public.habit_tracker AS h",
      ],
      [
        "      PERFORM set_config('hv.p3_reverse_sync', 'off', true);\n    END $$;",
        "      EXCEPTION WHEN OTHERS THEN RAISE WARNING 'reverse sync failed: %', SQLERRM;\n      END;\n      PERFORM set_config('hv.p3_reverse_sync', 'off', true);\n    END $$;",
      ],
    ]),
};
