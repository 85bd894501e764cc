import type { RunReport } from '../runner/result.ts';
import { runSummary } from './gates.ts';

/**
 * run.json: the report itself, pretty-printed — what engineers and tools read back — with `summary`,
 * the verdict and counts (whole run and per gate) every other format shows.
 */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify({ ...report, summary: runSummary(report) }, null, 2)}\n`;
}
