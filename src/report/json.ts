import type { RunReport } from '../runner/result.ts';

/** run.json: the report itself, pretty-printed — what engineers and tools read back. */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
