// npm run bench:drift [-- --rows 100000] [--repetitions 3] — not a test. The full drift check
// (hv_drift) against one read of both schemas touching every value, after a complete backfill of
// --rows legacy rows generated on the server; the row-hash stage alone beside it. Prints JSON.
import { benchDrift } from './lib/drift-bench.ts';
import { numberFlag } from './lib/flags.ts';
import { startBenchServer } from './lib/server.ts';

const argv = process.argv.slice(2);
await using server = await startBenchServer();
const figures = await benchDrift(server, numberFlag(argv, 'rows', 100_000), 'sql', numberFlag(argv, 'repetitions', 3));
console.log(JSON.stringify(figures, null, 2));
