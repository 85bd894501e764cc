import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateCommand, type GenerateArgs } from '../../src/cli/commands/generate.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { toCsv, toJson, toSql } from '../../src/generate/serialize.ts';

/** What generateCommand writes, as one string. */
async function generated(args: GenerateArgs): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await generateCommand(args, out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('generateCommand', () => {
  it('writes, as it generates, the bytes of the serialized sample for each format', async () => {
    const ds = sampleDataset({ seed: 12, rows: 10, mode: 'mixed' });
    expect(await generated({ seed: 12, rows: 10, mode: 'mixed', format: 'sql' })).toBe(toSql(ds));
    expect(await generated({ seed: 12, rows: 10, mode: 'mixed', format: 'json' })).toBe(toJson(ds));
    expect(await generated({ seed: 12, rows: 10, mode: 'mixed', format: 'csv' })).toBe(toCsv(ds));
  });

  it.each([
    [0, 'realistic'],
    [1, 'adversarial'],
    [7, 'mixed'],
    [600, 'adversarial'],
    [1200, 'realistic'],
  ] as const)('streams %i %s rows byte for byte as the in-memory dataset (several seeds)', async (rows, mode) => {
    for (const seed of [1, -5, 2024]) {
      const ds = sampleDataset({ seed, rows, mode });
      expect(await generated({ seed, rows, mode, format: 'sql' }), `sql seed ${seed}`).toBe(toSql(ds));
      expect(await generated({ seed, rows, mode, format: 'json' }), `json seed ${seed}`).toBe(toJson(ds));
      expect(await generated({ seed, rows, mode, format: 'csv' }), `csv seed ${seed}`).toBe(toCsv(ds));
    }
  }, 60_000);

  it.each([
    [{ seed: 1.5 }, /--seed/],
    [{ seed: Number.NaN }, /--seed/],
    [{ seed: 2 ** 40 }, /--seed/],
    [{ rows: -1 }, /--rows/],
    [{ rows: 10_000_001 }, /--rows/],
    [{ mode: 'chaos' }, /--mode must be one of realistic, adversarial, mixed, got chaos/],
    [{ format: 'xml' }, /--format/],
  ])('rejects %o with a UsageError (exit code 2)', async (patch, message) => {
    const args = { seed: 1, rows: 5, mode: 'realistic', format: 'json', ...patch } as Parameters<typeof generateCommand>[0];
    const error = await generated(args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});
