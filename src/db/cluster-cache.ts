import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat, chown, chmod, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { track } from './cleanup-registry.ts';
import { InfraError } from './errors.ts';
import { ownerAlive, selfOwner, writeOwnerMarker } from './owner-marker.ts';
import type { PgBinaries } from './pg-binaries.ts';
import { runInitdb } from './postgres-process.ts';

const exec = promisify(execFile);

/** What goes into an initdb'd cluster; all of it is part of the cache key. */
export interface ClusterSpec {
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  initdbFlags: readonly string[];
}

export interface CachedCluster {
  /** The initdb'd data directory to copy from. Never start a server on it. */
  dir: string;
  /** Milliseconds spent creating it, or undefined when it was already cached. */
  initdbMs?: number;
}

/**
 * Returns the cached initdb'd cluster for `spec` and the major of `bin`, creating it on first use:
 * `<cacheRoot>/pg<major>-cluster-<hash of the binaries' version + spec>` (a data dir only runs on
 * the major that created it).
 *
 * Race-safe across processes: initdb runs in a private temp dir, is copied to a staging dir next to
 * the final one, and renamed into place (atomic). A process that loses the race (the final dir
 * exists by then) deletes its copy and uses the winner's.
 */
export async function ensureCluster(cacheRoot: string, spec: ClusterSpec, bin: PgBinaries): Promise<CachedCluster> {
  const key = createHash('sha256')
    .update(JSON.stringify({ version: bin.version, platform: process.platform, arch: process.arch, ...spec }))
    .digest('hex')
    .slice(0, 12);
  const dir = join(cacheRoot, `pg${bin.major}-cluster-${key}`);
  if (await isCluster(dir)) return { dir };

  const t0 = performance.now();
  await mkdir(cacheRoot, { recursive: true });
  await sweepStaging(cacheRoot);
  const work = await mkdtemp(join(tmpdir(), 'hv-initdb-'));
  await writeOwnerMarker(work); // a SIGKILL from here on leaves a dir the next start reaps
  const pgOwner = await postgresOwner();
  if (pgOwner !== undefined) await chown(work, pgOwner.uid, pgOwner.gid); // initdb runs as postgres
  const me = selfOwner();
  const staging = join(cacheRoot, `.staging-${key}-${me.pid}-${me.start ?? ''}-${randomBytes(4).toString('hex')}`);
  // A signal or exit during initdb must not leave the work or staging dir behind either.
  const scratch = {
    close: async () => {
      await rm(work, { recursive: true, force: true });
      await rm(staging, { recursive: true, force: true });
    },
    closeSync: () => {
      rmSync(work, { recursive: true, force: true });
      rmSync(staging, { recursive: true, force: true });
    },
  };
  const untrack = track(scratch);
  try {
    const pwfile = join(work, 'pwfile');
    await writeFile(pwfile, `${spec.password}\n`, { mode: 0o600 });
    if (pgOwner !== undefined) await chown(pwfile, pgOwner.uid, pgOwner.gid);
    try {
      await runInitdb(
        bin,
        [`--pgdata=${join(work, 'data')}`, `--auth=${spec.authMethod}`, `--username=${spec.user}`, `--pwfile=${pwfile}`, ...spec.initdbFlags],
        pgOwner,
      );
    } catch (err) {
      throw new InfraError({
        what: `initdb failed (${lastLines((err as Error).message)})`,
        where: join(work, 'data'),
        hint: `check disk space and that the PostgreSQL ${bin.version} binaries run on this machine`,
        cause: err,
      });
    }
    await cp(join(work, 'data'), staging, { recursive: true });
    try {
      await rename(staging, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!(code === 'ENOTEMPTY' || code === 'EEXIST') || !(await isCluster(dir))) throw err;
      // another process won the race: its cluster is as good as ours
    }
    return { dir, initdbMs: performance.now() - t0 };
  } finally {
    await scratch.close();
    untrack();
  }
}

/**
 * Copies a cached cluster into `dataDir` (which must exist and be empty) and gives it to the user
 * the postmaster runs as (`postgres` when we are root), with the 0700 mode Postgres insists on.
 */
export async function copyCluster(from: string, dataDir: string): Promise<void> {
  await cp(from, dataDir, { recursive: true });
  const owner = await postgresOwner();
  if (owner !== undefined) await chownTree(dataDir, owner.uid, owner.gid);
  await chmod(dataDir, 0o700);
}

let owner: Promise<{ uid: number; gid: number } | undefined> | undefined;

/** uid/gid of the `postgres` OS user when running as root (Postgres refuses to run as root). */
export function postgresOwner(): Promise<{ uid: number; gid: number } | undefined> {
  owner ??= (async () => {
    if (userInfo().uid !== 0) return undefined;
    const ids = async () => {
      const [u, g] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
      return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
    };
    try {
      return await ids();
    } catch {
      // first run as root on this machine: create the user Postgres will run as
      await exec('groupadd', ['-f', 'postgres']);
      await exec('useradd', ['-g', 'postgres', 'postgres']).catch(() => undefined);
      return ids();
    }
  })();
  return owner;
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  await Promise.all(entries.map((e) => chown(join(e.parentPath, e.name), uid, gid)));
}

/**
 * Removes staging copies whose creator is gone (SIGKILLed mid-copy: no cleanup ran). The creator's
 * pid and start time are in the name; a live creator's copy is left alone.
 */
async function sweepStaging(cacheRoot: string): Promise<void> {
  const names = await readdir(cacheRoot).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^\.staging-[0-9a-f]{12}-(\d+)-(\d*)-[0-9a-f]{8}$/.exec(name);
    if (m === null || ownerAlive(m[2] === '' ? { pid: Number(m[1]) } : { pid: Number(m[1]), start: m[2]! })) continue;
    await rm(join(cacheRoot, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

async function isCluster(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'PG_VERSION'))).isFile();
  } catch {
    return false;
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 300);
}
