import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive, startTimeOf } from './process-tree.ts';

/**
 * Which process a temp dir (`hv-pg-*` data dir, `hv-initdb-*` scratch dir) belongs to, so that a
 * later run can tell a dir whose owner was SIGKILLed (reap it) from one in use (leave it alone).
 * The pid alone is not enough: pids are recycled, so the owner's start time is recorded with it.
 */
export interface Owner {
  pid: number;
  /** Start time of `pid` (clock ticks since boot); absent where /proc is not available. */
  start?: string;
}

/** The marker's file name inside the dir (Postgres ignores unknown files in its data dir). */
export const OWNER_MARKER = 'hv-owner.json';

/** This process, as a marker records it. */
export function selfOwner(): Owner {
  const start = startTimeOf(process.pid);
  return start === undefined ? { pid: process.pid } : { pid: process.pid, start };
}

/** Records this process as the owner of `dir`. Call it right after creating the dir. */
export async function writeOwnerMarker(dir: string): Promise<void> {
  await writeFile(join(dir, OWNER_MARKER), JSON.stringify(selfOwner()), { mode: 0o600 });
}

/** The owner recorded in `dir`, or undefined when there is no (readable) marker: not ours. */
export async function readOwnerMarker(dir: string): Promise<Owner | undefined> {
  try {
    const o = JSON.parse(await readFile(join(dir, OWNER_MARKER), 'utf8')) as Partial<Owner>;
    if (!Number.isSafeInteger(o.pid) || (o.pid as number) <= 0) return undefined;
    return typeof o.start === 'string' ? { pid: o.pid as number, start: o.start } : { pid: o.pid as number };
  } catch {
    return undefined;
  }
}

/** True while the owner runs: same pid AND same start time (else the pid was recycled). */
export function ownerAlive(owner: Owner): boolean {
  if (!isAlive(owner.pid)) return false;
  if (owner.start === undefined) return true; // cannot tell a recycled pid: assume alive, touch nothing
  const start = startTimeOf(owner.pid);
  return start === undefined || start === owner.start;
}
