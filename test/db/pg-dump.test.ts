/**
 * Dumps made by a REAL pg_dump (Debian's postgresql-client, installed by .ci/run) load: a database
 * shaped like Supabase's (auth.users with its many columns) is filled with an adversarial dataset,
 * dumped with --inserts / --column-inserts / --rows-per-insert, and loaded back value for value.
 * What is not data for auth.users and habit_tracker is refused with nothing loaded. pg_dump refuses a
 * server of a newer major than itself, so the server is started at pg_dump's major.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { connect } from '../../src/db/connect.ts';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { loadDump } from '../../src/db/load-dump.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { startPostgres } from '../../src/db/start-postgres.ts';
import type { StartOptions, StartedPostgres } from '../../src/db/types.ts';
import { InputError } from '../../src/generate/input-error.ts';
import { sampleDataset } from '../../src/generate/sample.ts';

const run = promisify(execFile);
const FIXTURES = join(import.meta.dirname, 'fixtures');
const LEGACY_SCHEMA = join(import.meta.dirname, '..', '..', 'src', 'migration', 'legacy', 'schema.sql');

let server: StartedPostgres;
let dumpMajor: number;
let source: { uri: string; client: pg.Client };
let shim: { uri: string; client: pg.Client };
let target: pg.Client;
let dir: string;
let sourceRows: Awaited<ReturnType<typeof readLegacyRows>>;
/** pg_dump dumps only servers of its major or older: without embedded binaries of its major the tests say so and skip. */
let mismatch: string | undefined;

beforeAll(async () => {
  const { stdout } = await run('pg_dump', ['--version']).catch((err: unknown) => {
    throw new Error('pg_dump not found: install it (apt-get install -y postgresql-client; .ci/run does)', { cause: err });
  });
  dumpMajor = Number(/(\d+)\.\d+/.exec(stdout)![1]);
  // The provider's version option (--pg-version): pg_dump dumps servers of its own major or older.
  server = await startPostgres({ provider: 'embedded', version: dumpMajor as StartOptions['version'] });
  if (server.serverVersion > dumpMajor) {
    mismatch = `the embedded provider started PostgreSQL ${server.serverVersion}, pg_dump is ${dumpMajor} (no embedded binaries of that major)`;
    return;
  }
  dir = await mkdtemp(join(tmpdir(), 'hv-pg-dump-'));
  const dataset = sampleDataset({ seed: 4242, rows: 60, mode: 'adversarial' });

  // A plain database shaped like a Supabase project: the real auth.users columns and the legacy table.
  const admin = await connect(server.adminUri);
  await admin.query('DROP DATABASE IF EXISTS hv_pg_dump_source');
  await admin.query('CREATE DATABASE hv_pg_dump_source');
  await admin.end();
  const uri = new URL(server.adminUri);
  uri.pathname = '/hv_pg_dump_source';
  source = { uri: uri.toString(), client: await connect(uri.toString()) };
  await source.client.query(await readFile(join(FIXTURES, 'supabase-auth-users.sql'), 'utf8'));
  await source.client.query(await readFile(LEGACY_SCHEMA, 'utf8'));
  await source.client.query('CREATE TABLE public.other (x int); INSERT INTO public.other VALUES (1)');
  await loadDataset(source.client, dataset);
  await source.client.query(`UPDATE auth.users SET aud = 'authenticated', role = 'authenticated', raw_app_meta_data = '{"provider": "email"}', raw_user_meta_data = '{"name": "엄마"}', email_confirmed_at = '2024-01-02', created_at = '2024-01-01'`);
  sourceRows = await readLegacyRows(source.client);

  // A harness database (auth.users with the harness's 4 columns), as a dump of `load` output would be.
  const db = await server.createDatabase('pg_dump_shim');
  shim = { uri: db.uri, client: await connect(db.uri) };
  await loadDataset(shim.client, dataset);
  target = await connect((await server.createDatabase('pg_dump_target')).uri);
}, 120_000);

