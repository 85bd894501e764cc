// npm run bench -- --rehearsal [--rows 1000000]: only the production-size rehearsal (generate → load →
//   check: backfill, round trip, drift) through the real CLI; writes its section of reports/bench.md.
// npm run bench -- --render-only: reports/bench.md again from reports/bench.json (no measuring).
// npm run bench [-- --million] [--no-verify] [--sizes a,b] [--plan-rows n] [--drift-rows n] [--property-runs n]
//                [--backfill-from reports/bench-backfill.json] [--memory [--memory-sizes a,b] [--memory-no-check]]
//                [--promises-rows n] [--promises-clients n] [--promises-ops n] [--no-promises] — not a test.
// --memory adds the peak memory of generate / load / check by dump size (default 10k and 100k rows, ~6 min). One run with every performance figure of
// the project, each against its aim: the backfill (bench:backfill's figures), the full drift check
// against one read of both schemas touching every value, the plan's promises (sync lag, drift, error
// rate, Phase 2 read p95 new vs legacy, under a concurrent load), round-trip property cases per second, embedded Postgres ready
// time with a cached cluster, and `npm run verify` wall time. Writes reports/bench.md and
// reports/bench.json; prints the figures table.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/db/project-paths.ts';
import { benchBackfill, flatnessOf, type BackfillBenchResult } from './lib/backfill-bench.ts';
import { backfillTable } from './lib/backfill-report.ts';
import { figuresOf, renderBenchMd, type BenchReport } from './lib/bench-md.ts';
import { benchDrift } from './lib/drift-bench.ts';
import { flag, listFlag, numberFlag, stringFlag } from './lib/flags.ts';
import { benchReady } from './lib/pg-ready.ts';
import { benchPropertyRate } from './lib/property-rate.ts';
import { startBenchServer } from './lib/server.ts';
import { median, round } from './lib/stats.ts';
import { textTable } from './lib/table.ts';
import { benchVerify } from './lib/verify-time.ts';
import { benchMemory, type MemoryFigures } from './lib/memory-bench.ts';
import { benchPromises, type PromisesFigures } from './lib/promises-bench.ts';
import { benchRehearsal, rehearsalMd, sectionOf, withSection } from './lib/rehearsal.ts';

const argv = process.argv.slice(2);
const log = (s: string) => console.error(s);
const started = new Date().toISOString();
const loadavgAtStart = loadavg();
const BENCH_MD = join(PROJECT_ROOT, 'reports', 'bench.md');
const readMd = () => readFile(BENCH_MD, 'utf8').catch(() => '');

if (flag(argv, 'rehearsal')) {
  const rows = numberFlag(argv, 'rows', 1_000_000);
  log(`rehearsal on ${rows.toLocaleString('en')} legacy rows …`);
  let figures;
  {
    await using server = await startBenchServer();
    figures = await benchRehearsal(server, rows, log);
  }
  const when = `${started} → ${new Date().toISOString()}, ${cpus().length} cores, load average ${loadavgAtStart.map((x) => x.toFixed(2)).join(' / ')} at start and ${loadavg().map((x) => x.toFixed(2)).join(' / ')} at end`;
  const section = rehearsalMd(figures, when);
  console.log(section.join('\n'));
  await mkdir(join(PROJECT_ROOT, 'reports'), { recursive: true });
  await writeFile(BENCH_MD, withSection(await readMd(), section));
  await writeFile(join(PROJECT_ROOT, 'reports', 'bench-rehearsal.json'), `${JSON.stringify({ started, loadavgAtStart, loadavgAtEnd: loadavg(), ...figures }, null, 2)}\n`);
  console.log(`wrote the rehearsal section of ${BENCH_MD} and bench-rehearsal.json`);
  process.exit(figures.verdict === 'ERROR' ? 1 : 0);
}

