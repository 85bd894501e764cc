import { readdir, realpath, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ownerAlive, readOwnerMarker, selfOwner, type Owner } from './owner-marker.ts';
import { cwdOf, isAlive, killTreeSync, readPostmasterPid, waitForDeath } from './process-tree.ts';
import type { ReapedServer } from './types.ts';

/** Our temp dirs (mkdtemp adds 6 characters). Nothing else in the temp folder is ever looked at. */
const OURS = /^hv-(?:pg|initdb)-[A-Za-z0-9]{6}$/;
/** A dir being reaped: `hv-reaping-<reaper pid>-<reaper start>-<original name>`. */
const CLAIMED = /^hv-reaping-(\d+)-(\d*)-(hv-(?:pg|initdb)-[A-Za-z0-9]{6})$/;
const KILL_TIMEOUT_MS = 5_000;

/**
 * Removes what killed runs left in `root` (the temp folder): every `hv-pg-*` / `hv-initdb-*` dir whose
 * owner marker (owner-marker.ts) names a process that is gone, and the postmaster still running on
 * it. SIGKILL of the node process (CI timeout, OOM killer) runs no cleanup at all; this is the
 * next start's job.
 *
 * Careful by construction: a dir without a marker is not ours (or is being created) and is left
 * alone; a live owner (same pid and start time) keeps its dir and server; a postmaster is killed
 * only if its working directory is that dir (a recycled pid is some other process). A dir is claimed
 * by renaming it (atomic), so of two processes reaping at once exactly one acts; a reaper killed
 * mid-way leaves its claim, which the next run reaps in turn. Best effort: never throws.
 */
export async function reapAbandoned(root: string): Promise<ReapedServer[]> {
  let realRoot: string;
  let names: string[];
  try {
    realRoot = await realpath(root);
    names = await readdir(realRoot);
  } catch {
    return [];
  }
  const reaped: ReapedServer[] = [];
  for (const name of names) {
    const r = await reapOne(realRoot, name).catch(() => undefined);
    if (r !== undefined) reaped.push(r);
  }
  return reaped;
}

async function reapOne(root: string, name: string): Promise<ReapedServer | undefined> {
  const claimed = CLAIMED.exec(name);
  let holder: Owner | undefined; // whoever is responsible for the dir now: its owner or its reaper
  if (claimed !== null) holder = claimed[2] === '' ? { pid: Number(claimed[1]) } : { pid: Number(claimed[1]), start: claimed[2]! };
  else if (OURS.test(name)) holder = await readOwnerMarker(join(root, name));
  if (holder === undefined || ownerAlive(holder)) return undefined;

  const original = claimed?.[3] ?? name;
  const me = selfOwner();
  const dir = join(root, `hv-reaping-${me.pid}-${me.start ?? ''}-${original}`);
  try {
    await rename(join(root, name), dir);
  } catch {
    return undefined; // another process claimed it first
  }
  const owner = (await readOwnerMarker(dir)) ?? holder;
  // hv-initdb-*: initdb's bootstrap backend runs on <dir>/data.
  const pid = (await readPostmasterPid(dir)) ?? (await readPostmasterPid(join(dir, 'data')));
  let killed: number | undefined;
  if (pid !== undefined && isAlive(pid) && runsIn(pid, dir)) {
    await waitForDeath(killTreeSync(pid), KILL_TIMEOUT_MS);
    killed = pid;
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  return { dir: join(root, original), ownerPid: owner.pid, ...(killed === undefined ? {} : { postmasterPid: killed }) };
}

/** A postmaster chdirs into its data dir: anything else under that pid is not our server. */
function runsIn(pid: number, dir: string): boolean {
  const cwd = cwdOf(pid);
  return cwd !== undefined && (cwd === dir || cwd.startsWith(`${dir}/`));
}
