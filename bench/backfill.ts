// npm run bench:backfill [-- --million] [--plan-rows N] [--sizes 10000,100000] [--explain] — not a test. In one run:
//   1. our set-based backfill against the limit, a raw INSERT … SELECT of the same new-schema rows into
//      the same tables (same indexes and constraints), as a ratio (aim ≤ 1.1);
//   2. statements per 1000 legacy rows (aim ≤ 5): as runBackfill reports them, counted on the client,
//      and counted by pg_stat_statements;
//   3. backfill cost per legacy row at 10k and 100k rows (1M with --million): flat within 20 %;
//   4. the plan's row-by-row loop (bench/plan-style-backfill.ts) on --plan-rows rows (default 10k):
//      its statements per 1000 rows and its time, extrapolated linearly to the other sizes.
// Prints a table; writes reports/bench-backfill.json (with --explain, an EXPLAIN ANALYZE of one batch
// of hv_migrate_range per size in it too: the profile behind any fix to backfill-functions.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/db/project-paths.ts';
import { benchBackfill } from './lib/backfill-bench.ts';
import { BACKFILL_AIMS, backfillTable } from './lib/backfill-report.ts';
import { flag, listFlag, numberFlag } from './lib/flags.ts';
import { startBenchServer } from './lib/server.ts';

const argv = process.argv.slice(2);
const sizes = listFlag(argv, 'sizes') ?? [10_000, 100_000, ...(flag(argv, 'million') ? [1_000_000] : [])];
const planRows = numberFlag(argv, 'plan-rows', 10_000);
const started = new Date().toISOString();
await using server = await startBenchServer();
const result = await benchBackfill(server, { sizes, planRows, explain: flag(argv, 'explain'), log: (s) => console.error(s) });
const report = { started, machine: { cpus: cpus().length, node: process.version, loadavg: loadavg() }, aims: BACKFILL_AIMS, ...result };
console.log(backfillTable(result));
const out = join(PROJECT_ROOT, 'reports', 'bench-backfill.json');
await mkdir(join(PROJECT_ROOT, 'reports'), { recursive: true });
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${out}`);
