import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from '../runner/result.ts';
import { renderDriftCsv, renderPropertiesCsv, renderQuarantineCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { redactSecrets } from './redact-secrets.ts';
import { updateLatest } from './update-latest.ts';

/** Every file of a run directory and the renderer that makes it. */
export const RUN_REPORT_FILES = {
  'run.json': renderJson,
  'summary.md': renderMarkdown,
  'properties.csv': renderPropertiesCsv,
  'quarantine.csv': renderQuarantineCsv,
  'drift.csv': renderDriftCsv,
  'junit.xml': renderJunit,
  'index.html': renderHtml,
} as const satisfies Record<string, (r: RunReport) => string>;

/**
 * Writes `<reportsRoot>/<runId>/` with every format (connection-string passwords redacted from each)
 * and points `<reportsRoot>/latest` at it. Returns the directory and the files written (absolute).
 * The only part of src/report that touches the file system.
 */
export async function writeRunReport(report: RunReport, opts: { reportsRoot: string }): Promise<{ dir: string; files: string[] }> {
  const name = runDirName(report.runId);
  const dir = join(opts.reportsRoot, name);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [file, render] of Object.entries(RUN_REPORT_FILES)) {
    const path = join(dir, file);
    await writeFile(path, redactSecrets(render(report)), 'utf8');
    files.push(path);
  }
  await updateLatest(opts.reportsRoot, name);
  return { dir, files };
}

/** The run id as one safe directory name: no separators, never `.`, `..` or `latest`. */
export function runDirName(runId: string): string {
  const safe = runId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe === '' || safe === 'latest' ? `run-${safe}` : safe;
}
