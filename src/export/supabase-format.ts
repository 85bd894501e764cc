/**
 * The `supabase` export: migration files for `supabase/migrations/`, one group per stage, to be copied
 * there one group at a time, when the stage is due (`supabase db push` applies every pending file):
 *
 *   migrations/1-phase-0-apply/20261203120000_phase-0_create-children.sql …
 *   backfill/backfill.sql                     Phase 0's backfill: psql, never a migration
 *   migrations/5-phase-3-rename/…             Day 8
 *   migrations/6-phase-3-complete/…           Day 15
 *   rollback/phase-3/001_rename-legacy.down.sql …   psql (the CLI has no down migrations)
 *   README.md
 *
 * How the Supabase CLI applies a file (supabase/cli, pkg/migration/apply.go and file.go): `RESET ALL`,
 * then the file's statements and its history row as one pipelined batch — implicitly ONE transaction.
 * So a step is a file (the executor runs each step in its own transaction), a file never holds BEGIN or
 * COMMIT, and a step that cannot run in a transaction (CREATE INDEX CONCURRENTLY) is a file of its own:
 * CLI 2.109+ runs such a statement outside the batch (supabase/cli#5671); older CLIs refuse it with
 * SQLSTATE 25001 (supabase/cli#2898), and the header says what to do then.
 */
import type { MigrationImplementation } from '../contract/implementation.ts';
import { PHASE_IDS } from '../contract/phase.ts';
import { backfillFile } from './backfill-file.ts';
import type { ExportedFile } from './exported-file.ts';
import { phaseOf, type ExportPlan } from './export-plan.ts';
import { PSQL, stageFiles } from './plain-format.ts';
import { afterPhase, keptByRollback, whenStageRuns } from './stage-notes.ts';
import { outsideTransaction, STEP_SQL_MARKER, stepFile } from './step-file.ts';

