/**
 * renderPhaseSources: each step as the executor runs it, attributed to the file its SQL lives in — the
 * step's own .sql file read from disk, a family's template once per instance — with `SET lock_timeout`
 * on line 0, so a finding's line is the line in that file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchStep } from '../../src/defects/transform.ts';
import { lintProject } from '../../src/lint/lint.ts';
import { renderPhaseSources } from '../../src/lint/phase-sources.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { PROJECT_ROOT } from './helpers.ts';

const sources = renderPhaseSources(ourMigration, PROJECT_ROOT);

describe('renderPhaseSources', () => {
  it("a step's own file: its path under the project, its text as on disk after the executor's SET", () => {
    const s = sources.find((x) => x.file === 'src/migration/phase-3/sql/drop-legacy.up.sql')!;
    expect(s.firstLine).toBe(0);
    expect(s.content).toBe(`SET lock_timeout = 200; -- as src/contract/executor.ts runs every step\n${readFileSync(path.join(PROJECT_ROOT, s.file), 'utf8')}`);
    expect(sources.find((x) => x.file === 'src/migration/phase-0/sql/create-children.up.sql')!.content).toMatch(/^SET lock_timeout = 2000;/);
  });

  it("a family's template: one source per instance, under the template's path", () => {
    const instances = sources.filter((x) => x.file === 'src/migration/phase-2/sql/validate-constraint.template.up.sql');
    expect(instances).toHaveLength(14);
    expect(instances[0]!.content.split('\n')[1]).toBe('ALTER TABLE public.children VALIDATE CONSTRAINT children_user_id_fkey;');
    expect(sources.some((x) => /:table|:index/.test(x.content))).toBe(false);
  });

  it('a rebuilt step (a broken variant) is linted as the SQL it runs, under a virtual path', () => {
    const broken = patchStep('t', ourMigration, 'phase-3', 'drop-legacy', 'up', [['RESTRICT;', 'CASCADE;']], 'completeSteps');
    const s = renderPhaseSources(broken, PROJECT_ROOT).find((x) => x.file.endsWith('drop-legacy.up.sql'))!;
    expect(s.file).toBe('src/migration/phase-3/drop-legacy.up.sql');
    expect(s.content).toContain('DROP TABLE public.habit_tracker_old CASCADE;');
  });

  it('a finding points at the line of the statement in the real file; templates are not linted raw', async () => {
    const result = await lintProject(PROJECT_ROOT, { extraSources: sources });
    const file = 'src/migration/phase-3/sql/drop-legacy.up.sql';
    const line = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n').indexOf('    DROP TABLE public.habit_tracker_old RESTRICT;') + 1;
    expect(result.findings).toContainEqual(expect.objectContaining({ file, line, rule: 'ban-drop-table' }));
    expect(result.findings.filter((f) => f.rule === 'syntax-error')).toEqual([]);
    expect(result.files).toContain('src/migration/phase-0/sql/index.template.up.sql');
    expect(new Set(result.files).size).toBe(result.files.length);
  });
});
