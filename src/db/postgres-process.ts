import { spawn, type ChildProcess } from 'node:child_process';
import type { PgBinaries } from './pg-binaries.ts';

/** uid/gid to run the binaries as (the `postgres` OS user when we are root); undefined: as we are. */
export type RunAs = { uid: number; gid: number } | undefined;

const READY = 'database system is ready to accept connections';

/**
 * The binaries' environment. Readiness is recognised by the text of a log line, so messages must not
 * be translated whatever the user's locale (LC_ALL would override LC_MESSAGES).
 */
function env(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
}

/** Runs `initdb` with `args`; rejects with the tail of its output when it fails. */
export function runInitdb(bin: PgBinaries, args: readonly string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin.initdb, args, { ...runAs, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (c: Buffer) => (output = (output + c.toString()).slice(-2_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code, sig) => {
      if (code === 0) resolve();
      else reject(new Error(`initdb exited with ${code ?? sig}: ${output.trim()}`));
    });
  });
}

export interface Postmaster {
  /** The postmaster itself (no shell in between: its pid is the server's). */
  child: ChildProcess;
  /** Resolves on "ready to accept connections"; rejects if the postmaster exits first. */
  ready: Promise<void>;
}

/**
 * Spawns `postgres -D dataDir -p port ...flags`. It logs to stderr for its whole life: every chunk
 * goes to `onLog` (the caller keeps a tail for error messages).
 */
export function spawnPostmaster(bin: PgBinaries, dataDir: string, port: number, flags: readonly string[], runAs: RunAs, onLog: (text: string) => void): Postmaster {
  const child = spawn(bin.postgres, ['-D', dataDir, '-p', String(port), ...flags], { ...runAs, env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
  const ready = new Promise<void>((resolve, reject) => {
    let recent = ''; // the line may arrive split over two chunks
    child.stderr?.on('data', (c: Buffer) => {
      const text = c.toString();
      onLog(text);
      recent = (recent + text).slice(-READY.length * 4);
      if (recent.includes(READY)) resolve();
    });
    child.once('error', reject);
    // 'close', not 'exit': by then stderr is read to the end, so the log says why.
    child.once('close', (code, sig) => reject(new Error(`postgres exited with ${code ?? sig} before it was ready`)));
  });
  return { child, ready };
}
