/**
 * The SQL an implementation's phases run, as virtual .sql sources — one per step and direction, each
 * as the executor runs it (its own transaction, or outside any for CONCURRENTLY) — so the unsafe-DDL
 * lint reads exactly what the gates run.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS } from '../contract/phase.ts';

export function renderPhaseSources(impl: MigrationImplementation, root = 'src/migration'): Array<{ file: string; content: string }> {
  // The executor sets lock_timeout before every step (runSteps): say so, as the lint cannot see it.
  const prologue = '-- as run by src/contract/executor.ts\nSET lock_timeout = 2000;\n';
  return PHASE_IDS.flatMap((id) => {
    const phase = impl.phases[id];
    const seen = new Set<string>();
    return [...phase.steps, ...phase.completeSteps]
      .filter((s) => !seen.has(s.name) && seen.add(s.name))
      .flatMap((s) => [
        { file: `${root}/${id}/${s.name}.up.sql`, content: `${prologue}${s.up.trim()}\n` },
        ...(s.down ? [{ file: `${root}/${id}/${s.name}.down.sql`, content: `${prologue}${s.down.trim()}\n` }] : []),
      ]);
  });
}
