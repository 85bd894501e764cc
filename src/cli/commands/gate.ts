import { runCoverage } from '../../check/coverage.ts';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { GATE_NAMES, gateOf, propertiesOf, type GateName } from '../../../properties/index.ts';
import { implementationOf } from '../implementation-from-flags.ts';
import { runGate } from '../../runner/run-gate.ts';
import type { PropertyResult, RunReport } from '../../runner/result.ts';
import { isSavable, loadRegressions, saveRegression } from '../../report/regression-store.ts';
import { writeRunReport } from '../../report/write-run-report.ts';
import { PROJECT_ROOT } from '../../db/project-paths.ts';
import { UsageError } from '../usage-error.ts';
import { EXIT } from '../exit-codes.ts';
import { durationFlag, freshSeed, intFlag, shardFlag } from '../parse.ts';
import { ownServerFactory, pgChoiceOf, replayFlags, startFromFlags } from '../pg-from-flags.ts';
import { gateProgress } from '../progress.ts';
import { guardsOf } from '../guards.ts';
import { runIdOf } from '../run-id.ts';
import { sampleMigration } from '../../runner/sample-migration.ts';
import { runAccess, type AccessRun } from '../../runner/run-access.ts';
import { reviewOf } from '../../report/access-review.ts';
import { PHASE_IDS, type PhaseId } from '../../contract/phase.ts';
import { unlessImplementationFails } from '../../runner/harness-error.ts';
import { onInterrupt, signalExitCode } from '../../db/cleanup-registry.ts';
import { gateExitCode, gateVerdictLine } from '../gate-verdict.ts';
import { findPreviousRun } from '../../report/previous-run.ts';
import { compareRuns } from '../../report/run-changes.ts';
import { fixtureReplayCommand } from '../../report/replay-lines.ts';
import { DEFAULT_MAX_STALL_MS } from '../../../properties/rollback/support/stall-run.ts';

export interface GateFlags {
  runs?: string;
  seed?: string;
  timeBudget?: string;
  shard?: string;
  pg?: string;
  pgVersion?: string;
  reportDir?: string;
  json?: boolean;
  defect?: string;
  /** The implementation under test: a built-in name or a module path (default habit-verify). */
  impl?: string;
  saveRegressions?: boolean;
  /** Let gates that drop tables (rollback, phase-3, all) run against a --pg url server. */
  allowDestructive?: boolean;
  /** Run only these properties of the gate (names like phase-0/round-trip). */
  only?: string[];
}

/** Gates whose properties drop tables; on a shared server they need --allow-destructive. */
const DESTRUCTIVE = new Set(['phase-3', 'rollback', 'all']);

export const REGRESSIONS_DIR = join(PROJECT_ROOT, 'fixtures', 'regressions');

/**
 * `habit-verify gate <phase>`: saved regressions first, then random cases for every property of the
 * gate; writes the report; prints one replay line per failure. Exit 0 pass, 1 a property failed,
 * 2 usage, 3 infrastructure.
 */
