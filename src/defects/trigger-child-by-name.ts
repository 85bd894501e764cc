import type { Defect } from './defect.ts';
import { patchStep } from './transform.ts';

const ID = 'trigger-child-by-name';

export const triggerChildByName: Defect = {
  id: ID,
  phases: ['phase-1'],
  description: "The backup trigger finds the child by name alone: a week an old client writes for one family is attached to another family's child of the same name.",
  planReference: 'Phase 1 Database Trigger: SELECT id INTO child_uuid FROM children WHERE name = NEW.child_name;',
  expectedKillers: ['phase-1/convergence'],
  // broken: the plan's trigger — SELECT id INTO child_uuid FROM children WHERE name = NEW.child_name —
  // finds any family's child of that name
  apply: (impl) =>
    patchStep(ID, impl, 'phase-1', 'create-sync-functions', 'up', [
      [
        '      ON CONFLICT (legacy_id) DO NOTHING;\n    END;\n  END LOOP;\n',
        '      ON CONFLICT (legacy_id) DO NOTHING;\n    END;\n  END LOOP;\n' +
          '  UPDATE public.weeks w SET child_id = (SELECT c2.id FROM public.children c2 WHERE c2.name = c.name LIMIT 1)\n' +
          '        FROM public.children c WHERE c.id = w.child_id AND w.legacy_id = ANY (v_ids);\n',
      ],
    ]),
};