afterAll(async () => {
  for (const c of [source?.client, shim?.client, target]) await c?.end();
  if (server) {
    const admin = await connect(server.adminUri);
    await admin.query('DROP DATABASE IF EXISTS hv_pg_dump_source WITH (FORCE)');
    await admin.end();
  }
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function pgDump(uri: string, name: string, args: string[]): Promise<string> {
  const file = join(dir, name);
  await run('pg_dump', [...args, '--file', file, uri]);
  return file;
}

const TABLES = ['-t', 'auth.users', '-t', 'public.habit_tracker'];

async function expectLoaded(file: string, users: number): Promise<void> {
  await resetDatabase(target);
  const counts = await loadDump(target, file);
  expect(counts).toMatchObject({ users, legacyRows: sourceRows.length });
  expect(await readLegacyRows(target)).toEqual(sourceRows);
  const { rows } = await target.query<{ last: string }>("SELECT last_value::text AS last FROM public.habit_tracker_id_seq");
  expect(Number(rows[0]!.last)).toBe(Math.max(...sourceRows.map((r) => r.id)));
}

async function expectRefused(file: string, reason: RegExp): Promise<void> {
  await resetDatabase(target);
  const err = await loadDump(target, file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).location).toMatch(/^line \d+$/);
  expect((err as InputError).reason).toMatch(reason);
  const { rows } = await target.query<{ n: string }>('SELECT (SELECT count(*) FROM habit_tracker) + (SELECT count(*) FROM auth.users) AS n');
  expect(Number(rows[0]!.n), 'nothing loaded').toBe(0);
}

describe('dumps of a real pg_dump', () => {
  beforeEach((ctx) => {
    if (mismatch) ctx.skip(mismatch);
  });

  test('--column-inserts of a Supabase-shaped database: auth.users keeps id and email, the other columns are named as ignored', async () => {
    const file = await pgDump(source.uri, 'column-inserts.sql', ['--data-only', '--column-inserts', ...TABLES]);
    const text = await readFile(file, 'utf8');
    if (/\\restrict /.test(text)) expect(text).toMatch(/\\unrestrict /); // pg_dump 15.14+/16.10+/17.6+
    await expectLoaded(file, (await source.client.query('SELECT 1 FROM auth.users')).rowCount!);
    const counts = await (async () => {
      await resetDatabase(target);
      return loadDump(target, file);
    })();
    expect(counts.ignoredUserColumns).toEqual(expect.arrayContaining(['instance_id', 'aud', 'encrypted_password', 'raw_app_meta_data', 'is_anonymous']));
    expect(counts.ignoredUserColumns).not.toContain('email');
    const { rows } = await target.query<{ n: number }>("SELECT count(*)::int AS n FROM auth.users WHERE raw_user_meta_data = '{\"name\": \"엄마\"}' AND email IS NOT NULL");
    expect(rows[0]!.n).toBe(counts.users);
  });

  test('--column-inserts --rows-per-insert: multi-row inserts', async () => {
    const file = await pgDump(source.uri, 'rows-per-insert.sql', ['--data-only', '--column-inserts', '--rows-per-insert', '7', ...TABLES]);
    await expectLoaded(file, (await source.client.query('SELECT 1 FROM auth.users')).rowCount!);
  });

  test('--inserts (no column names): habit_tracker in table order, and the harness\'s own 4-column auth.users', async () => {
    await expectLoaded(await pgDump(source.uri, 'ht-inserts.sql', ['--data-only', '--inserts', '-t', 'public.habit_tracker']), 0);
    await expectLoaded(await pgDump(shim.uri, 'shim-inserts.sql', ['--data-only', '--inserts', '--rows-per-insert', '5', ...TABLES]), (await shim.client.query('SELECT 1 FROM auth.users')).rowCount!);
  });

  test('--inserts of a Supabase auth.users is refused: without column names, id and email cannot be found', async () => {
    await expectRefused(await pgDump(source.uri, 'inserts.sql', ['--data-only', '--inserts', ...TABLES]), /without column names has \d+ values/);
  });

  test('what is not data for the two tables is refused, nothing loaded', async () => {
    await expectRefused(await pgDump(source.uri, 'other.sql', ['--data-only', '--column-inserts', ...TABLES, '-t', 'public.other']), /only INSERT INTO auth.users or public.habit_tracker/);
    await expectRefused(await pgDump(source.uri, 'copy.sql', ['--data-only', ...TABLES]), /COPY is not supported/);
    await expectRefused(await pgDump(source.uri, 'schema.sql', ['--column-inserts', '-t', 'public.habit_tracker']), /statement not allowed/);
  });
});

