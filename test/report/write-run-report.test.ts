import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDirName, writeRunReport } from '../../src/report/write-run-report.ts';
import { failingReport, passingReport, SECRET } from './fixtures.ts';

const FILES = ['drift.csv', 'index.html', 'junit.xml', 'properties.csv', 'quarantine.csv', 'run.json', 'summary.md'];

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hv-reports-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('writeRunReport', () => {
  it('writes every file into reports/<runId>/ and points latest at the newest run', async () => {
    const first = await writeRunReport(passingReport(), { reportsRoot: root });
    expect(first.dir).toBe(join(root, passingReport().runId));
    expect((await readdir(first.dir)).sort()).toEqual(FILES);
    expect(first.files.map((f) => basename(f)).sort()).toEqual(FILES);
    expect(await readlink(join(root, 'latest'))).toBe(passingReport().runId);

    const second = await writeRunReport(failingReport(), { reportsRoot: root });
    expect(await readlink(join(root, 'latest'))).toBe(basename(second.dir));
    expect(JSON.parse(await readFile(join(root, 'latest', 'run.json'), 'utf8')).runId).toBe(failingReport().runId);
  });

  it('no connection-string password reaches any written file', async () => {
    const report = failingReport();
    expect(JSON.stringify(report)).toContain(SECRET);
    const { files } = await writeRunReport(report, { reportsRoot: root });
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      expect(text, basename(f)).not.toContain(SECRET);
    }
    const json = JSON.parse(await readFile(join(root, report.runId, 'run.json'), 'utf8'));
    expect(json.results[0].failure.message).toContain('postgres://u:***@h/db');
  });

  it('a run id cannot escape the reports directory', () => {
    expect(runDirName('../../etc')).toBe('__.._etc');
    expect(runDirName('a/b\\c')).toBe('a_b_c');
    expect(runDirName('latest')).toBe('run-latest');
    expect(runDirName('2025-10-13T10-00-00-000-all-7')).toBe('2025-10-13T10-00-00-000-all-7');
  });
});
