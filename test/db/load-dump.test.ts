/**
 * Generated dumps load into real Postgres and come back value for value — through .sql (executed
 * statement by statement) and .json (jsonb_to_recordset) alike; a bad dump loads nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { attachPostgres } from '../../src/db/start-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import { loadDump } from '../../src/db/load-dump.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { toJson, toSql } from '../../src/generate/serialize.ts';
import { readLegacyRows } from '../../src/check/read-state.ts';
import { canonicalTimestamp } from '../../src/check/canonical.ts';
import { jsonEqual } from '../../src/check/round-trip.ts';
import type { LegacyDataset } from '../../src/generate/dataset.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { InputError } from '../../src/generate/input-error.ts';

let server: StartedPostgres;
let client: pg.Client;
let dir: string;

beforeAll(async () => {
  server = await attachPostgres(inject('pgAdminUri'));
  client = await connect((await server.createDatabase('load_dump')).uri);
  dir = await mkdtemp(join(tmpdir(), 'hv-dump-'));
});
afterAll(async () => {
  await client?.end();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function roundTrip(dataset: LegacyDataset, format: 'sql' | 'json'): Promise<void> {
  await resetDatabase(client);
  const file = join(dir, `d.${format}`);
  await writeFile(file, format === 'sql' ? toSql(dataset) : toJson(dataset));
  const counts = await loadDump(client, file);
  expect(counts).toMatchObject({ users: dataset.users.length, legacyRows: dataset.rows.length });
  const stored = await readLegacyRows(client);
  const byId = [...dataset.rows].sort((a, b) => a.id - b.id);
  for (const [i, row] of byId.entries()) {
    const back = stored[i]!;
    expect(back.id).toBe(row.id);
    for (const k of ['user_id', 'child_name', 'week_period', 'week_start_date', 'theme', 'reward'] as const) expect(back[k]).toBe(row[k]);
    expect(jsonEqual(back.habits, row.habits ?? null)).toBe(true);
    expect(jsonEqual(back.reflection, row.reflection ?? null)).toBe(true);
    expect(back.created_at).toBe(canonicalTimestamp(row.created_at));
  }
  // JSON null and SQL NULL stay apart
  const { rows } = await client.query<{ id: string; habits_sql_null: boolean }>('SELECT id::text, habits IS NULL AS habits_sql_null FROM habit_tracker t ORDER BY t.id');
  for (const [i, row] of byId.entries()) {
    if (row.habits === null) expect(rows[i]!.habits_sql_null).toBe(!(row.json_null_columns ?? []).includes('habits'));
  }
}

describe('loading generated dumps', () => {
  test.each([1, 2, 3, 4, 5])('adversarial seed %i round-trips through .sql and .json', async (seed) => {
    const dataset = sampleDataset({ seed, rows: 40, mode: 'adversarial' });
    await roundTrip(dataset, 'sql');
    await roundTrip(dataset, 'json');
  });

  test('a failing statement names file and line, and nothing is loaded', async () => {
    await resetDatabase(client);
    const file = join(dir, 'bad.sql');
    const good = toSql(sampleDataset({ seed: 9, rows: 3, mode: 'realistic' }));
    await writeFile(file, `${good}\nINSERT INTO habit_tracker (child_name, week_start_date) VALUES ('x', '2025-02-30');\n`);
    const err = await loadDump(client, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location).toMatch(/^line \d+$/);
    expect((err as Error).message).toContain('22008');
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM habit_tracker');
    expect(rows[0]!.n).toBe(0);
  });
});

async function loadError(name: string, text: string): Promise<InputError> {
  await resetDatabase(client);
  const file = join(dir, name);
  await writeFile(file, text);
  const err = await loadDump(client, file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  const { rows } = await client.query<{ n: number }>('SELECT (SELECT count(*) FROM habit_tracker) + (SELECT count(*) FROM auth.users) AS n');
  expect(Number(rows[0]!.n), 'nothing loaded').toBe(0);
  return err as InputError;
}

describe('an empty dump exits 2 whatever its format', () => {
  test.each([
    ['empty.sql', ''],
    ['comments.sql', '-- only a comment\n/* and a block */\n\n'],
    ['transaction-only.sql', 'BEGIN;\nCOMMIT;\n'],
    ['empty.json', ''],
    ['blank.json', '  \n\t\n'],
    ['no-rows.json', '{ "users": [], "rows": [] }'],
    ['users-only.json', '{ "users": [{ "id": "11111111-1111-4111-8111-111111111111", "email": "a@x" }], "rows": [] }'],
    ['users-only.sql', "INSERT INTO auth.users (id, email) VALUES ('11111111-1111-4111-8111-111111111111', 'a@x');\n"],
  ])('%s', async (name, text) => {
    const err = await loadError(name, text);
    expect(err.location).toBe('file');
    expect(err.reason).toMatch(/^(empty: no (SQL statement|JSON document)|no habit_tracker row)/);
    expect(err.hint).toMatch(/pg_dump --data-only/);
  });
});

const ROW = "INSERT INTO public.habit_tracker (id, child_name, week_start_date) VALUES (1, 'a', '2025-10-13');\n";

