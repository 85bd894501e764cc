import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { PHASE_IDS, type PhaseId } from '../../contract/phase.ts';
import { PROJECT_ROOT } from '../../db/project-paths.ts';
import { accessJson, renderAccessCsv, renderAccessHtml, renderAccessMarkdown } from '../../report/access-matrix.ts';
import { reviewOf } from '../../report/access-review.ts';
import { runDirName } from '../../report/write-run-report.ts';
import { updateLatest } from '../../report/update-latest.ts';
import { runAccess, type AccessRun } from '../../runner/run-access.ts';
import { EXIT } from '../exit-codes.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { freshSeed, intFlag } from '../parse.ts';
import { pgChoiceOf, startFromFlags } from '../pg-from-flags.ts';
import { runIdOf } from '../run-id.ts';
import { UsageError } from '../usage-error.ts';

export interface AccessFlags {
  phase?: string;
  seed?: string;
  rows?: string;
  impl?: string;
  defect?: string;
  pg?: string;
  pgVersion?: string;
  supabaseGrants?: string;
  reportDir?: string;
  json?: boolean;
}

/**
 * `habit-verify access [--phase P]`: the measured access matrix, step by step (apply of every phase,
 * then every rollback), against the reviewed one. Writes index.html, access.md, access.csv and
 * access.json; `--json` prints the JSON. Exit 0 when nothing goes beyond the matrix, 1 otherwise.
 */
export async function accessCommand(flags: AccessFlags, config: Config): Promise<number> {
  if (flags.phase !== undefined && !(PHASE_IDS as readonly string[]).includes(flags.phase)) {
    throw new UsageError(`--phase ${JSON.stringify(flags.phase)}: expected one of ${PHASE_IDS.join(', ')}`);
  }
  const seed = intFlag('--seed', flags.seed, 0) ?? config.seed ?? freshSeed();
  const rows = intFlag('--rows', flags.rows, 2) ?? 24;
  const choice = pgChoiceOf(flags, config);
  const { impl } = await implementationOf(flags.impl, flags.defect);
  const startedAt = new Date();
  const pg = await startFromFlags(choice, config);
  let run: AccessRun;
  try {
    run = await runAccess(pg, impl, { seed, rows, ...(flags.phase ? { phase: flags.phase as PhaseId } : {}) });
  } finally {
    await pg.close();
  }
  const root = flags.reportDir ?? join(PROJECT_ROOT, 'reports');
  const name = runDirName(runIdOf(startedAt, 'access', flags.phase ?? 'all', run.regime, seed));
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(accessJson(run), null, 2)}\n`;
  await Promise.all([
    writeFile(join(dir, 'index.html'), renderAccessHtml(run)),
    writeFile(join(dir, 'access.md'), renderAccessMarkdown(reviewOf(run))),
    writeFile(join(dir, 'access.csv'), renderAccessCsv(run)),
    writeFile(join(dir, 'access.json'), json),
  ]);
  await updateLatest(root, name);
  const beyond = run.steps.filter((s) => s.violations.length > 0);
  if (flags.json) process.stdout.write(json);
  else process.stdout.write(textOf(run));
  process.stderr.write(`${beyond.length === 0 ? 'PASS' : 'FAIL'}: ${beyond.length} of ${run.steps.length} step boundaries beyond the access matrix — report: ${join(dir, 'index.html')}\n`);
  return beyond.length === 0 ? EXIT.ok : EXIT.failed;
}

function textOf(run: AccessRun): string {
  const lines = [`access: ${run.implementation}, Supabase grants ${run.regime}, PostgreSQL ${run.serverVersion}, seed ${run.seed} (parent ${run.owner})`];
  reviewOf(run).steps.forEach((s) => {
    const changes = s.changes;
    const shown = changes.slice(0, 4).map((c) => `${c.change === 'granted' ? '+' : '-'}${c.role} ${c.operation} ${c.object}`).join(', ');
    const more = changes.length > 4 ? ` +${changes.length - 4} more` : '';
    const flag = s.violations.length > 0 ? `  BEYOND: ${s.violations[0]!.detail}${s.violations.length > 1 ? ` (+${s.violations.length - 1})` : ''}` : '';
    lines.push(`  ${s.phase.padEnd(7)} ${s.direction.padEnd(4)} ${s.step.padEnd(46)} ${changes.length ? shown + more : '—'}${flag}`);
  });
  return `${lines.join('\n')}\n`;
}
