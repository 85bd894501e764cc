import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_MARKER, selfOwner } from '../../src/db/owner-marker.ts';
import { isAlive } from '../../src/db/process-tree.ts';
import { reapAbandoned } from '../../src/db/reap-abandoned.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';
import { leftBehind, runFixture } from './support.ts';

// Every test works in a private temp folder (the fixtures get it as TMPDIR, this process too), so
// that servers other test files start meanwhile neither reap our leftovers nor get reaped by us.
let root: string;
const savedTmp = process.env.TMPDIR;
beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'hv-reap-test-')));
  await chmod(root, 0o755); // as root, the postmaster runs as postgres and must reach its data dir
  process.env.TMPDIR = root; // os.tmpdir() reads it on every call
});
afterAll(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  await rm(root, { recursive: true, force: true });
});

async function holdServer(): Promise<{ fixture: ReturnType<typeof runFixture>; server: { pid: number; dataDir: string } }> {
  const fixture = runFixture('hold-postgres', ['wait'], { TMPDIR: root });
  return { fixture, server: JSON.parse(await fixture.firstLine) as { pid: number; dataDir: string } };
}

/** A dir that looks like ours, owned by a process that is gone (same pid as ours, other start time). */
async function abandonedDir(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  await writeFile(join(dir, OWNER_MARKER), JSON.stringify({ pid: process.pid, start: `${selfOwner().start}0` }));
  return dir;
}

describe('reaping what a killed run left', () => {
  it('a start after SIGKILL of the owner kills its postmaster, removes its data dir and reports both', async () => {
    const { fixture, server } = await holdServer();
    fixture.child.kill('SIGKILL');
    await fixture.exited;
    expect(leftBehind(server)).toHaveLength(2); // nothing ran on SIGKILL: both outlive the owner

    await using pg = await startPostgres({ provider: 'embedded' });
    expect(pg.reaped).toEqual([{ dir: server.dataDir, postmasterPid: server.pid, ownerPid: fixture.child.pid }]);
    expect(leftBehind(server)).toEqual([]);
  });

  it("never touches a live owner's server", async () => {
    const { fixture, server } = await holdServer();
    try {
      expect(await reapAbandoned(root)).toEqual([]);
      await using pg = await startPostgres({ provider: 'embedded' });
      expect(pg.reaped).toEqual([]);
      expect(leftBehind(server)).toHaveLength(2);
    } finally {
      fixture.child.kill('SIGTERM');
      await fixture.exited;
    }
    expect(leftBehind(server)).toEqual([]);
  });

  it('a recycled pid does not protect a dir, nor gets killed as its postmaster', async () => {
    const dir = await abandonedDir('hv-pg-Recyc1');
    // postmaster.pid names a live process that does not run in the dir: pid reuse, not our server.
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, 'postmaster.pid'), `${stranger.pid}\n${dir}\n`);
      expect(await reapAbandoned(root)).toEqual([{ dir, ownerPid: process.pid }]);
      expect(existsSync(dir)).toBe(false);
      expect(isAlive(stranger.pid!)).toBe(true);
    } finally {
      stranger.kill();
    }
  });

  it('reaps an abandoned initdb scratch dir and leaves dirs without a marker or not named ours alone', async () => {
    const initdb = await abandonedDir('hv-initdb-Abc123');
    const unmarked = join(root, 'hv-pg-NoMark');
    await mkdir(unmarked);
    const foreign = await abandonedDir('hv-pgdata-other');
    expect(await reapAbandoned(root)).toEqual([{ dir: initdb, ownerPid: process.pid }]);
    expect([existsSync(initdb), existsSync(unmarked), existsSync(foreign)]).toEqual([false, true, true]);
  });

  it('of two reapers at once exactly one reaps each dir, and a dead reaper’s claim is reaped in turn', async () => {
    const dirs = await Promise.all(['hv-pg-Twice1', 'hv-pg-Twice2'].map(abandonedDir));
    const [a, b] = await Promise.all([reapAbandoned(root), reapAbandoned(root)]);
    expect([...a!, ...b!].map((r) => r.dir).sort()).toEqual(dirs);

    const claim = join(root, `hv-reaping-${process.pid}-1-hv-pg-Claim1`); // reaper pid recycled
    await mkdir(claim);
    await writeFile(join(claim, OWNER_MARKER), JSON.stringify({ pid: 4_000_000 }));
    expect(await reapAbandoned(root)).toEqual([{ dir: join(root, 'hv-pg-Claim1'), ownerPid: 4_000_000 }]);
    expect(existsSync(claim)).toBe(false);
  });
});
