// npm run bench:promises [-- --rows 52000] [--clients 4] [--ops 300] — not a test. The plan's own
// promises (sync lag, drift, error rate, Phase 2 read p95 new vs old) measured under a concurrent
// load on data of production shape (bench/lib/promises-bench.ts). Prints JSON.
import { flag, numberFlag } from './lib/flags.ts';
import { benchPromises } from './lib/promises-bench.ts';
import { startBenchServer } from './lib/server.ts';

const argv = process.argv.slice(2);
await using server = await startBenchServer();
const figures = await benchPromises(server, numberFlag(argv, 'rows', 52_000), {
  clients: numberFlag(argv, 'clients', 4),
  opsPerClient: numberFlag(argv, 'ops', 300),
  ...(flag(argv, 'quiet') ? {} : { log: (s: string) => console.error(s) }),
});
console.log(JSON.stringify(figures, null, 2));