/** `base`: the first file's version (UTC); each next file is one second later. */
export function supabaseFiles(impl: MigrationImplementation, plan: ExportPlan, base: Date): ExportedFile[] {
  const files: ExportedFile[] = [];
  const order: string[] = [];
  const versionsOf = new Map<string, string[]>();
  let seconds = 0;
  let group = 0;
  for (const id of PHASE_IDS) {
    for (const entry of plan.forward.filter((e) => phaseOf(e) === id)) {
      if (entry.kind === 'backfill') {
        if (entry.batchSql) files.push({ path: 'backfill/backfill.sql', content: backfillFile(impl.name, entry.batchSql) });
        order.push(entry.batchSql
          ? `Run \`backfill/backfill.sql\` with psql against the project's database (its connection string: the dashboard's Connect): \`${PSQL} -f backfill/backfill.sql\`. Not a migration: the CLI would run it in one transaction, where a batch cannot commit, and inside a deploy. Wait for it to finish; interrupted, run it again`
          : `Run ${impl.name}'s backfill (backfill.run()) to the end: it gives no SQL for it (backfill.batchSql)`);
        continue;
      }
      const dir = `migrations/${++group}-${id}-${entry.stage.name}`;
      const versions: string[] = [];
      entry.stage.steps.forEach((step, i) => {
        const version = versionAt(base, seconds++);
        versions.push(version);
        files.push({
          path: `${dir}/${version}_${id}_${step.name}.sql`,
          content: stepFile({
            where: `${impl.name}: ${id}, ${entry.stage.name}, step ${i + 1} of ${entry.stage.steps.length} (migration ${version})`,
            step,
            direction: 'up',
            lockTimeoutMs: entry.lockTimeoutMs,
            howToRun: outsideTransaction(step)
              ? [
                  'transaction: none — it cannot run inside a transaction block, so it is a migration file of its own: Supabase CLI 2.109+ runs it outside the file\'s transaction;',
                  `an older CLI refuses it (SQLSTATE 25001, "cannot be executed within a pipeline"): run this file with ${PSQL} -f <this file>, then: supabase migration repair --status applied ${version}`,
                  ...(step.concurrentIndex
                    ? [`a failed build leaves an INVALID index that IF NOT EXISTS would keep: before a retry, DROP INDEX CONCURRENTLY IF EXISTS public.${step.concurrentIndex} (the executor does so itself)`]
                    : []),
                ]
              : ['transaction: one — supabase db push runs a migration file in one transaction, as the executor runs the step'],
          }),
        });
      });
      versionsOf.set(id, [...(versionsOf.get(id) ?? []), ...versions]);
      order.push(`Copy \`${dir}/\` (${entry.stage.steps.length} files) into \`supabase/migrations/\`, then \`supabase db push\` — ${whenStageRuns(entry.stage)}`);
    }
    const note = afterPhase(id);
    if (note) order.push(note);
  }
  const rollback: string[] = [];
  for (const { stage, lockTimeoutMs } of plan.rollbacks) {
    const dir = `rollback/${stage.phase}`;
    files.push(...stageFiles(impl, stage, dir, lockTimeoutMs));
    const kept = keptByRollback(impl.phases[stage.phase].steps);
    const versions = versionsOf.get(stage.phase) ?? [];
    rollback.push(
      `${stage.phase}: \`${dir}/\` with psql, then \`supabase migration repair --status reverted ${versions.join(' ')}\`` +
        (kept.length ? ` (it keeps what ${kept.map((k) => `\`${k}\``).join(', ')} did: no down)` : ''),
    );
  }
  return [...files, { path: 'README.md', content: supabaseReadme(impl, order, rollback) }];
}

/** Supabase's migration version: the UTC time as YYYYMMDDHHMMSS. */
export function versionAt(base: Date, plusSeconds: number): string {
  return new Date(base.getTime() + plusSeconds * 1000).toISOString().replace(/\.\d+Z$/, '').replace(/\D/g, '');
}

function supabaseReadme(impl: MigrationImplementation, order: string[], rollback: string[]): string {
  return `# ${impl.name}: the migration's SQL as Supabase migrations, exported by habit-verify

\`${impl.name}\`: ${impl.description}.

Each file of \`migrations/\` is one step, a migration of its own: its header says where
it belongs, why the step exists and how it runs; below the line \`${STEP_SQL_MARKER}\`
comes exactly what \`habit-verify gate\` verified.

## How the Supabase CLI runs them

\`supabase db push\` (and \`migration up\`, \`db reset\`) runs each pending file of \`supabase/migrations/\` in
version order, each as ONE transaction together with its history row, after \`RESET ALL\` — so the
\`SET lock_timeout\` of a file holds for that file only. The files hold no BEGIN or COMMIT (the CLI owns the
transaction). A step that cannot run in a transaction block (CREATE INDEX CONCURRENTLY) is a file alone:
CLI 2.109 and later run it outside the file's transaction; an older CLI stops on it with SQLSTATE 25001 —
its header says how to apply it with psql and record it (\`supabase migration repair --status applied\`).
A file stopped by a lock timeout (55P03: the table was busy) is not recorded: push again.

## In order — one group at a time, when its stage is due

\`db push\` applies every pending file at once: copy a group into \`supabase/migrations/\` only when its
stage is due.

${order.map((l, i) => `${i + 1}. ${l}`).join('\n')}

The checks each phase makes before its apply and at its complete (the implementation's validate() and
complete()) are code, not SQL: they are not in this export.

- Versions are those of the export (\`--timestamp\`). If migrations newer than a group were pushed
  meanwhile, \`db push\` refuses the older group ("Found local migration files to be inserted before the
  last migration on remote database"): push it with \`--include-all\`, or export again with
  \`--timestamp\` set to the stage's day.
- A fresh replay of \`supabase/migrations/\` (\`supabase db reset\`, a preview branch) runs every copied
  group at once, with no backfill in between and no week between Day 1 and Day 15: a complete step that
  checks its time (a grace period) refuses there. Once the migration is complete, squash the history
  (\`supabase migration squash\`).

## Roll back

The CLI has no down migrations: run a phase's \`rollback/<phase>/\` files with psql, in name order (the
same loop as the plain export: \`--single-transaction\` unless the header says \`transaction: none\`), any
time before the phase's complete, then mark its migrations reverted so the history matches (and remove
its files from \`supabase/migrations/\` unless a later \`db push\` should apply them again):

${rollback.map((l) => `- ${l}`).join('\n')}
`;
}
