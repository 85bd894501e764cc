// npm run bench:memory [-- --sizes 10000,100000] [--no-check] — not a test. Peak RSS of the CLI's
// `generate`, `load` and `check` by dump size (the --memory section of npm run bench, alone). Prints
// the bench.md table and the JSON.
import { flag, listFlag } from './lib/flags.ts';
import { benchMemory, memoryMd } from './lib/memory-bench.ts';
import { startBenchServer } from './lib/server.ts';

const argv = process.argv.slice(2);
await using server = await startBenchServer();
const figures = await benchMemory(server, listFlag(argv, 'sizes') ?? [10_000, 100_000], { check: !flag(argv, 'no-check'), log: (s) => console.error(s) });
console.log(memoryMd(figures).join('\n'));
console.log(JSON.stringify(figures, null, 2));
