/**
 * `habit-verify mutants --sql [--shard i/n] [--sql-file PART] [--json]`: token-level mutants of the
 * migration's SQL files (src/mutate-sql/), each switched in like a defect and run against the gate of its
 * phase (a down file's against the rollback gate) at a small budget, stopping at the first failing case (unshrunk). Prints
 * the score and every survivor; exit 0 when none survived, 1 when one did, 3 when a mutant could not be
 * judged.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { connect } from '../../db/connect.ts';
import { sqlMutants, type SqlMutant } from '../../mutate-sql/sql-mutant-defects.ts';
import { sqlMutantResult, sqlMutationScore, type SqlMutantResult, type SqlMutantsOutcome } from '../../mutate-sql/sql-mutation-score.ts';
import { runMutants } from '../../runner/run-mutants.ts';
import type { RunReport } from '../../runner/result.ts';
import { writeRunReport } from '../../report/write-run-report.ts';
import { PROJECT_ROOT } from '../../db/project-paths.ts';
import { UsageError } from '../usage-error.ts';
import { EXIT } from '../exit-codes.ts';
import { durationFlag, freshSeed, intFlag, shardFlag } from '../parse.ts';
import { ownServerFactory, pgChoiceOf, replayFlags, startFromFlags } from '../pg-from-flags.ts';
import { runIdOf } from '../run-id.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { GATE_NAMES, propertiesOf, type GateName } from '../../../properties/index.ts';
import type { PhaseTag } from '../../runner/property.ts';
import type { MutantsFlags } from './mutants.ts';

/** Random cases per property for a SQL mutant (a small budget: most die at the first case). */
export const SQL_MUTANT_RUNS = 3;
/** Per property run of a SQL mutant. */
export const SQL_MUTANT_BUDGET_MS = 15_000;
/** A mutant that makes a statement loop or wait forever is stopped (embedded lab only). */
const MUTANT_STATEMENT_TIMEOUT = '60s';

export interface SqlMutantsFlags extends MutantsFlags {
  shard?: string;
  sqlFile?: string;
  /** run.json of an earlier `mutants --sql`: only its survivors (to judge them again at a larger budget). */
  survivorsOf?: string;
}

