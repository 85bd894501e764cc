import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { GATE_NAMES, propertiesOf, type GateName } from '../../../properties/index.ts';
import { DEFECTS, type Defect } from '../../defects/index.ts';
import type { PhaseTag } from '../../runner/property.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { matrixVerdict, runMutants, type KillMatrixEntry } from '../../runner/run-mutants.ts';
import type { RunReport } from '../../runner/result.ts';
import { writeRunReport } from '../../report/write-run-report.ts';
import { PROJECT_ROOT } from '../../db/project-paths.ts';
import { UsageError } from '../usage-error.ts';
import { EXIT } from '../exit-codes.ts';
import { durationFlag, freshSeed, intFlag } from '../parse.ts';
import { ownServerFactory, pgChoiceOf, replayFlags, startFromFlags } from '../pg-from-flags.ts';
import { runIdOf } from '../run-id.ts';

export interface MutantsFlags {
  json?: boolean;
  defect?: string[];
  impl?: string;
  seed?: string;
  pg?: string;
  pgVersion?: string;
  fast?: boolean;
  runs?: string;
  timeBudget?: string;
  reportDir?: string;
}

/** What a mutants run's report says in place of one defect id: every row is its own defect. */
export const KILL_MATRIX_DEFECT_LABEL = 'each defect of the catalogue (kill matrix)';

/**
 * `habit-verify mutants`: every defect of the catalogue (read now, so later phases' defects are in)
 * against the gates of its phases; the kill matrix goes into the report and onto stdout. Exit 0 when
 * every defect is killed, 1 when one survives (a missing property), 2 usage, 3 infrastructure (a
 * survivor whose properties could not all run).
 */
export async function mutantsCommand(flags: MutantsFlags, config: Config): Promise<number> {
  const defects = selectDefects(flags.defect);
  const seed = intFlag('--seed', flags.seed, 0) ?? config.seed ?? freshSeed();
  const runs = intFlag('--runs', flags.runs, 1);
  const timeBudgetMs = durationFlag('--time-budget', flags.timeBudget);
  const choice = pgChoiceOf(flags, config);
  const provider = choice.provider;
  const { impl, replayFlags: implFlags } = await implementationOf(flags.impl, undefined);
  const startedAt = new Date();
  const log = (s: string) => {
    if (!flags.json) process.stderr.write(s);
  };

  const pg = await startFromFlags(choice, config);
  let matrix: KillMatrixEntry[];
  try {
    matrix = await runMutants({
      pg,
      impl,
      seed,
      defects,
      propertiesOf: gateOf,
      fast: flags.fast ?? false,
      ...(runs ? { runs } : {}),
      ...(timeBudgetMs ? { timeBudgetMs } : {}),
      ...(ownServerFactory(choice) ? { ownServer: ownServerFactory(choice)! } : {}),
      replayFlags: replayFlags(choice) + implFlags,
      onPropertyResult: (d, r) => log(`  ${d.id} × ${r.property}: ${r.verdict === 'failed' ? 'KILLED' : r.verdict} (${r.runs} cases, ${(r.durationMs / 1000).toFixed(1)} s)\n`),
      onDefect: (e, done, total) => log(`[${done}/${total}] ${e.id}: ${e.killed ? `killed by ${e.killedBy.join(', ')}` : 'SURVIVED'}\n`),
    });
  } finally {
    await pg.close();
  }

  const report: RunReport = {
    runId: runIdOf(startedAt, 'mutants', seed),
    command: `habit-verify mutants ${process.argv.slice(3).join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seed,
    provider: `${provider} (PostgreSQL ${pg.serverVersion})`,
    defect: KILL_MATRIX_DEFECT_LABEL,
    gates: [...new Set(defects.flatMap((d) => d.phases))],
    results: matrix.flatMap((e) => e.results),
    killMatrix: matrix.map(({ id, killed, killedBy, casesToKill, ms, counterexample }) => ({
      id,
      killed,
      killedBy,
      ...(casesToKill === undefined ? {} : { casesToKill }),
      ms,
      ...(counterexample === undefined ? {} : { counterexample }),
    })),
  };
  const written = await writeRunReport(report, { reportsRoot: flags.reportDir ?? join(PROJECT_ROOT, 'reports') });

  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ defects: matrix.map(jsonRow) }, null, 2)}\n`);
  } else {
    process.stdout.write(killMatrixTable(matrix));
    for (const e of matrix.filter((x) => !x.killed)) {
      const why = e.phasesWithoutGate.length ? ` (no gate yet for ${e.phasesWithoutGate.join(', ')})` : e.errors.length ? ` (could not run: ${e.errors.join(', ')})` : '';
      process.stderr.write(`SURVIVED ${e.id}${why}: no property fails on it — a property is missing\n`);
    }
    process.stderr.write(`\nreport: ${join(written.dir, 'index.html')} — seed ${seed}\n`);
  }
  const verdict = matrixVerdict(matrix);
  return verdict === 'all-killed' ? EXIT.ok : verdict === 'survivor' ? EXIT.failed : EXIT.infra;
}

/** The `--json` row: exactly these keys (casesToKill null for a survivor). */
function jsonRow(e: KillMatrixEntry) {
  return { id: e.id, killed: e.killed, killedBy: e.killedBy, casesToKill: e.casesToKill ?? null, ms: e.ms };
}

function gateOf(phase: PhaseTag) {
  // a phase whose gate does not exist yet has no property: its defects survive (exit 1)
  return (GATE_NAMES as string[]).includes(phase) ? propertiesOf(phase as GateName) : undefined;
}

function selectDefects(ids: string[] | undefined): Defect[] {
  const all = DEFECTS;
  if (!ids?.length) return [...all];
  const unknown = ids.filter((id) => !all.some((d) => d.id === id));
  if (unknown.length) throw new UsageError(`unknown defect ${unknown.map((u) => JSON.stringify(u)).join(', ')}: \`habit-verify defects\` lists them`);
  return all.filter((d) => ids.includes(d.id));
}

/** The kill matrix as a terminal table: one row per defect. */
export function killMatrixTable(matrix: readonly KillMatrixEntry[]): string {
  const rows = matrix.map((e) => [e.id, e.killed ? 'yes' : 'NO', e.killedBy.join(', ') || '—', e.casesToKill === undefined ? '' : String(e.casesToKill), `${(e.ms / 1000).toFixed(1)} s`]);
  const head = ['defect', 'killed', 'killed by', 'cases', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const killed = matrix.filter((e) => e.killed).length;
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', `${killed} of ${matrix.length} defects killed`, ''].join('\n');
}