export async function gateCommand(gate: string, flags: GateFlags, config: Config): Promise<number> {
  if (!(GATE_NAMES as string[]).includes(gate)) throw new UsageError(`unknown gate ${JSON.stringify(gate)}: expected one of ${GATE_NAMES.join(', ')}`);
  const defect = flags.defect;
  const { impl, replayFlags: implFlags } = await implementationOf(flags.impl, defect);
  const runs = intFlag('--runs', flags.runs, 1) ?? config.runs;
  const seed = intFlag('--seed', flags.seed, 0) ?? config.seed ?? freshSeed();
  const timeBudgetMs = durationFlag('--time-budget', flags.timeBudget) ?? config.timeBudgetMs;
  const shard = shardFlag(flags.shard);
  const choice = pgChoiceOf(flags, config);
  const provider = choice.provider;
  if (provider === 'url' && DESTRUCTIVE.has(gate) && !flags.allowDestructive) {
    throw new UsageError(
      `gate ${gate} drops tables (rollbacks, Phase 3): against a --pg url server it needs --allow-destructive. ` +
        'It only ever works inside databases it creates and names hv_…, never in another database of that server.',
    );
  }
  const reportsRoot = flags.reportDir ?? join(PROJECT_ROOT, 'reports');
  const startedAt = new Date();

  let properties = propertiesOf(gate as GateName);
  if (flags.only?.length) {
    const unknown = flags.only.filter((n) => !properties.some((p) => p.name === n));
    if (unknown.length) throw new UsageError(`--only ${unknown.join(', ')}: not a property of gate ${gate} (${properties.map((p) => p.name).join(', ')})`);
    properties = properties.filter((p) => flags.only!.includes(p.name));
  }
  const pg = await startFromFlags(choice, config);
  let results: PropertyResult[];
  let sample: Awaited<ReturnType<typeof sampleMigration>> | undefined;
  let access: AccessRun | undefined;
  // SIGINT / SIGTERM: stop, and still write the report of what ran (marked incomplete).
  const interrupt = new AbortController();
  const stopListening = onInterrupt((sig) => interrupt.abort(sig));
  try {
    const progress = gateProgress(process.stderr, !flags.json);
    results = await runGate(properties, {
      signal: interrupt.signal,
      pg,
      seed,
      ...(runs ? { runs } : {}),
      ...(timeBudgetMs ? { gateBudgetMs: timeBudgetMs } : {}),
      ...(shard ? { shard } : {}),
      impl,
      defect,
      ...(ownServerFactory(choice) ? { ownServer: ownServerFactory(choice)! } : {}),
      replayFlags: replayFlags(choice) + implFlags,
      regressionsOf: (p) => loadRegressions(REGRESSIONS_DIR, p, PROJECT_ROOT, impl.name),
      gateOf: (p) => gateOf(p.name),
      ...progress,
    });
    // QA's worked example: the quarantine breakdown and drift of one seeded adversarial dataset.
    // An implementation that cannot migrate it (the plan as written cannot even apply Phase 0) gives no
    // example: its properties already failed and say why; only the harness's own faults end the run.
    if ((gate === 'phase-0' || gate === 'all') && !interrupt.signal.aborted) {
      sample = await unlessImplementationFails(sampleMigration(pg, impl, seed));
    }
    // Security reviewers' section: who can reach what after every step of the gate's phases (a whole
    // gate only; --only runs are replays and quick checks). Same rule: only harness faults end the run.
    if (!flags.only?.length && !interrupt.signal.aborted) {
      const phase = (PHASE_IDS as readonly string[]).includes(gate) ? (gate as PhaseId) : undefined;
      access = await unlessImplementationFails(runAccess(pg, impl, { seed, ...(phase ? { phase } : {}) }));
    }
  } finally {
    stopListening();
    await pg.close();
  }
  const total = shard ? properties.filter((_, i) => i % shard.count === shard.index - 1).length : properties.length;
  const incomplete = interrupt.signal.aborted
    ? { signal: String(interrupt.signal.reason), completed: results.filter((r) => !r.interrupted || r.verdict !== 'skipped').length, total }
    : undefined;

  // Counterexamples of the real code become regression fixtures; those of a deliberately broken
  // variant (--defect) stay in the report only.
  for (const r of results) {
    if (isSavable(r) && flags.saveRegressions !== false) {
      r.regressionFile = await saveRegression(REGRESSIONS_DIR, r, guardsOf(r), PROJECT_ROOT);
    }
  }
  const coverage = runCoverage(results);
  const report: RunReport = {
    runId: runIdOf(startedAt, gate, seed),
    command: `habit-verify gate ${process.argv.slice(3).join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seed,
    provider: `${provider} (PostgreSQL ${pg.serverVersion})`,
    ...(defect ? { defect } : {}),
    gates: [gate],
    results,
    ...(incomplete ? { incomplete } : {}),
    ...(sample ? { quarantine: sample.quarantine, drift: sample.drift } : {}),
    ...(access ? { access: reviewOf(access) } : {}),
    ...(coverage ? { coverage } : {}),
    ...(results.some((r) => r.stalls?.length) ? { stalls: results.flatMap((r) => r.stalls ?? []), stallLimitMs: config.maxStallMs ?? DEFAULT_MAX_STALL_MS } : {}),
  };
  // What changed since the previous run of this gate in the same report directory: the first section.
  report.changes = compareRuns(await findPreviousRun(reportsRoot, report), report);
  const written = await writeRunReport(report, { reportsRoot });
  const failed = results.filter((r) => r.verdict === 'failed');
  const errored = results.filter((r) => r.verdict === 'error');
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...report, reportDir: written.dir }, null, 2)}\n`);
    if (incomplete) process.stderr.write(`${gateVerdictLine(gate, results, { seed, defect, incomplete }).split('\n')[0]}\n`);
  } else {
    for (const r of [...failed, ...errored]) {
      process.stderr.write(`\n${r.verdict === 'failed' ? 'FAILED' : 'ERROR'} ${r.property}: ${r.failure?.message ?? ''}\n`);
      if (r.replayCommand) process.stdout.write(`${r.replayCommand}\n`);
      if (r.regressionFile) process.stderr.write(`  counterexample saved to ${r.regressionFile}; replay it with:\n  ${fixtureReplayCommand(r)}\n`);
    }
    process.stderr.write(`\n${gateVerdictLine(gate, results, { seed, defect, incomplete, serverVersion: pg.serverVersion })}\nreport: ${join(written.dir, 'index.html')}\n`);
  }
  if (incomplete) return signalExitCode(incomplete.signal as NodeJS.Signals);
  return gateExitCode(results);
}
