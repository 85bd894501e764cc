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

function bar(done: number, total: number): string {
  const width = 20;
  const full = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total}`;
}
