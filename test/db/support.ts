import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../../src/db/process-tree.ts';

/** Shared assertions and child-process plumbing for the test/db suite. */

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface Fixture {
  child: ChildProcess;
  /** First line the fixture prints on stdout (JSON). */
  firstLine: Promise<string>;
  /** Exit code and signal, once the process has ended; stderr for diagnostics. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs `test/db/fixtures/<name>.ts` under tsx in a plain node process (no tsx wrapper process). */
export function runFixture(name: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Fixture {
  const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, `${name}.ts`), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve(stdout.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`fixture ${name} exited (${code}) before printing: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, firstLine, exited };
}

/** True when neither the postmaster nor the data dir is left. */
export function leftBehind(server: { pid?: number | undefined; dataDir?: string | undefined }): string[] {
  const left: string[] = [];
  if (server.pid !== undefined && isAlive(server.pid)) left.push(`postmaster ${server.pid}`);
  if (server.dataDir !== undefined && existsSync(server.dataDir)) left.push(`data dir ${server.dataDir}`);
  return left;
}
