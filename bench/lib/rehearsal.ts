/**
 * The production-size rehearsal (`npm run bench -- --rehearsal [--rows 1000000]`): what a team does
 * with a sanitised copy of production before Phase 0, end to end through the real CLI, each command
 * a child process against the bench server (so Postgres's memory is not counted): `generate` a
 * mixed dump, `load` it (the raw load of those rows: parse and insert, nothing else), then `check`
 * it — which loads it again, runs Phase 0, the backfill, the round trip by pages, the constraints and
 * the drift detector, and reports each part's wall time (`stageMs` of `check --json`). Peak memory is
 * each child's own RSS; the parts of `check` share its process, hence its peak.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedPostgres } from '../../src/db/types.ts';
import { bar, PROGRESS_ENV, PROGRESS_LINE } from '../../src/cli/progress.ts';
import { measure, type CommandMemory } from './memory-bench.ts';

export interface RehearsalStage {
  stage: string;
  /** The child process the stage ran in. */
  command: 'generate' | 'load' | 'check';
  wallS: number;
  /** Peak RSS of that child process (for the parts of check: the whole check's). */
  peakRssMb: number;
  rowsPerS: number;
}

export interface RehearsalFigures {
  rows: number;
  dumpMb: number;
  stages: RehearsalStage[];
  /** Whole `check` wall ÷ the `load` stage's wall (same rows, same server). */
  checkOverLoad: number;
  verdict: 'PASS' | 'FAIL' | 'ERROR';
  /** The end of a failed command's stderr. */
  error?: string;
}

const CHECK_PARTS: [key: string, stage: string][] = [
  ['load', 'check: load'],
  ['phase0', 'check: Phase 0'],
  ['backfill', 'check: backfill'],
  ['roundTrip', 'check: round trip'],
  ['constraints', 'check: constraints'],
  ['drift', 'check: drift'],
];

