/**
 * Every phase of the migration, in order, with the steps it runs — the one list the CLI, the lint and
 * the reports iterate.
 */
import type { Step } from './step.ts';
import { phase0Steps } from './phase-0/phase-0.ts';
import { phase1Steps } from './phase-1/phase-1.ts';
import { phase2Steps } from './phase-2/phase-2.ts';
import { phase3CompleteSteps, phase3Steps } from './phase-3/phase-3.ts';

export interface PhaseSteps {
  id: string;
  steps(): Step[];
}

export const PHASES: readonly PhaseSteps[] = [
  { id: 'phase-0', steps: () => phase0Steps() },
  { id: 'phase-1', steps: () => phase1Steps() },
  { id: 'phase-2', steps: () => phase2Steps() },
  { id: 'phase-3', steps: () => [...phase3Steps(), ...phase3CompleteSteps()] },
];

/**
 * The phases' SQL as virtual .sql sources (one per step: its `up`, then its `down`), so the unsafe-DDL
 * lint reads the SQL the executor runs even though it lives in TypeScript. Each step is a separate
 * "file": the executor runs it as its own transaction (or outside any, for CONCURRENTLY).
 */
export function renderPhaseSources(): Array<{ file: string; content: string }> {
  // The executor sets lock_timeout before every step (runSteps): say so, as the lint cannot see it.
  const prologue = '-- as run by src/migration/executor.ts\nSET lock_timeout = 2000;\n';
  return PHASES.flatMap((p) =>
    p.steps().flatMap((s) => [
      { file: `src/migration/${p.id}/${s.name}.up.sql`, content: `${prologue}${s.up.trim()}\n` },
      ...(s.down ? [{ file: `src/migration/${p.id}/${s.name}.down.sql`, content: `${prologue}${s.down.trim()}\n` }] : []),
    ]),
  );
}
