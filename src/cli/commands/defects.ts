import { DEFECTS } from '../../defects/index.ts';

/** `habit-verify defects [--json]`: the defect catalogue. */
export function defectsCommand(flags: { json?: boolean }): string {
  const list = DEFECTS.map((d) => ({ id: d.id, phases: [...d.phases], description: d.description, planReference: d.planReference }));
  if (flags.json) return `${JSON.stringify(list, null, 2)}\n`;
  return `${list.map((d) => `${d.id}  [${d.phases.join(', ')}]\n    ${d.description}\n    plan: ${d.planReference}`).join('\n')}\n`;
}
