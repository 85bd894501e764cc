import { createServer, type Server } from 'node:net';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { trackedCount } from '../../src/db/cleanup-registry.ts';
import { InfraError } from '../../src/db/errors.ts';
import { selfOwner } from '../../src/db/owner-marker.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { leftBehind } from './support.ts';

describe('embedded provider', () => {
  let pg: StartedPostgres;
  beforeAll(async () => {
    // synchronous_commit=on: with the default (off) a commit may still sit in WAL buffers when the
    // whole server is SIGKILLed, and crash recovery rightly does not bring it back.
    pg = await startPostgres({ provider: 'embedded', settings: { synchronous_commit: 'on' } });
  });
  afterAll(() => pg?.close());

  it('runs PostgreSQL 17 on 127.0.0.1 with the test settings and a UTF8 encoding', async () => {
    expect(pg.kind).toBe('embedded');
    expect(pg.serverVersion).toBe(17);
    expect(pg.adminUri).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    expect(pg.timings?.readyMs).toBeGreaterThan(0);
    const client = await connect(pg.adminUri);
    try {
      const { rows } = await client.query(
        `SELECT version() AS v, current_setting('fsync') AS fsync, current_setting('server_encoding') AS enc,
                current_setting('listen_addresses') AS listen, normalize(U&'\\0061\\0301', NFC) = U&'\\00E1' AS nfc`,
      );
      expect(rows[0]).toMatchObject({ fsync: 'off', enc: 'UTF8', listen: '127.0.0.1', nfc: true });
      expect(rows[0].v).toMatch(/^PostgreSQL 17\./);
    } finally {
      await client.end();
    }
  });

  it('survives crashAndRestart: committed rows are back after crash recovery', async () => {
    const db = await pg.createDatabase('crash');
    const before = pg.pid;
    let client = await connect(db.uri);
    await client.query('INSERT INTO habit_tracker (child_name, week_start_date) VALUES ($1, $2)', ['민준', '2025-10-13']);
    await client.end();
    await pg.crashAndRestart?.();
    expect(pg.pid).not.toBe(before);
    client = await connect(db.uri);
    const { rows } = await client.query('SELECT child_name, week_start_date FROM habit_tracker');
    await client.end();
    expect(rows).toEqual([{ child_name: '민준', week_start_date: '2025-10-13' }]);
    await db.drop();
  });
});

describe('embedded provider cleanup', () => {
  it('leaves no process or directory after close(), and close() is idempotent', async () => {
    const pg = await startPostgres({ provider: 'embedded' });
    expect(leftBehind(pg)).toHaveLength(2);
    await pg.close();
    await pg.close();
    expect(leftBehind(pg)).toEqual([]);
  });

  it('leaves nothing after an error thrown inside an `await using` block', async () => {
    let seen: StartedPostgres | undefined;
    const use = async () => {
      await using pg = await startPostgres({ provider: 'embedded' });
      seen = pg;
      throw new Error('boom inside the block');
    };
    await expect(use()).rejects.toThrow('boom inside the block');
    expect(seen).toBeDefined();
    expect(leftBehind(seen!)).toEqual([]);
  });

  it('reports a port clash clearly instead of rejecting with undefined', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const tracked = trackedCount();
    try {
      const err: unknown = await startPostgres({ provider: 'embedded', port }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InfraError);
      expect((err as InfraError).exitCode).toBe(3);
      expect((err as InfraError).message).toContain(`port ${port} is already in use`);
      expect((err as InfraError).message).not.toContain('\n');
      expect(trackedCount()).toBe(tracked); // the failed handle closed (temp dir removed) and unregistered
    } finally {
      blocker.close();
    }
  });

  it('a cache miss removes staging copies a killed run left, not those of a live process', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hv-cache-test-'));
    const me = selfOwner();
    const dead = `.staging-0123456789ab-${me.pid}-${me.start}0-deadbeef`; // our pid, another start time
    const live = `.staging-0123456789ab-${me.pid}-${me.start}-0badcafe`;
    try {
      await Promise.all([dead, live].map((d) => mkdir(join(cacheDir, d))));
      await (await startPostgres({ provider: 'embedded', cacheDir })).close();
      expect((await readdir(cacheDir)).filter((e) => e.startsWith('.staging'))).toEqual([live]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('builds the cluster cache once when two processes race on an empty cache', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hv-cache-test-'));
    try {
      const [a, b] = await Promise.all([
        startPostgres({ provider: 'embedded', cacheDir }),
        startPostgres({ provider: 'embedded', cacheDir }),
      ]);
      await Promise.all([a.close(), b.close()]);
      expect([a.timings?.cacheHit, b.timings?.cacheHit]).toContain(false);
      const entries = await readdir(cacheDir);
      expect(entries.filter((e) => e.startsWith('pg17-cluster-'))).toHaveLength(1);
      expect(entries.filter((e) => e.startsWith('.staging'))).toEqual([]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
