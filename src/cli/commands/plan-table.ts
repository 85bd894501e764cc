/**
 * `habit-verify plan-table <run.json> [--readme README.md]`: the README's "The plan as written"
 * section from a run of `gate all --impl plan-v2` (its `--json` output, or a run directory's
 * run.json). Prints the section, or writes it into the README in place of the old one. A file that is
 * missing, not JSON, not a run, or a run of another implementation is a usage error (exit 2).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { RunReport } from '../../runner/result.ts';
import { renderPlanTable, replaceReadmeSection } from '../../report/plan-table.ts';
import { PLAN_V2 } from '../../plan-v2/name.ts';
import { UsageError } from '../usage-error.ts';

export interface PlanTableFlags {
  readme?: string;
}

/** Returns what to print; writes the README when asked to. */
export async function planTableCommand(runFile: string, flags: PlanTableFlags): Promise<string> {
  const report = await readRun(runFile);
  const section = renderPlanTable(report);
  if (!flags.readme) return section;
  const readme = await readFile(flags.readme, 'utf8').catch((err: Error) => {
    throw new UsageError(`--readme ${flags.readme}: cannot read it (${err.message})`);
  });
  await writeFile(flags.readme, replaceReadmeSection(readme, section));
  return `${flags.readme}: section "The plan as written" regenerated from ${runFile} (${report.results.length} properties)\n`;
}

async function readRun(file: string): Promise<RunReport> {
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new UsageError(`${file}: cannot read it (${err.message}); give the output of \`gate all --impl plan-v2 --json\` or a run's run.json`);
  });
  let run: unknown;
  try {
    run = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not JSON (${(err as Error).message}); give the output of \`gate all --impl plan-v2 --json\` or a run's run.json`);
  }
  const results = (run as { results?: unknown })?.results;
  if (!Array.isArray(results) || results.some((r) => typeof r?.property !== 'string' || typeof r?.verdict !== 'string')) {
    throw new UsageError(`${file}: not a habit-verify run (no results with property and verdict); give the output of \`gate all --impl plan-v2 --json\``);
  }
  const other = results.find((r) => r.impl !== PLAN_V2);
  if (other) throw new UsageError(`${file}: a run of ${JSON.stringify(other.impl ?? 'habit-verify')}, not of ${PLAN_V2}: run \`gate all --impl ${PLAN_V2} --json\``);
  return run as RunReport;
}
