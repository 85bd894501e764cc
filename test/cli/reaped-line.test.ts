import { chmod, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { leftBehind, runFixture } from '../db/support.ts';
import { cli } from './support.ts';

describe('a command after a SIGKILLed run', () => {
  test('reaps the postmaster and data dir it left and says so in one stderr line', async () => {
    // A private temp folder: other test files' starts must not reap this leftover first.
    const root = await realpath(await mkdtemp(join(tmpdir(), 'hv-reap-cli-')));
    await chmod(root, 0o755); // as root, the postmaster runs as postgres and must reach its data dir
    try {
      const fixture = runFixture('hold-postgres', ['wait'], { TMPDIR: root });
      const server = JSON.parse(await fixture.firstLine) as { pid: number; dataDir: string };
      fixture.child.kill('SIGKILL');
      await fixture.exited;
      expect(leftBehind(server)).toHaveLength(2);

      const r = await cli(['load', 'no-such-dump.sql'], { TMPDIR: root });
      expect(r.stderr).toContain(`habit-verify: reaped 1 Postgres server left by a killed run (pid ${server.pid}, ${server.dataDir})\n`);
      expect(leftBehind(server)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
