import type { Config } from '../../config.ts';
import { GATE_NAMES, propertiesOf, type GateName } from '../../../properties/index.ts';
import { runSoak, type SoakReport } from '../../runner/run-soak.ts';
import { onInterrupt, signalExitCode } from '../../db/cleanup-registry.ts';
import { UsageError } from '../usage-error.ts';
import { EXIT } from '../exit-codes.ts';
import { durationFlag, freshSeed, intFlag } from '../parse.ts';
import { ownServerFactory, pgChoiceOf, replayFlags, startFromFlags } from '../pg-from-flags.ts';
import { implementationOf } from '../implementation-from-flags.ts';

export interface SoakFlags {
  seeds?: string;
  runsMultiplier?: string;
  seed?: string;
  timeBudget?: string;
  pg?: string;
  pgVersion?: string;
  only?: string[];
  impl?: string;
  json?: boolean;
}

/**
 * `habit-verify soak [gate]`: the false-alarm rate. Every property of the gate on the correct code,
 * over N fresh seeds at K × its default budget; saves nothing. Exit 0 when no alarm, 1 when a
 * property failed on correct code (a harness defect: each is printed with its replay line), 3 when
 * one could not be checked.
 */
export async function soakCommand(gate: string, flags: SoakFlags, config: Config): Promise<number> {
  if (!(GATE_NAMES as string[]).includes(gate)) throw new UsageError(`unknown gate ${JSON.stringify(gate)}: expected one of ${GATE_NAMES.join(', ')}`);
  const count = intFlag('--seeds', flags.seeds, 1) ?? 10;
  const multiplier = flags.runsMultiplier === undefined ? 1 : Number(flags.runsMultiplier);
  if (!Number.isFinite(multiplier) || multiplier <= 0 || multiplier > 100) throw new UsageError(`--runs-multiplier ${JSON.stringify(flags.runsMultiplier)}: expected a number > 0 and <= 100, e.g. 2 or 0.5`);
  const base = intFlag('--seed', flags.seed, 0) ?? config.seed ?? freshSeed();
  const seeds = Array.from({ length: count }, (_, i) => (base + i) % 0x7fffffff);
  const timeBudgetMs = durationFlag('--time-budget', flags.timeBudget);
  let properties = propertiesOf(gate as GateName);
  if (flags.only?.length) {
    const unknown = flags.only.filter((n) => !properties.some((p) => p.name === n));
    if (unknown.length) throw new UsageError(`--only ${unknown.join(', ')}: not a property of gate ${gate}`);
    properties = properties.filter((p) => flags.only!.includes(p.name));
  }
  const choice = pgChoiceOf(flags, config);
  const { impl, replayFlags: implFlags } = await implementationOf(flags.impl, undefined);
  const pg = await startFromFlags(choice, config);
  const interrupt = new AbortController();
  const stopListening = onInterrupt((sig) => interrupt.abort(sig));
  let report: SoakReport;
  try {
    process.stderr.write(`soak ${gate}: ${properties.length} properties × ${count} seeds (from ${base}) at ${multiplier} × their budgets, on the correct code\n`);
    report = await runSoak(properties, {
      pg,
      impl,
      seeds,
      runsMultiplier: multiplier,
      ...(timeBudgetMs ? { timeBudgetMs } : {}),
      ...(ownServerFactory(choice) ? { ownServer: ownServerFactory(choice)! } : {}),
      replayFlags: replayFlags(choice) + implFlags,
      signal: interrupt.signal,
      onResult: (r, done, total) => {
        // progress and alarms go to stderr also with --json (stdout stays the JSON)
        const alarm = r.verdict === 'failed' ? 'FALSE ALARM' : r.verdict === 'error' ? 'ERROR' : undefined;
        if (alarm) process.stderr.write(`${alarm} ${r.property} seed ${r.seed}: ${r.failure?.message ?? r.note ?? ''}\n  ${r.replayCommand ?? ''}\n`);
        else if (done % 25 === 0 || done === total) process.stderr.write(`  ${done}/${total} runs\n`);
      },
    });
  } finally {
    stopListening();
    await pg.close();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ gate, multiplier, ...report }, null, 2)}\n`);
  process.stderr.write(
    `soak ${gate}${report.incomplete ? ' (stopped early)' : ''}: ${report.cases} cases over ${report.seeds.length} seeds × ${properties.length} properties in ${(report.durationMs / 1000).toFixed(0)} s — ` +
      `${report.falseAlarms.length} false alarm(s), ${report.errors.length} error(s)\n`,
  );
  for (const a of [...report.falseAlarms, ...report.errors]) process.stderr.write(`  ${a.verdict === 'failed' ? 'false alarm' : 'error'} ${a.property} seed ${a.seed}: ${a.replayCommand ?? a.message}\n`);
  if (interrupt.signal.aborted) return signalExitCode(interrupt.signal.reason as NodeJS.Signals);
  if (report.falseAlarms.length > 0) return EXIT.failed;
  if (report.errors.length > 0) return EXIT.infra;
  return EXIT.ok;
}