describe('pg_dump output', () => {
  test('its header, settings, \\restrict fence, set_config and setval load; settings end with the load', async () => {
    await resetDatabase(client);
    const file = join(dir, 'pg-dump-style.sql');
    await writeFile(
      file,
      [
        '--\n-- PostgreSQL database dump\n--\n',
        '\\restrict AbC123xyz\n',
        'SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET idle_in_transaction_session_timeout = 0;\nSET transaction_timeout = 0;',
        "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;",
        "SELECT pg_catalog.set_config('search_path', '', false);",
        'SET check_function_bodies = false;\nSET xmloption = content;\nSET client_min_messages = warning;\nSET row_security = off;',
        "INSERT INTO public.habit_tracker VALUES (1, NULL, 'x''y', NULL, '2024-01-08', NULL, 'null', NULL, E'\\\\t', '2024-01-08 00:00:00+00', '2024-01-08 00:00:00+00');",
        "INSERT INTO public.habit_tracker (id, child_name, week_start_date, habits) VALUES\n\t(2, '서연', '2024-01-15', '[]'),\n\t(3, 'a;b', '2024-01-22', '{\"k\": \"--\"}');",
        "INSERT INTO auth.users (instance_id, id, aud, email, is_sso_user) VALUES (NULL, '11111111-1111-4111-8111-111111111111', 'authenticated', 'a@x', false);",
        "SELECT pg_catalog.setval('public.habit_tracker_id_seq', 3, true);",
        '\\unrestrict AbC123xyz\n',
      ].join('\n'),
    );
    const counts = await loadDump(client, file);
    expect(counts).toMatchObject({ users: 1, legacyRows: 3, ignoredUserColumns: ['instance_id', 'aud', 'is_sso_user'] });
    const { rows } = await client.query<{ reward: string; name: string; path: string }>(
      "SELECT (SELECT reward FROM habit_tracker WHERE id = 1) AS reward, (SELECT child_name FROM habit_tracker WHERE id = 3) AS name, current_setting('search_path') AS path",
    );
    expect(rows[0]).toEqual({ reward: '\\t', name: 'a;b', path: expect.stringContaining('public') });
  });

  test.each([
    ['another table', `${ROW}INSERT INTO public.other VALUES (1);\n`, /only INSERT INTO auth.users or public.habit_tracker/],
    ['DDL', `${ROW}CREATE TABLE x (a int);\n`, /statement not allowed/],
    ['DROP', `${ROW}DROP TABLE public.habit_tracker;\n`, /statement not allowed/],
    ['COPY', `${ROW}COPY public.habit_tracker (id) FROM stdin;\n1\n\\.\n`, /COPY is not supported/],
    ['a function call in VALUES', "INSERT INTO public.habit_tracker (id, child_name, week_start_date) VALUES (1, pg_terminate_backend(1)::text, '2025-10-13');\n", /only literal values.*pg_terminate_backend/],
    ['a subquery in VALUES', "INSERT INTO public.habit_tracker (id, child_name, week_start_date) VALUES (1, (SELECT 'x'), '2025-10-13');\n", /only literal values/],
    ['setval of another sequence', `${ROW}SELECT pg_catalog.setval('auth.refresh_tokens_id_seq', 3, true);\n`, /setval only of habit_tracker/],
    ['a function beside setval', `${ROW}SELECT setval('public.habit_tracker_id_seq', 3), pg_sleep(1);\n`, /statement not allowed/],
    ['SET ROLE', `${ROW}SET role = postgres;\n`, /only the session settings pg_dump writes/],
    ['another meta-command', `${ROW}\\connect other\n`, /psql meta-command not allowed/],
    ['auth.users without column names and 35 values', `${ROW}INSERT INTO auth.users VALUES (${Array(35).fill('NULL').join(', ')});\n`, /without column names has 35 values/],
    ['an unterminated string', `${ROW}INSERT INTO public.habit_tracker (id, child_name, week_start_date) VALUES (2, 'oops, '2025-10-13');\n`, /unterminated quoted string/],
  ])('refuses %s, naming the line, loading nothing', async (_, text, reason) => {
    const err = await loadError('refused.sql', text);
    expect(err.location).toMatch(/^line \d+$/);
    expect(err.reason).toMatch(reason);
  });
});

describe('.json read as a stream', () => {
  const user = '{ "id": "11111111-1111-4111-8111-111111111111", "email": "a@x" }';
  const row = (id: number) =>
    `{ "id": ${id}, "user_id": null, "child_name": "a", "week_period": null, "week_start_date": "2025-10-13", "theme": null, "habits": [], "reflection": {}, "reward": null, "created_at": "2025-10-13T00:00:00.000Z", "updated_at": "2025-10-13T00:00:00.000Z" }`;
  test.each([
    ['a syntax error, at its line and column', `{\n  "users": [],\n  "rows": [\n    ${row(1)},\n    { "id": 2,, }\n  ]\n}`, /^line 5, column \d+$/, /not valid JSON/],
    ['a missing comma between rows', `{ "users": [], "rows": [\n${row(1)}\n${row(2)}] }`, /^line 3, column 1$/, /Expected ',' or '\]'/],
    ['a duplicate row id', `{ "users": [], "rows": [${row(1)}, ${row(1)}] }`, /^rows\[1\] \(id 1\)\.id$/, /duplicate row id 1/],
    ['a duplicate user id', `{ "users": [${user}, ${user}], "rows": [${row(1)}] }`, /^users\[1\]\.id$/, /duplicate user id/],
    ['an anomaly of no row', `{ "users": [], "rows": [${row(1)}], "anomalies": { "7": ["owner_null"] } }`, /^\$\.anomalies\.7$/, /no row has id "7"/],
    ['an unknown top-level key', `{ "users": [], "extra": 1, "rows": [${row(1)}] }`, /^\$\.extra$/, /unknown top-level key/],
    ['a bad column', `{ "users": [], "rows": [${row(1).replace('"2025-10-13",', '"2025-02-30",')}] }`, /^rows\[0\] \(id 1\)\.week_start_date$/, /calendar date/],
  ])('refuses %s, loading nothing', async (_, text, location, reason) => {
    const err = await loadError('bad.json', text);
    expect(err.location).toMatch(location);
    expect(err.reason).toMatch(reason);
  });
});
