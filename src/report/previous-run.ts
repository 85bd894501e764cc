import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from '../runner/result.ts';
import { gateOfName } from '../runner/gate-of-name.ts';

/**
 * The previous run of the same gate in a report directory: the newest `<dir>/run.json` that ran the
 * same gates with the same defect and started before `current`. Directories are named after the run
 * id (start time first), so they are read newest first and the search stops at the first match.
 * Unreadable or foreign directories are passed over. Results of runs older than the single `gate`
 * get it from their name.
 */
export async function findPreviousRun(reportsRoot: string, current: Pick<RunReport, 'runId' | 'gates' | 'startedAt' | 'defect'>): Promise<RunReport | undefined> {
  let names: string[];
  try {
    names = await readdir(reportsRoot);
  } catch {
    return undefined;
  }
  const key = JSON.stringify(current.gates);
  for (const name of names.filter((n) => !n.startsWith('.') && n !== 'latest').sort().reverse()) {
    let run: RunReport;
    try {
      run = JSON.parse(await readFile(join(reportsRoot, name, 'run.json'), 'utf8')) as RunReport;
    } catch {
      continue;
    }
    if (!Array.isArray(run.results) || run.runId === current.runId || JSON.stringify(run.gates) !== key) continue;
    if ((run.defect ?? null) !== (current.defect ?? null) || !(run.startedAt < current.startedAt)) continue;
    return { ...run, results: run.results.map((r) => ({ ...r, gate: typeof r.gate === 'string' ? r.gate : gateOfName(r.property) })) };
  }
  return undefined;
}