// --render-only: bench.md again from the last run's bench.json (after a change to the report's text or aims).
if (flag(argv, 'render-only')) {
  const { figures: _, ...base } = JSON.parse(await readFile(join(PROJECT_ROOT, 'reports', 'bench.json'), 'utf8')) as BenchReport;
  const report: BenchReport = { ...base, figures: figuresOf(base) };
  await writeFile(join(PROJECT_ROOT, 'reports', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  const rehearsal = sectionOf(await readMd());
  await writeFile(BENCH_MD, rehearsal ? withSection(renderBenchMd(report), rehearsal) : renderBenchMd(report));
  console.log(`rewrote ${BENCH_MD} from bench.json`);
  process.exit(0);
}

// Start-up first, before anything else loads the machine.
log('embedded Postgres ready time (cached cluster) …');
const ready = await benchReady(5);

let rest: Pick<BenchReport, 'backfill' | 'backfillFrom' | 'drift' | 'propertyRate' | 'memory' | 'promises'>;
{
  await using server = await startBenchServer();
  // --backfill-from reports/bench-backfill.json: take the backfill figures of a bench:backfill run
  // made just before instead of measuring them again (they are the slowest part, ~10 min).
  const from = stringFlag(argv, 'backfill-from');
  let backfill: BackfillBenchResult;
  if (from) {
    log(`backfill figures from ${from}`);
    backfill = JSON.parse(await readFile(from, 'utf8')) as BackfillBenchResult;
    for (const x of backfill.sizes) x.ratioToRawPaired ??= round(median(x.backfillMs.map((b, k) => b / x.rawMs[k]!)), 3);
    backfill.flatness = flatnessOf(backfill.sizes);
  } else {
    log('backfill …');
    backfill = await benchBackfill(server, {
      sizes: listFlag(argv, 'sizes') ?? [10_000, 100_000, ...(flag(argv, 'million') ? [1_000_000] : [])],
      planRows: numberFlag(argv, 'plan-rows', 10_000),
      log,
    });
  }
  log('drift check vs one read of both schemas …');
  const drift = await benchDrift(server, numberFlag(argv, 'drift-rows', 100_000), 'sql');
  log('round-trip property throughput …');
  const propertyRate = await benchPropertyRate(server, numberFlag(argv, 'property-runs', 200));
  let promises: PromisesFigures | undefined;
  if (!flag(argv, 'no-promises')) {
    log("the plan's promises under a concurrent load …");
    promises = await benchPromises(server, numberFlag(argv, 'promises-rows', 52_000), {
      clients: numberFlag(argv, 'promises-clients', 4),
      opsPerClient: numberFlag(argv, 'promises-ops', 300),
      log,
    });
  }
  let memory: MemoryFigures | undefined;
  if (flag(argv, 'memory')) {
    log('memory of generate / load / check …');
    memory = await benchMemory(server, listFlag(argv, 'memory-sizes') ?? [10_000, 100_000], { check: !flag(argv, 'memory-no-check'), log });
  }
  rest = { backfill, backfillFrom: from ?? null, drift, propertyRate, ...(memory ? { memory } : {}), ...(promises ? { promises } : {}) };
}

let verify;
if (!flag(argv, 'no-verify')) {
  log('npm run verify …');
  verify = await benchVerify();
}

const base = {
  started,
  finished: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version, loadavgAtStart, loadavgAtEnd: loadavg() },
  ready,
  ...rest,
  ...(verify ? { verify } : {}),
};
const report: BenchReport = { ...base, figures: figuresOf(base) };

console.log(backfillTable(report.backfill));
console.log('');
console.log(textTable(['figure', 'value', 'aim', 'met'], report.figures.map((f) => [f.name, `${f.value}${f.unit ? ` ${f.unit}` : ''}`, f.aim, f.met === null ? '' : f.met ? 'yes' : 'NO'])));
await mkdir(join(PROJECT_ROOT, 'reports'), { recursive: true });
await writeFile(join(PROJECT_ROOT, 'reports', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
// A rehearsal made before (its own, long run) keeps its section.
const rehearsal = sectionOf(await readMd());
await writeFile(BENCH_MD, rehearsal ? withSection(renderBenchMd(report), rehearsal) : renderBenchMd(report));
console.log(`wrote ${join(PROJECT_ROOT, 'reports', 'bench.md')} and bench.json`);
