/**
 * habit-verify: the command line. Parses argv, calls one command, maps errors to exit codes:
 * 0 ok · 1 a property failed · 2 usage or bad input · 3 infrastructure (no Postgres, no runtime).
 */
import { Command, CommanderError } from 'commander';
import { loadConfig, ConfigError } from '../config.ts';
import { InfraError } from '../db/errors.ts';
import { closeAll } from '../db/cleanup-registry.ts';
import { EXIT } from './exit-codes.ts';
import { UsageError } from './usage-error.ts';
import { gateCommand } from './commands/gate.ts';
import { replayCommand } from './commands/replay.ts';
import { defectsCommand } from './commands/defects.ts';

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('habit-verify')
    .description('Verifies the habit_tracker Strangler Fig migration on real PostgreSQL, phase by phase.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const grantsHelp = "Supabase's grants on new objects in public: explicit (default, the platform today) or auto (projects set up before 2026-10-30 still grant new objects to the API roles); env HV_SUPABASE_GRANTS";
  const pgHelp = 'Postgres: embedded (default, no install), url (DATABASE_URL), testcontainers (Docker)';
  const pgVersionHelp = 'PostgreSQL major: 15, 16, 17 (default, as Supabase) or 18; with --pg url the server must run it (env HV_PG_VERSION)';
  program
    .command('gate')
    .argument('<phase>', 'phase-0 | phase-1 | phase-2 | phase-3 | rollback | all')
    .description('run the properties that gate a phase (saved regressions first); exit 0 pass, 1 fail')
    .option('--runs <n>', 'random cases per property (default: each property\'s budget; env HV_RUNS)')
    .option('--seed <n>', 'fast-check seed (default: random, printed; env HV_SEED)')
    .option('--time-budget <duration>', 'wall-clock budget for the whole gate, e.g. 90s, 2m')
    .option('--shard <i/n>', 'run the i-th of n shards of the properties')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--report-dir <dir>', 'where run directories are written (default reports/)')
    .option('--defect <id>', 'switch in one broken variant of the migration (see `defects`)')
    .option('--impl <name|path>', 'the implementation under test: habit-verify (default), plan-v2, or a module path')
    .option('--only <property...>', 'run only these properties of the gate')
    .option('--allow-destructive', 'with --pg url: let rollback / phase-3 / all drop tables (only in hv_ databases the harness creates)')
    .option('--no-save-regressions', 'do not save counterexamples under fixtures/regressions/')
    .option('--json', 'print the run as JSON on stdout')
    .action(async (phase: string, flags) => {
      code = await gateCommand(phase, flags, loadConfig());
    });

  program
    .command('soak')
    .argument('[gate]', 'phase-0 | phase-1 | phase-2 | phase-3 | rollback | all', 'all')
    .description('false-alarm rate: every property on the correct code over N fresh seeds; saves nothing; exit 1 on a false alarm')
    .option('--seeds <n>', 'how many seeds (default 10)')
    .option('--runs-multiplier <k>', "cases per run = k × each property's default budget (default 1)")
    .option('--seed <n>', 'first seed (default: random, printed); seeds are n, n+1, …')
    .option('--time-budget <duration>', 'stop starting new runs after this long, e.g. 30m')
    .option('--only <property...>', 'only these properties of the gate')
    .option('--impl <name|path>', 'the implementation under test: habit-verify (default), plan-v2, or a module path')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--json', 'print { "cases": n, "falseAlarms": [...], "errors": [...], "properties": [...] }')
    .action(async (gate: string, flags) => {
      const { soakCommand } = await import('./commands/soak.ts');
      code = await soakCommand(gate, flags, loadConfig());
    });

  program
    .command('access')
    .description('who can reach what, step by step: the measured access matrix of every phase and rollback against the reviewed one; exit 1 when something goes beyond it')
    .option('--phase <phase>', 'only this phase (its apply, then its rollback): phase-0 | phase-1 | phase-2 | phase-3')
    .option('--seed <n>', 'seed of the small dataset loaded first (default: random, printed)')
    .option('--rows <n>', 'legacy rows in that dataset (default 24)')
    .option('--impl <name|path>', 'the implementation under test: habit-verify (default), plan-v2, or a module path')
    .option('--defect <id>', 'a broken variant of it (see `defects`)')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--report-dir <dir>', 'where the run directory is written (default reports/)')
    .option('--json', 'print { "regime", "steps": [{ "phase", "step", "direction", "access": [{ "role", "object", "operation", "allowed", "rows" }] }] }')
    .action(async (flags) => {
      const { accessCommand } = await import('./commands/access.ts');
      code = await accessCommand(flags, loadConfig());
    });

  program
    .command('replay')
    .argument('<property>', 'e.g. phase-0/round-trip')
    .description('reproduce a failure exactly as printed: minimal dataset and diff; exit 1 while it fails')
    .option('--seed <n>', 'seed printed by the failing run')
    .option('--path <path>', 'counterexample path printed by the failing run')
    .option('--fixture <file>', 'a saved counterexample (fixtures/regressions/*.json)')
    .option('--defect <id>', 'the defect the failing run used')
    .option('--impl <name|path>', 'the implementation under test: habit-verify (default), plan-v2, or a module path')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--json', 'print the result as JSON')
    .action(async (property: string, flags) => {
      code = await replayCommand(property, flags, loadConfig());
    });

  program
    .command('defects')
    .description('list the defect catalogue (broken variants each property must catch)')
    .option('--json', 'as JSON: [{ id, phases, description, planReference }]')
    .action((flags: { json?: boolean }) => {
      process.stdout.write(defectsCommand(flags));
    });

  program
    .command('mutants')
    .description('kill matrix: every defect of the catalogue against the gates of its phases; exit 1 if one survives')
    .option('--defect <id...>', 'only these defects (default: the whole catalogue)')
    .option('--impl <name|path>', 'the implementation under test: habit-verify (default), plan-v2, or a module path')
    .option('--seed <n>', 'fast-check seed (default: random, printed; env HV_SEED)')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--fast', 'stop at the first property that kills each defect')
    .option('--runs <n>', "random cases per property (default: each property's own)")
    .option('--time-budget <duration>', 'per property run, e.g. 20s (default 20s)')
    .option('--report-dir <dir>', 'where run directories are written (default reports/)')
    .option('--sql', "instead of the catalogue: token-level mutants of the migration's SQL files, each against its phase's gate at a small budget (3 cases, 15 s per property; stops at the first failing case, unshrunk)")
    .option('--shard <i/n>', 'with --sql: only every n-th mutant, starting at the i-th')
    .option('--survivors-of <run.json>', 'with --sql: only the survivors of an earlier run (judge them again, e.g. with --runs 20)')
    .option('--sql-file <part>', 'with --sql: only the SQL files whose path contains this (or the mutants whose id starts with it)')
    .option('--json', 'print { "defects": [{ id, killed, killedBy, casesToKill, ms }] } (with --sql: { score, mutants })')
    .action(async (flags) => {
      if (flags.sql) {
        const { mutantsSqlCommand } = await import('./commands/mutants-sql.ts');
        code = await mutantsSqlCommand(flags, loadConfig());
        return;
      }
      if (flags.shard || flags.sqlFile || flags.survivorsOf) throw new UsageError('--shard, --sql-file and --survivors-of go with --sql');
      const { mutantsCommand } = await import('./commands/mutants.ts');
      code = await mutantsCommand(flags, loadConfig());
    });

  program
    .command('generate')
    .description('print a seeded legacy dataset as it is generated: same seed, same bytes, in any time zone')
    .requiredOption('--seed <n>', 'seed')
    .requiredOption('--rows <n>', 'number of habit_tracker rows')
    .option('--mode <mode>', 'realistic | adversarial | mixed', 'realistic')
    .option('--format <format>', 'sql | json | csv', 'sql')
    .action(async (flags: { seed: string; rows: string; mode: string; format: string }) => {
      const { generateCommand } = await import('./commands/generate.ts');
      const { intFlag } = await import('./parse.ts');
      await generateCommand(
        {
          seed: intFlag('--seed', flags.seed, 0)!,
          rows: intFlag('--rows', flags.rows, 0)!,
          mode: flags.mode as 'realistic',
          format: flags.format as 'sql',
        },
        process.stdout,
      );
    });

  program
    .command('load')
    .argument('<dump>', 'a legacy dump: .sql (auth.users + habit_tracker inserts) or .json')
    .description('load a legacy dump into a fresh ephemeral database and print counts')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--json', 'print counts as JSON')
    .action(async (dump: string, flags) => {
      const { loadCommand } = await import('./commands/load.ts');
      code = await loadCommand(dump, flags, loadConfig());
    });

  program
    .command('check')
    .argument('<dump>', 'a legacy dump (.sql or .json) of real, sanitised data')
    .description('backfill a dump and run every fixed-data check: round trip, accounting, constraints, drift')
    .option('--pg <provider>', pgHelp)
    .option('--pg-version <major>', pgVersionHelp)
    .option('--supabase-grants <regime>', grantsHelp)
    .option('--batch-size <n>', 'backfill batch size', '1000')
    .option('--impl <name|path>', 'the implementation under test: habit-verify (default), plan-v2, or a module path')
    .option('--save-drift <legacy-id>', 'turn this legacy row into a regression fixture')
    .option('--report-dir <dir>', 'where the report is written (default reports/)')
    .option('--json', 'print the result as JSON')
    .action(async (dump: string, flags) => {
      const { checkCommand } = await import('./commands/check.ts');
      code = await checkCommand(dump, flags, loadConfig());
    });

  program
    .command('lint')
    .argument('[files...]', '.sql or .md files (Markdown: its sql code blocks)')
    .description("flag unsafe DDL (squawk plus rules for what it misses) and what Supabase's security advisor would report")
    .option('--project', "lint the project's own migration SQL")
    .option('--json', 'print { findings: [...] }')
    .action(async (files: string[], flags: { project?: boolean; json?: boolean }) => {
      const { lintCommand } = await import('./commands/lint.ts');
      const { PROJECT_ROOT } = await import('../db/project-paths.ts');
      const r = await lintCommand({ files, project: flags.project ?? false, json: flags.json ?? false, root: PROJECT_ROOT });
      process.stdout.write(r.output);
      code = r.exitCode;
    });

  program
    .command('export')
    .description('write the verified SQL of the implementation as migration files, in the order to run them (README.md)')
    .requiredOption('--to <dir>', 'an empty or new directory')
    .option('--format <format>', 'plain (psql: one folder per phase and stage) | supabase (files for supabase/migrations/)', 'plain')
    .option('--impl <name|path>', 'the implementation to export: habit-verify (default), or a module path')
    .option('--timestamp <YYYYMMDDHHMMSS>', "supabase: the first migration's version, UTC (default: now)")
    .option('--force', 'write into a directory that is not empty (files of the same name are replaced, the others left)')
    .action(async (flags: { to: string; format?: string; impl?: string; timestamp?: string; force?: boolean }) => {
      const { exportCommand } = await import('./commands/export.ts');
      process.stdout.write(await exportCommand(flags));
    });

  program
    .command('plan-table')
    .argument('<run.json>', 'a run of `gate all --impl plan-v2` (its --json output, or a run directory\'s run.json)')
    .description('the README section "The plan as written": one row per property of the plan\'s port')
    .option('--readme <file>', 'write the section into this README (replacing the old one) instead of printing it')
    .action(async (runFile: string, flags: { readme?: string }) => {
      const { planTableCommand } = await import('./commands/plan-table.ts');
      process.stdout.write(await planTableCommand(runFile, flags));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError || err instanceof ConfigError || (err as { exitCode?: number }).exitCode === EXIT.usage) {
      const hint = (err as { hint?: string }).hint;
      process.stderr.write(`habit-verify: ${(err as Error).message}${hint ? `\n  what to do: ${hint}` : ''}\n`);
      return EXIT.usage;
    }
    if (err instanceof InfraError) {
      process.stderr.write(`habit-verify: ${err.message}\n`);
      return EXIT.infra;
    }
    process.stderr.write(`habit-verify: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.infra;
  } finally {
    await closeAll();
  }
}

process.exitCode = await main(process.argv.slice(2));
