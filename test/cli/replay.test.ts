import { describe, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './support.ts';

describe('a failing gate prints a replay line that reproduces the failure', () => {
  test('gate → exit 1 + replay line; replay exactly as printed → exit 1, minimal dataset and diff', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hv-replay-'));
    try {
      const gate = await cli([
        'gate', 'phase-0', '--only', 'phase-0/round-trip', '--defect', 'records-only-for-present-times',
        '--seed', '7', '--report-dir', dir,
      ]);
      expect(gate.code).toBe(1);
      const line = gate.stdout.split('\n').find((l) => l.startsWith('npx habit-verify replay '));
      expect(line, gate.stdout + gate.stderr).toBeDefined();
      const args = line!.replace(/^npx habit-verify /, '').split(' ');
      const replay = await cli(args);
      expect(replay.code).toBe(1);
      expect(replay.stdout).toContain('Minimal dataset');
      expect(replay.stdout).toMatch(/✗ #\d+ habits\[\d+\]\.times\[\d\]/);
      // the counterexample of a deliberately broken variant is not saved as a fixture of the real code
      expect(gate.stderr).not.toContain('counterexample saved');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
