/**
 * One exported step file: a header of comments (where the step belongs, why it exists, how to run it),
 * a marker line, then what the executor runs, byte for byte: `SET lock_timeout = N;` on a line of its
 * own, then the step's SQL, and one final newline (as in src/migration/phase-N/sql/). No comment stands
 * between the marker and the step's first statement but the step's own: a tool that classifies a
 * statement by its first words (the Supabase CLI, for CONCURRENTLY) sees it as the executor sends it.
 */
import type { Step } from '../contract/step.ts';
import { sqlOf } from './stages.ts';

/** After this line: `SET lock_timeout = N;`, then the step's SQL exactly as the gates ran it, then a newline. */
export const STEP_SQL_MARKER = "-- ---- below, byte for byte what the gates ran: the executor's SET lock_timeout, then the step's SQL ----";

export interface StepFileHeader {
  /** e.g. `habit-verify: phase-0, apply, step 1 of 24`. */
  where: string;
  step: Step;
  direction: 'up' | 'down';
  /** How to run the file, one comment line each (without `-- `). */
  howToRun: readonly string[];
  lockTimeoutMs: number;
}

export function stepFile(h: StepFileHeader): string {
  const sql = sqlOf(h.step, h.direction);
  const lines = [
    h.where,
    `step: ${h.step.name} (${h.direction})`,
    `why: ${h.step.why}`,
    ...h.howToRun,
    `lock_timeout: ${h.lockTimeoutMs} ms, as the gates ran it; on a lock timeout (SQLSTATE 55P03) run it again: steps are idempotent`,
  ];
  return `${lines.map(comment).join('\n')}\n${STEP_SQL_MARKER}\nSET lock_timeout = ${h.lockTimeoutMs};\n${sql}\n`;
}

/** Whether the step must run outside any transaction block (CREATE/DROP INDEX CONCURRENTLY, VACUUM). */
export function outsideTransaction(step: Step): boolean {
  return step.transactional === false;
}

/** One comment line: nothing in a step's why can end the comment early. */
function comment(text: string): string {
  return `-- ${text.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}
