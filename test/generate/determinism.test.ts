import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sampleDataset } from '../../src/generate/sample.ts';
import { toCsv, toJson, toSql } from '../../src/generate/serialize.ts';
import { hashLines } from './support/hash-sample.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const run = promisify(execFile);

describe('determinism', () => {
  it('the same seed gives byte-identical sql, json and csv twice in one process', () => {
    for (const mode of ['realistic', 'adversarial', 'mixed'] as const) {
      const a = sampleDataset({ seed: 77, rows: 50, mode });
      const b = sampleDataset({ seed: 77, rows: 50, mode });
      expect(toSql(a)).toBe(toSql(b));
      expect(toJson(a)).toBe(toJson(b));
      expect(toCsv(a)).toBe(toCsv(b));
    }
    expect(toJson(sampleDataset({ seed: 78, rows: 50, mode: 'mixed' }))).not.toBe(toJson(sampleDataset({ seed: 77, rows: 50, mode: 'mixed' })));
  });

  it('child processes in four time zones print the same hashes as this process', async () => {
    const expected = hashLines();
    const zones = ['UTC', 'Asia/Seoul', 'America/Los_Angeles', 'Pacific/Kiritimati'];
    const outputs = await Promise.all(
      zones.map((TZ) =>
        run(process.execPath, ['--import', 'tsx', join(here, 'support', 'hash-sample.ts')], {
          cwd: root,
          env: { ...process.env, TZ },
        }),
      ),
    );
    for (const [i, out] of outputs.entries()) expect(out.stdout.trim().split('\n'), zones[i]).toEqual(expected);
  }, 60_000);

  it('src/generate never uses Date (nothing depends on the time zone or today)', () => {
    const dir = join(root, 'src', 'generate');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/\bDate\b|Math\.random|performance\.now/);
    }
  });
});
