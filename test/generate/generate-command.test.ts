import { describe, expect, it } from 'vitest';
import { generateCommand } from '../../src/cli/commands/generate.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { toCsv, toJson, toSql } from '../../src/generate/serialize.ts';

describe('generateCommand', () => {
  it('returns the serialized sample for each format', async () => {
    const ds = sampleDataset({ seed: 12, rows: 10, mode: 'mixed' });
    expect(await generateCommand({ seed: 12, rows: 10, mode: 'mixed', format: 'sql' })).toBe(toSql(ds));
    expect(await generateCommand({ seed: 12, rows: 10, mode: 'mixed', format: 'json' })).toBe(toJson(ds));
    expect(await generateCommand({ seed: 12, rows: 10, mode: 'mixed', format: 'csv' })).toBe(toCsv(ds));
  });

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
    const error = await generateCommand(args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});
