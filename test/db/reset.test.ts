import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { resetDatabase } from '../../src/db/reset.ts';
import type { StartedPostgres } from '../../src/db/types.ts';

const UID = '0b7f3f0e-8a59-4d6e-9c43-2f1f6a3c9d11';

describe('resetDatabase', () => {
  let pg: StartedPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    pg = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await pg.createDatabase('reset')).uri);
  });
  afterAll(async () => {
    await client?.end();
    await pg?.close();
  });

  const fill = async () => {
    await client.query('INSERT INTO auth.users (id, email) VALUES ($1, $2)', [UID, 'p@example.com']);
    const { rows } = await client.query("INSERT INTO habit_tracker (user_id, child_name, week_start_date) VALUES ($1, '서연', '2025-10-13') RETURNING id", [UID]);
    return rows[0].id as string;
  };
  const count = async (table: string) => (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it('empties public and auth tables and restarts identities', async () => {
    const first = await fill();
    await resetDatabase(client);
    expect(await count('habit_tracker')).toBe(0);
    expect(await count('auth.users')).toBe(0);
    expect(await fill()).toBe(first);
  });

  it('copes with schema changes: a dropped table re-reads the list; refresh picks up new tables', async () => {
    await client.query('CREATE TABLE phase_extra (id bigserial PRIMARY KEY, v text)');
    await resetDatabase(client, { refresh: true });
    await client.query("INSERT INTO phase_extra (v) VALUES ('x')");
    await resetDatabase(client);
    expect(await count('phase_extra')).toBe(0);

    await client.query('DROP TABLE phase_extra');
    await fill();
    await resetDatabase(client); // cached list still names phase_extra: 42P01, re-read, retry
    expect(await count('habit_tracker')).toBe(0);
  });
});
