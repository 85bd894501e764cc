import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Process helpers for the embedded postmaster. Linux `/proc` is read so that zombies (a killed
 * child not yet reaped, or an orphan under a PID 1 that does not reap) count as dead.
 */

/** True while `pid` runs (zombies count as dead). */
export function isAlive(pid: number): boolean {
  const state = procState(pid);
  if (state !== undefined) return state !== 'Z' && state !== 'X';
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Direct children of `pid` (the postmaster's backends and auxiliary processes). */
export function childrenOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const kids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== undefined && stat.ppid === pid) kids.push(Number(entry));
  }
  return kids;
}

/** SIGKILLs `pid` and its direct children, synchronously. Returns every pid signalled. */
export function killTreeSync(pid: number): number[] {
  const pids = [pid, ...childrenOf(pid)];
  for (const p of pids) signal(p, 'SIGKILL');
  return pids;
}

/** Sends `sig` to `pid`, ignoring a process that is already gone. */
export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Resolves true once every pid is dead, false if `timeoutMs` passed first. */
export async function waitForDeath(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/**
 * Resolves true once `pid` has no /proc entry at all — reaped by its parent, not merely a zombie.
 * A new postmaster refuses to start while the pid in postmaster.pid still answers kill(pid, 0).
 */
export async function waitForReap(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (existsSync(`/proc/${pid}`)) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

/** Same as {@link waitForDeath} but blocking: for the synchronous `exit` handler only. */
export function waitForDeathSync(pids: readonly number[], timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    Atomics.wait(cell, 0, 0, 5);
  }
  return true;
}

/** The postmaster pid recorded in `<dataDir>/postmaster.pid`, if the file exists. */
export async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When `pid` started (clock ticks since boot, from /proc), or undefined without /proc. A pid and its
 * start time name one process: a recycled pid has another start time.
 */
export function startTimeOf(pid: number): string | undefined {
  return readStat(pid)?.start;
}

/** The working directory of `pid` (a postmaster's is its data dir), or undefined if unreadable. */
export function cwdOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

function procState(pid: number): string | undefined {
  return readStat(pid)?.state;
}

function readStat(pid: number): { state: string; ppid: number; start: string | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const ppid = Number(fields[1]);
  // fields[0] is field 3 of proc(5); starttime is field 22.
  return state === undefined ? undefined : { state, ppid, start: fields[19] };
}
