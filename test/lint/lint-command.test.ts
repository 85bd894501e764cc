/**
 * `habit-verify lint`: output formats and exit codes (0 clean, 1 error findings, 2 bad file / usage,
 * 3 squawk cannot run), and `--project` over src/migration/**.sql.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCommand } from '../../src/cli/commands/lint.ts';
import { lintProject } from '../../src/lint/lint.ts';
import { PLAN_PATH, PLAN_PRESENT, PROJECT_ROOT } from './helpers.ts';

let dir: string;
const file = (name: string): string => path.join(dir, name);
const args = (files: string[], more: Partial<{ project: boolean; json: boolean; root: string }> = {}) => ({
  files,
  project: false,
  json: false,
  root: dir,
  ...more,
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hv-lint-cmd-'));
  await writeFile(file('safe.sql'), 'SELECT 1;\n');
  await writeFile(file('unsafe.sql'), 'SELECT 1;\nVACUUM FULL;\n');
  await writeFile(file('notes.txt'), 'VACUUM FULL;\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lintCommand', () => {
  it('--json prints exactly { findings: [{ rule, severity, file, line, message, source }] }', async () => {
    const { output, exitCode } = await lintCommand(args([file('unsafe.sql')], { json: true }));
    expect(exitCode).toBe(1);
    const parsed = JSON.parse(output) as { findings: Array<Record<string, unknown>> };
    expect(Object.keys(parsed)).toEqual(['findings']);
    expect(parsed.findings.length).toBeGreaterThan(0);
    for (const f of parsed.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'file', 'line', 'message', 'source']);
      expect(f).toEqual({
        rule: expect.any(String),
        severity: expect.stringMatching(/^(error|warning|info)$/),
        file: file('unsafe.sql'),
        line: expect.any(Number),
        message: expect.any(String),
        source: expect.stringMatching(/^(squawk|ours)$/),
      });
    }
    expect(parsed.findings).toContainEqual(expect.objectContaining({ rule: 'vacuum-full', severity: 'error', line: 2, source: 'ours' }));
  });

  it('text: one `file:line severity rule message [source]` line per finding, then a summary', async () => {
    const { output, exitCode } = await lintCommand(args([file('unsafe.sql')]));
    expect(exitCode).toBe(1);
    const lines = output.trimEnd().split('\n');
    expect(output.endsWith('\n')).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(file('unsafe.sql'))}:2 error vacuum-full VACUUM FULL .* \\[ours\\]$`)));
    expect(lines[lines.length - 1]).toMatch(/^\d+ findings? \(1 error, \d+ warning, 0 info; .*\) in 1 file$/);
  });

  it('exit 0 when there is no error-severity finding', async () => {
    const { output, exitCode } = await lintCommand(args([file('safe.sql')]));
    expect(exitCode).toBe(0);
    expect(output).toMatch(/0 error/);
  });

  it('exit 2 naming the file when it is missing, or not .sql/.md; exit 2 with nothing to lint', async () => {
    const missing = await lintCommand(args([file('safe.sql'), file('nope.sql')]));
    expect(missing.exitCode).toBe(2);
    expect(missing.output).toContain(file('nope.sql'));
    const unsupported = await lintCommand(args([file('notes.txt')]));
    expect(unsupported.exitCode).toBe(2);
    expect(unsupported.output).toContain('notes.txt');
    const nothing = await lintCommand(args([]));
    expect(nothing.exitCode).toBe(2);
    expect(nothing.output).toMatch(/nothing to lint/);
  });

  it('exit 3 when squawk cannot run', async () => {
    const { output, exitCode } = await lintCommand(args([file('safe.sql')]), { squawk: { binary: file('no-squawk-here') } });
    expect(exitCode).toBe(3);
    expect(output).toMatch(/cannot run squawk/);
  });

  it.runIf(PLAN_PRESENT)('on the plan: exit 1', async () => {
    const { exitCode } = await lintCommand(args([PLAN_PATH], { json: true }));
    expect(exitCode).toBe(1);
  });
});

describe('--project', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'hv-lint-proj-'));
    await mkdir(path.join(root, 'src/migration/phase-0'), { recursive: true });
    await mkdir(path.join(root, 'src/migration/phase-1'), { recursive: true });
    await writeFile(
      path.join(root, 'src/migration/phase-0/schema.sql'),
      'CREATE TABLE IF NOT EXISTS w (id bigint, a bigint, b bigint, CONSTRAINT w_ab UNIQUE (a, b) DEFERRABLE);\n',
    );
    await writeFile(
      path.join(root, 'src/migration/phase-1/sync.sql'),
      'INSERT INTO w (a, b) VALUES (1, 2) ON CONFLICT (a, b) DO NOTHING;\n',
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lints every .sql under src/migration, cross-referencing files (relative paths)', async () => {
    const result = await lintProject(root);
    expect(result.files).toEqual(['src/migration/phase-0/schema.sql', 'src/migration/phase-1/sync.sql']);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ rule: 'on-conflict-deferrable', file: 'src/migration/phase-1/sync.sql', line: 1 }),
    );
    const cmd = await lintCommand({ files: [], project: true, json: false, root });
    expect(cmd.exitCode).toBe(1);
  });

  it('a root without src/migration has nothing to lint and passes', async () => {
    const empty = await lintCommand({ files: [], project: true, json: false, root: dir });
    expect(empty.exitCode).toBe(0);
  });

  it("the project's own SQL has no error-severity finding", async () => {
    const result = await lintProject(PROJECT_ROOT);
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('--project includes the SQL every phase runs, and it has no error-severity finding', async () => {
    const { output, exitCode } = await lintCommand({ files: [], project: true, json: true, root: PROJECT_ROOT });
    const findings = (JSON.parse(output) as { findings: Array<{ file: string; severity: string }> }).findings;
    expect(findings.some((f) => f.file.startsWith('src/migration/phase-0/'))).toBe(true);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(exitCode).toBe(0);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
