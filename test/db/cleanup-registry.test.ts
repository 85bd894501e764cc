import { describe, expect, it } from 'vitest';
import { leftBehind, runFixture } from './support.ts';

// A child process starts an embedded server, then ends in each way a command can end. Its postmaster
// and temp data dir must be gone afterwards.
describe('cleanup registry: nothing outlives the process that started a server', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: closes the server and exits with %i', async (sig, expectedCode) => {
    const fixture = runFixture('hold-postgres', ['wait']);
    const server = JSON.parse(await fixture.firstLine) as { pid: number; dataDir: string };
    expect(leftBehind(server)).toHaveLength(2);
    fixture.child.kill(sig);
    const { code } = await fixture.exited;
    expect(code).toBe(expectedCode);
    expect(leftBehind(server)).toEqual([]);
  });

  it.each(['throw', 'reject'])('uncaught error (%s): the exit handler kills the postmaster and removes the dir', async (mode) => {
    const fixture = runFixture('hold-postgres', [mode]);
    const server = JSON.parse(await fixture.firstLine) as { pid: number; dataDir: string };
    const { code, stderr } = await fixture.exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/uncaught in fixture|unhandled rejection in fixture/);
    expect(leftBehind(server)).toEqual([]);
  });
});
