import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDirName, writeRunReport } from '../../src/report/write-run-report.ts';
import { emojiQuarantineResult, failingReport, manyStallsResult, passingReport, SECRET } from './fixtures.ts';
import { findAll, parseXml } from './xml-well-formed.ts';
import { parseCsv } from './parse-csv.ts';

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

  it('one count everywhere: cards, gate tables, summary.md, properties.csv, JUnit and run.json agree, gate by gate', async () => {
    const report = failingReport();
    report.results.push(emojiQuarantineResult(), { ...manyStallsResult(), tags: ['rollback', 'phase-0', 'phase-1', 'phase-2'] });
    const { dir } = await writeRunReport(report, { reportsRoot: root });
    const read = (f: string) => readFile(join(dir, f), 'utf8');
    const json = JSON.parse(await read('run.json')) as { results: Array<{ gate: string }>; summary: { counts: { total: number }; gates: Array<{ gate: string; counts: { total: number; passed: number; failed: number } }> } };
    const byGate = Object.fromEntries(json.summary.gates.map((g) => [g.gate, g.counts.total]));
    expect(byGate).toEqual({ 'phase-0': 4, 'phase-2': 1, rollback: 2 });
    expect(json.summary.counts.total).toBe(json.results.length);
    const html = await read('index.html');
    expect(Object.fromEntries([...html.matchAll(/data-gate="([^"]+)" data-verdict="[^"]+" data-total="(\d+)"/g)].map((m) => [m[1], Number(m[2])]))).toEqual(byGate);
    for (const [gate, n] of Object.entries(byGate)) {
      const table = new RegExp(`<table class="properties" data-gate="${gate}">(.*?)</table>`, 's').exec(html)![1]!;
      expect((table.match(/<tr data-property=/g) ?? []).length, gate).toBe(n);
    }
    const junit = findAll(parseXml(await read('junit.xml')), 'testsuite');
    expect(Object.fromEntries(junit.map((s) => [s.attrs.name, Number(s.attrs.tests)]))).toEqual(byGate);
    expect(Object.fromEntries(junit.map((s) => [s.attrs.name, findAll(s, 'testcase').length]))).toEqual(byGate);
    const csv = parseCsv(await read('properties.csv'));
    expect(csv.length).toBe(json.results.length);
    const md = await read('summary.md');
    for (const g of json.summary.gates) expect(md).toContain(`**${g.gate}: `);
    for (const g of json.summary.gates) expect(md).toMatch(new RegExp(`\\*\\*${g.gate}: [^\n]*— ${g.counts.passed} passed, ${g.counts.failed} failed`));
  });

  it('a run id cannot escape the reports directory', () => {
    expect(runDirName('../../etc')).toBe('__.._etc');
    expect(runDirName('a/b\\c')).toBe('a_b_c');
    expect(runDirName('latest')).toBe('run-latest');
    expect(runDirName('2025-10-13T10-00-00-000-all-7')).toBe('2025-10-13T10-00-00-000-all-7');
  });
});
