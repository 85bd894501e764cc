/**
 * The `plain` export: one file per phase, stage, step and direction, for psql (or any tool that runs
 * .sql files in order):
 *
 *   phase-0/1-apply/001_create-children.up.sql …      apply, in name order
 *   phase-0/2-backfill/backfill.sql                   Phase 0's backfill (psql, outside a transaction)
 *   phase-3/2-rename/001_rename-legacy.up.sql         a later stage (Day 8)
 *   phase-3/3-complete/002_drop-legacy.up.sql …       complete (Day 15)
 *   phase-3/rollback/001_rename-legacy.down.sql …     rollback: the downs, already in reverse order
 *   README.md                                         the order, and what is not SQL
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS } from '../contract/phase.ts';
import type { Stage } from './stages.ts';
import { backfillFile } from './backfill-file.ts';
import type { ExportedFile } from './exported-file.ts';
import { phaseOf, type ExportPlan } from './export-plan.ts';
import { afterPhase, keptByRollback, whenStageRuns } from './stage-notes.ts';
import { outsideTransaction, STEP_SQL_MARKER, stepFile } from './step-file.ts';

/** The psql line a file's header gives (and the README's loop runs). */
export const PSQL = 'psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1';

export function plainFiles(impl: MigrationImplementation, plan: ExportPlan): ExportedFile[] {
  const files: ExportedFile[] = [];
  const readme: string[] = [];
  for (const id of PHASE_IDS) {
    for (const entry of plan.forward.filter((e) => phaseOf(e) === id)) {
      if (entry.kind === 'backfill') {
        const path = `${id}/${entry.ordinal}-backfill/backfill.sql`;
        if (entry.batchSql) files.push({ path, content: backfillFile(impl.name, entry.batchSql) });
        readme.push(entry.batchSql
          ? `\`${path}\` — Phase 0's backfill: not DDL but a loop of batches, one transaction each: run it alone with \`${PSQL} -f ${path}\` (never --single-transaction) and wait for it to finish; interrupted, run it again`
          : `Phase 0's backfill — ${impl.name} gives no SQL for it (backfill.batchSql): run its backfill.run() to the end`);
        continue;
      }
      const dir = `${id}/${entry.ordinal}-${entry.stage.name}`;
      files.push(...stageFiles(impl, entry.stage, dir, entry.lockTimeoutMs));
      readme.push(`\`${dir}/\` (${count(entry.stage.steps.length)}) — ${whenStageRuns(entry.stage)}`);
    }
    const note = afterPhase(id);
    if (note) readme.push(note);
  }
  const rollback: string[] = [];
  for (const { stage, lockTimeoutMs } of plan.rollbacks) {
    const dir = `${stage.phase}/rollback`;
    files.push(...stageFiles(impl, stage, dir, lockTimeoutMs));
    const kept = keptByRollback(impl.phases[stage.phase].steps);
    rollback.push(`\`${dir}/\` (${count(stage.steps.length)})${kept.length ? ` — keeps what ${kept.map((k) => `\`${k}\``).join(', ')} did (no down)` : ''}`);
  }
  return [...files, { path: 'README.md', content: plainReadme(impl, readme, rollback) }];
}

const count = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/** A stage's steps as psql files in `dir` (also the Supabase export's rollback). */
export function stageFiles(impl: MigrationImplementation, stage: Stage, dir: string, lockTimeoutMs: number): ExportedFile[] {
  return stage.steps.map((step, i) => ({
    path: `${dir}/${String(i + 1).padStart(3, '0')}_${step.name}.${stage.direction}.sql`,
    content: stepFile({
      where: `${impl.name}: ${stage.phase}, ${stage.name}, step ${i + 1} of ${stage.steps.length}`,
      step,
      direction: stage.direction,
      lockTimeoutMs,
      howToRun: outsideTransaction(step)
        ? [
            `transaction: none — it cannot run inside a transaction block: ${PSQL} -f <this file> (never --single-transaction)`,
            ...(stage.direction === 'up' && step.concurrentIndex
              ? [`a failed build leaves an INVALID index that IF NOT EXISTS would keep: before running it again, DROP INDEX CONCURRENTLY IF EXISTS public.${step.concurrentIndex} (the executor does so itself)`]
              : []),
          ]
        : [`transaction: one — as the executor runs it: ${PSQL} --single-transaction -f <this file>`],
    }),
  }));
}

function plainReadme(impl: MigrationImplementation, order: string[], rollback: string[]): string {
  return `# ${impl.name}: the migration's SQL, exported by habit-verify

\`${impl.name}\`: ${impl.description}.

Each \`.sql\` file is one step of one phase in one direction. Its header says where it
belongs, why the step exists and how to run it; below the line \`${STEP_SQL_MARKER}\`
comes exactly what \`habit-verify gate\` verified.

## Run a folder

Its files in name order, each in a psql session of its own, in one transaction unless its header says
\`transaction: none\` (CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction block):

\`\`\`sh
for f in phase-0/1-apply/*.sql; do
  if grep -q '^-- transaction: none' "$f"; then one=; else one=--single-transaction; fi
  ${PSQL} $one -f "$f" || break
done
\`\`\`

A file that stops on a lock timeout (SQLSTATE 55P03: the table was busy) can be run again, and so can a
folder: every step is idempotent. The executor retries such a step by itself; psql does not.

## In order

${order.map((l, i) => `${i + 1}. ${l}`).join('\n')}

The checks each phase makes before its apply and at its complete (validate(), complete()) are the
implementation's code, not SQL: they are not in this export.

## Roll back

A phase's \`rollback/\` folder, the same way, any time before its complete (rollback undoes the phases
in reverse: ${[...PHASE_IDS].reverse().join(', ')}):

${rollback.map((l) => `- ${l}`).join('\n')}
`;
}
