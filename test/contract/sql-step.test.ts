/**
 * sqlStepsIn: a step from its files (`<name>.up.sql`, `.down.sql`) or from its family's template, the
 * files it came from, our implementation's sql/ folders holding nothing but what its steps read, and
 * psql (Debian's postgresql-client, installed by .ci/run) filling a template as the loader does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHASE_IDS } from '../../src/contract/phase.ts';
import { sqlSourceOf, sqlStepsIn } from '../../src/contract/sql-step.ts';
import { SqlTemplateError } from '../../src/contract/psql-variables.ts';
import { ourMigration } from '../../src/migration/implementation.ts';
import { PROJECT_ROOT } from '../../src/db/project-paths.ts';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import type { StartedPostgres } from '../../src/db/types.ts';

const run = promisify(execFile);

let dir: string;
let step: ReturnType<typeof sqlStepsIn>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hv-sql-step-'));
  await writeFile(path.join(dir, 'make-t.up.sql'), '\n  CREATE TABLE t (a int);\n');
  await writeFile(path.join(dir, 'make-t.down.sql'), 'DROP TABLE t;\n');
  await writeFile(path.join(dir, 'only-up.up.sql'), 'SELECT 1');
  await writeFile(path.join(dir, 'enable.template.up.sql'), 'ALTER TABLE public.:table ENABLE ROW LEVEL SECURITY;\n');
  await writeFile(path.join(dir, 'enable.template.down.sql'), 'ALTER TABLE public.:table DISABLE ROW LEVEL SECURITY;\n');
  step = sqlStepsIn(pathToFileURL(`${dir}/`));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sqlStepsIn', () => {
  it('reads up and down as they are, but the final newline', () => {
    const s = step('make-t', { why: 'a table' });
    expect(s).toEqual({ name: 'make-t', why: 'a table', up: '\n  CREATE TABLE t (a int);', down: 'DROP TABLE t;' });
    expect(sqlSourceOf(s)).toEqual({ up: { path: path.join(dir, 'make-t.up.sql') }, down: { path: path.join(dir, 'make-t.down.sql') } });
  });

  it('no down file: no down; the executor options are kept', () => {
    const s = step('only-up', { why: 'w', transactional: false, concurrentIndex: 'idx', stage: 'later' });
    expect(s).toEqual({ name: 'only-up', why: 'w', up: 'SELECT 1', transactional: false, concurrentIndex: 'idx', stage: 'later' });
    expect('down' in s).toBe(false);
  });

  it('a family step renders its template with psql variables', () => {
    const s = step('enable-weeks', { why: 'w', template: { family: 'enable', vars: { table: 'weeks' } } });
    expect(s.up).toBe('ALTER TABLE public.weeks ENABLE ROW LEVEL SECURITY;');
    expect(s.down).toBe('ALTER TABLE public.weeks DISABLE ROW LEVEL SECURITY;');
    expect(sqlSourceOf(s)?.up).toEqual({ path: path.join(dir, 'enable.template.up.sql'), vars: { table: 'weeks' } });
  });

  it('a missing up file, a value the template does not use: errors naming the step and file', () => {
    expect(() => step('nope', { why: 'w' })).toThrow(SqlTemplateError);
    expect(() => step('nope', { why: 'w' })).toThrow(/step nope: .*nope\.up\.sql does not exist/);
    expect(() => step('e', { why: 'w', template: { family: 'enable', vars: { table: 't', extra: 'x' } } })).toThrow(/step e: the template enable\.template has no :extra/);
  });

  it('a rebuilt step (a broken variant) is no longer the file\'s', () => {
    const s = step('make-t', { why: 'a table' });
    expect(sqlSourceOf({ ...s, up: 'SELECT 2' })).toBeUndefined();
  });
});

describe("our implementation's SQL files", () => {
  const steps = PHASE_IDS.flatMap((id) => [...ourMigration.phases[id].steps, ...ourMigration.phases[id].completeSteps]);

  it('every step of every phase comes from its files', () => {
    expect(steps.filter((s) => !sqlSourceOf(s)).map((s) => s.name)).toEqual([]);
  });

  it('every .sql file under a phase\'s sql/ is read by a step (none is left behind)', async () => {
    const read = new Set(steps.flatMap((s) => { const src = sqlSourceOf(s)!; return [src.up.path, ...(src.down ? [src.down.path] : [])]; }));
    const onDisk: string[] = [];
    for (const id of PHASE_IDS) {
      const sqlDir = path.join(PROJECT_ROOT, 'src/migration', id, 'sql');
      onDisk.push(...(await readdir(sqlDir)).map((f) => path.join(sqlDir, f)));
    }
    expect(onDisk.filter((f) => !read.has(f))).toEqual([]);
    expect(onDisk.length).toBe(read.size);
  });
});

describe('psql fills a template as sqlStepsIn does', () => {
  let server: StartedPostgres;
  let uri: string;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    uri = (await server.createDatabase('sql_step_psql')).uri;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('every family step: `psql -v name=value -f <template>` sends the step\'s SQL', async () => {
    const family = PHASE_IDS.flatMap((id) => [...ourMigration.phases[id].steps]).filter((s) => sqlSourceOf(s)?.up.vars);
    expect(family.length).toBeGreaterThanOrEqual(30);
    const cases = family.flatMap((s) => {
      const src = sqlSourceOf(s)!;
      return [{ step: s.name, file: src.up, sql: s.up }, ...(src.down ? [{ step: s.name, file: src.down, sql: s.down! }] : [])];
    });
    // One psql session: each template with its values set (\set is -v's meta-command), then a marker.
    // --echo-queries prints what psql sends; the statement itself fails or does nothing on this database
    // (it has no new tables), which is all the same for what was sent.
    const script = cases
      .map((c) => [...Object.entries(c.file.vars!).map(([k, v]) => `\\set ${k} '${v}'`), `\\i ${c.file.path}`, '\\echo ----'].join('\n'))
      .join('\n');
    const child = run('psql', ['-X', '-q', '--echo-queries', uri]);
    child.child.stdin!.end(`${script}\n`);
    const { stdout } = await child.catch((e: { stdout: string }) => e);
    const sent = stdout.split('----\n').slice(0, -1).map((t) => t.trim());
    expect(sent).toEqual(cases.map((c) => c.sql.trim()));
  });
});
