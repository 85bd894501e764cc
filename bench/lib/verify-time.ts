import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/db/project-paths.ts';

export interface VerifyFigures {
  command: string;
  wallMs: number;
  exitCode: number | null;
  /** The gate summary lines it printed (one per gate), for the record. */
  summary: string[];
}

/** Spawns `npm run verify` (gate all at its default budget) and times it end to end. */
export function benchVerify(): Promise<VerifyFigures> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', 'verify'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.resume();
    child.on('close', (code) => {
      const summary = err.split('\n').filter((l) => /^gate |^(PASS|FAIL|ERROR|SKIP) /.test(l.trim()));
      resolve({ command: 'npm run verify', wallMs: Math.round(performance.now() - started), exitCode: code, summary });
    });
  });
}