export async function mutantsSqlCommand(flags: SqlMutantsFlags, config: Config): Promise<number> {
  if (flags.impl && flags.impl !== 'habit-verify') throw new UsageError(`--sql mutates habit-verify's own SQL files; --impl ${JSON.stringify(flags.impl)} has other ones (drop --impl)`);
  if (flags.defect?.length) throw new UsageError('--sql and --defect: the SQL mutants are generated, not picked from the catalogue; use --sql-file to narrow them');
  const shard = shardFlag(flags.shard);
  const seed = intFlag('--seed', flags.seed, 0) ?? config.seed ?? freshSeed();
  const runs = intFlag('--runs', flags.runs, 1) ?? SQL_MUTANT_RUNS;
  const timeBudgetMs = durationFlag('--time-budget', flags.timeBudget) ?? SQL_MUTANT_BUDGET_MS;
  const again = flags.survivorsOf ? await survivorsOf(flags.survivorsOf) : undefined;
  const all = sqlMutants().filter((m) => (!flags.sqlFile || m.file.includes(flags.sqlFile) || m.id.startsWith(flags.sqlFile)) && (!again || again.has(m.id)));
  if (all.length === 0 && !again) throw new UsageError(`--sql-file ${JSON.stringify(flags.sqlFile)}: no SQL file under src/migration (nor mutant id) matches it`);
  const mutants = shard ? all.filter((_, i) => i % shard.count === shard.index - 1) : all;
  const choice = pgChoiceOf(flags, config);
  const { impl, replayFlags: implFlags } = await implementationOf(undefined, undefined);
  const startedAt = new Date();
  const log = (s: string) => {
    if (!flags.json) process.stderr.write(s);
  };

  const pg = await startFromFlags(choice, config);
  const results: SqlMutantResult[] = [];
  let report: RunReport['results'] = [];
  try {
    if (pg.kind === 'embedded') await capStatements(pg.adminUri);
    const byId = new Map<string, SqlMutant>(mutants.map((m) => [m.id, m]));
    const matrix = await runMutants({
      pg,
      impl,
      seed,
      runs,
      timeBudgetMs,
      defects: mutants,
      propertiesOf: gateOf,
      fast: true,
      // a score counts kills: the first failing case is enough, shrinking it would only cost time
      shrink: false,
      ...(ownServerFactory(choice) ? { ownServer: ownServerFactory(choice)! } : {}),
      replayFlags: replayFlags(choice) + implFlags,
      onDefect: (e, done, total) => {
        const r = sqlMutantResult(byId.get(e.id)!, e);
        results.push(r);
        log(`[${done}/${total}] ${r.status.toUpperCase()} ${e.id}${r.killedBy ? ` (${r.killedBy})` : ''} ${(e.ms / 1000).toFixed(1)} s\n`);
      },
    });
    report = matrix.flatMap((e) => e.results);
  } finally {
    await pg.close();
  }
  const outcome: SqlMutantsOutcome = { score: sqlMutationScore(results), mutants: results };
  const written = await writeRunReport(
    {
      runId: runIdOf(startedAt, 'mutants-sql', seed),
      command: `habit-verify mutants ${process.argv.slice(3).join(' ')}`.trim(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      seed,
      provider: `${choice.provider} (PostgreSQL ${pg.serverVersion})`,
      defect: 'each SQL mutant of the migration',
      gates: [...new Set(mutants.flatMap((m) => m.phases))],
      results: report,
      sqlMutants: outcome,
    },
    { reportsRoot: flags.reportDir ?? join(PROJECT_ROOT, 'reports') },
  );
  if (flags.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  else {
    process.stdout.write(sqlMutantsText(outcome, shard));
    process.stderr.write(`\nreport: ${join(written.dir, 'index.html')} — seed ${seed}\n`);
  }
  const s = outcome.score;
  return s.survived > 0 ? EXIT.failed : s.errors > 0 ? EXIT.infra : EXIT.ok;
}

/** The score line and every survivor, then the equivalent ones with their reason. */
export function sqlMutantsText(o: SqlMutantsOutcome, shard?: { index: number; count: number }): string {
  const s = o.score;
  const lines = [
    `SQL mutants${shard ? ` (shard ${shard.index}/${shard.count})` : ''}: ${s.mutants} — killed ${s.killed}, survived ${s.survived}, equivalent ${s.equivalent}, invalid ${s.invalid}, could not run ${s.errors}`,
    `mutation score: ${s.score === null ? '—' : `${s.score} %`} (killed / (killed + survived))`,
  ];
  const survivors = o.mutants.filter((m) => m.status === 'survived');
  if (survivors.length) lines.push('', 'survivors:', ...survivors.map((m) => `  ${m.file}:${m.line}  ${m.operator}: ${m.from || '∅'} → ${m.to || '∅'}`));
  const equivalent = o.mutants.filter((m) => m.status === 'equivalent');
  if (equivalent.length) lines.push('', 'equivalent (not scored):', ...equivalent.map((m) => `  ${m.file}:${m.line}  ${m.from || '∅'} → ${m.to || '∅'}: ${m.why}`));
  const errors = o.mutants.filter((m) => m.status === 'error');
  if (errors.length) lines.push('', 'could not run:', ...errors.map((m) => `  ${m.id}: ${m.why}`));
  return `${lines.join('\n')}\n`;
}

/** The ids of the mutants an earlier run (its run.json) saw survive. */
async function survivorsOf(file: string): Promise<Set<string>> {
  let run: RunReport;
  try {
    run = JSON.parse(await readFile(file, 'utf8')) as RunReport;
  } catch (err) {
    throw new UsageError(`--survivors-of ${JSON.stringify(file)}: cannot read it as a run.json (${(err as Error).message}); give the run.json of an earlier mutants --sql run`);
  }
  if (!run.sqlMutants) throw new UsageError(`--survivors-of ${JSON.stringify(file)}: not the run.json of a mutants --sql run (no sqlMutants)`);
  return new Set(run.sqlMutants.mutants.filter((m) => m.status === 'survived').map((m) => m.id));
}

function gateOf(phase: PhaseTag) {
  return (GATE_NAMES as string[]).includes(phase) ? propertiesOf(phase as GateName) : undefined;
}

/** A mutant can turn a loop endless: the lab's statements stop after a minute (nothing correct waits that long). */
async function capStatements(adminUri: string): Promise<void> {
  const c = await connect(adminUri);
  try {
    await c.query(`ALTER SYSTEM SET statement_timeout = '${MUTANT_STATEMENT_TIMEOUT}'`);
    await c.query('SELECT pg_reload_conf()');
  } finally {
    await c.end();
  }
}