export async function benchRehearsal(server: StartedPostgres, rows: number, log: (s: string) => void): Promise<RehearsalFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'hv-rehearsal-'));
  // HV_PROGRESS: the commands report rows done, which the ticker draws as a bar on a TTY
  const env = { DATABASE_URL: server.adminUri, [PROGRESS_ENV]: 'lines' };
  const stages: RehearsalStage[] = [];
  const stage = (s: Omit<RehearsalStage, 'rowsPerS'>) => {
    const done = { ...s, rowsPerS: s.wallS > 0 ? Math.round(rows / s.wallS) : 0 };
    stages.push(done);
    log(stageLine(done, rows));
  };
  try {
    const dump = join(dir, `legacy-${rows}.sql`);
    const generated = await withTicker('generate', (seen) => measure(['generate', '--seed', '1', '--rows', String(rows), '--mode', 'mixed', '--format', 'sql'], env, dump, seen));
    if (generated.exitCode !== 0) return failed(rows, stages, generated);
    stage({ stage: 'generate', command: 'generate', wallS: generated.wallS, peakRssMb: generated.peakRssMb });
    const dumpMb = Math.round((await stat(dump)).size / 1e5) / 10;
    const loaded = await withTicker('load', (seen) => measure(['load', '--pg', 'url', dump], env, undefined, seen));
    if (loaded.exitCode !== 0) return failed(rows, stages, loaded, dumpMb);
    stage({ stage: 'load', command: 'load', wallS: loaded.wallS, peakRssMb: loaded.peakRssMb });
    const json = join(dir, 'check.json');
    const checked = await withTicker('check (load, Phase 0, backfill, round trip, constraints, drift)', (seen) =>
      measure(['check', '--pg', 'url', '--json', '--report-dir', join(dir, 'reports'), dump], env, json, seen),
    );
    // check exits 1 on a FAIL and still prints its JSON; anything else is an error.
    if (checked.exitCode !== 0 && checked.exitCode !== 1) return failed(rows, stages, checked, dumpMb);
    const result = JSON.parse(await readFile(json, 'utf8')) as { passed: boolean; stageMs: Record<string, number> };
    for (const [key, name] of CHECK_PARTS) {
      const ms = result.stageMs[key];
      if (ms !== undefined) stage({ stage: name, command: 'check', wallS: Math.round(ms / 100) / 10, peakRssMb: checked.peakRssMb });
    }
    stage({ stage: 'check (whole command)', command: 'check', wallS: checked.wallS, peakRssMb: checked.peakRssMb });
    return { rows, dumpMb, stages, checkOverLoad: Math.round((checked.wallS / loaded.wallS) * 100) / 100, verdict: result.passed ? 'PASS' : 'FAIL' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function failed(rows: number, stages: RehearsalStage[], c: CommandMemory, dumpMb = 0): RehearsalFigures {
  return { rows, dumpMb, stages, checkOverLoad: Number.NaN, verdict: 'ERROR', error: `${c.command} exit ${c.exitCode}: ${c.error ?? ''}` };
}

function stageLine(s: RehearsalStage, rows: number): string {
  return `${s.stage.padEnd(24)} ${rows.toLocaleString('en')} rows  ${s.wallS.toFixed(1).padStart(7)} s  peak RSS ${String(s.peakRssMb).padStart(5)} MB (${s.command})  ${s.rowsPerS.toLocaleString('en')} rows/s`;
}

/**
 * On a TTY, a line redrawn every second while `run` goes (stderr): elapsed time, and a bar of the
 * command's last reported progress (`HV_PROGRESS` lines it writes on stderr, fed to `seen`). Nothing
 * otherwise: the caller prints one line per stage.
 */
async function withTicker<T>(what: string, run: (seen: (stderr: string) => void) => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return run(() => undefined);
  const started = performance.now();
  let progress = '';
  const seen = (text: string) => {
    for (const [, stage, done, total] of text.matchAll(PROGRESS_LINE)) progress = ` ${stage} ${bar(Number(done), Number(total), 24)} rows`;
  };
  const draw = () => process.stderr.write(`\r\x1b[2K${what}${progress} … ${((performance.now() - started) / 1000).toFixed(0)} s`);
  draw();
  const timer = setInterval(draw, 1000);
  try {
    return await run(seen);
  } finally {
    clearInterval(timer);
    process.stderr.write('\r\x1b[2K');
  }
}

/** The rehearsal section of bench.md. */
export function rehearsalMd(r: RehearsalFigures, when: string): string[] {
  return [
    '## Rehearsal',
    '',
    `\`npm run bench -- --rehearsal --rows ${r.rows}\`, ${when}: a \`generate --mode mixed --format sql\` dump of ${r.rows.toLocaleString('en')} legacy rows (${r.dumpMb} MB), loaded by \`load\`, then \`check\` of it — each a child process of the real CLI against the bench server (Postgres not counted). The parts of \`check\` share its process, so their peak is the whole check's. Verdict of the check: **${r.verdict}**.${r.error ? ` Stopped: ${r.error.split('\n').slice(-3).join(' ')}` : ''}`,
    '',
    '| stage | process | wall | peak RSS | rows/s |',
    '| --- | --- | ---: | ---: | ---: |',
    ...r.stages.map((s) => `| ${s.stage} | ${s.command} | ${s.wallS} s | ${s.peakRssMb} MB | ${s.rowsPerS.toLocaleString('en')} |`),
    '',
    Number.isFinite(r.checkOverLoad)
      ? `The whole \`check\` takes **${r.checkOverLoad}×** the raw load of the same rows (the \`load\` stage: the CLI parsing and inserting the dump into a fresh database, process start-up included in both).`
      : 'The check did not complete: no ratio to the raw load.',
  ];
}

/** `md` with its `## Rehearsal` section replaced by `section` (or `section` appended). */
export function withSection(md: string, section: string[]): string {
  const lines = md.length ? md.replace(/\n$/, '').split('\n') : [];
  const start = lines.indexOf('## Rehearsal');
  if (start < 0) return `${[...lines, ...(lines.length ? [''] : []), ...section].join('\n')}\n`;
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  return `${[...lines.slice(0, start), ...section, ...(end < lines.length ? ['', ...lines.slice(end)] : [])].join('\n')}\n`;
}

/** The `## Rehearsal` section of `md`, if any (a full bench run carries it over). */
export function sectionOf(md: string): string[] | undefined {
  const lines = md.replace(/\n$/, '').split('\n');
  const start = lines.indexOf('## Rehearsal');
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const section = lines.slice(start, end < 0 ? lines.length : end);
  while (section.at(-1) === '') section.pop();
  return section;
}
