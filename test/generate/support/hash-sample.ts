/**
 * Prints `<mode> <seed> <format> <sha256>` for a few seeded datasets; run in child processes under
 * different TZ values to show the output does not depend on the time zone.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleDataset } from '../../../src/generate/sample.ts';
import { toCsv, toJson, toSql } from '../../../src/generate/serialize.ts';

export const HASH_CASES = [
  { mode: 'realistic', seed: 1, rows: 25 },
  { mode: 'adversarial', seed: 2, rows: 40 },
  { mode: 'mixed', seed: 3, rows: 30 },
] as const;

export function hashLines(): string[] {
  const lines: string[] = [];
  for (const c of HASH_CASES) {
    const ds = sampleDataset(c);
    for (const [format, text] of [['sql', toSql(ds)], ['json', toJson(ds)], ['csv', toCsv(ds)]] as const) {
      lines.push(`${c.mode} ${c.seed} ${format} ${createHash('sha256').update(text).digest('hex')}`);
    }
  }
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${hashLines().join('\n')}\n`);
}
