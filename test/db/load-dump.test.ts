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
