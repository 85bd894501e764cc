// Preloaded into a CLI child by the memory bench: prints the process's own peak RSS on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\nHV_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`));
