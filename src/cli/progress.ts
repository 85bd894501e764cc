import type { AnyProperty } from '../runner/property.ts';
import type { PropertyResult } from '../runner/result.ts';

/**
 * Progress for humans and CI: a redrawn line on a TTY, plain lines otherwise (one per property,
 * quiet enough for CI logs). Writes to stderr so stdout stays machine-readable (--json).
 */
export function gateProgress(stream: NodeJS.WriteStream, enabled: boolean) {
  const tty = stream.isTTY === true;
  const started = performance.now();
  return {
    onStart(p: AnyProperty, index: number, total: number) {
      if (enabled && tty) stream.write(`\r\x1b[2K${bar(index, total)} ${p.name} …`);
    },
    onResult(r: PropertyResult, done: number, total: number) {
      if (!enabled) return;
      const mark = { passed: 'PASS', failed: 'FAIL', error: 'ERROR', skipped: 'SKIP' }[r.verdict];
      const line = `${mark.padEnd(5)} ${r.property} (${r.runs} cases${r.regressionsReplayed ? ` + ${r.regressionsReplayed} saved` : ''}, ${(r.durationMs / 1000).toFixed(1)} s)${r.note ? ` — ${r.note}` : ''}`;
      stream.write(tty ? `\r\x1b[2K${line}\n${done < total ? bar(done, total) : ''}` : `${line}\n`);
      if (done === total && tty) stream.write(`\r\x1b[2K[${((performance.now() - started) / 1000).toFixed(1)} s]\n`);
    },
  };
}

/** `[#####...............] 25/100`: done of total, in `width` cells. */
export function bar(done: number, total: number, width = 20): string {
  const full = Math.min(width, Math.round((done / Math.max(1, total)) * width));
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
}

/** Set by a parent process (the rehearsal bench) to read a command's progress: `HV_PROGRESS=lines`. */
export const PROGRESS_ENV = 'HV_PROGRESS';

/** One progress line: `HV_PROGRESS <stage> <done> <total>`. */
export const PROGRESS_LINE = /^HV_PROGRESS (\S+) (\d+) (\d+)$/gm;

/**
 * A stage's progress for a parent that set HV_PROGRESS=lines, as `HV_PROGRESS <stage> <done> <total>`
 * lines on stderr — at most one a second, and one when done reaches total. Undefined otherwise.
 */
export function progressLines(stage: string, total: number, env: NodeJS.ProcessEnv = process.env, stream: NodeJS.WritableStream = process.stderr): ((done: number) => void) | undefined {
  if (env[PROGRESS_ENV] !== 'lines') return undefined;
  let last = Number.NEGATIVE_INFINITY;
  return (done) => {
    const now = performance.now();
    if (done < total && now - last < 1000) return;
    last = now;
    stream.write(`\nHV_PROGRESS ${stage} ${done} ${total}\n`);
  };
}
