import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import { measureAccess, type AccessEntry } from '../../src/check/access.ts';
import type { StartedPostgres } from '../../src/db/types.ts';

const OWNER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

describe('measureAccess', () => {
  let pg: StartedPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    pg = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await pg.createDatabase('access')).uri);
    await client.query(`
      CREATE TABLE guarded (id int PRIMARY KEY, user_id uuid, note text);
      ALTER TABLE guarded ENABLE ROW LEVEL SECURITY;
      CREATE POLICY own ON guarded USING (user_id = auth.uid());
      CREATE TABLE open_table (id int PRIMARY KEY, note text);
      CREATE TABLE inbox (id int PRIMARY KEY, user_id uuid, is_read boolean);
      REVOKE ALL ON guarded, open_table, inbox FROM anon, authenticated, service_role;
      GRANT SELECT, UPDATE, DELETE ON guarded TO authenticated;
      GRANT SELECT, DELETE ON open_table TO authenticated;
      GRANT UPDATE (is_read) ON inbox TO authenticated;
      INSERT INTO guarded VALUES (1, '${OWNER}', 'a'), (2, '${OWNER}', 'b'), (3, '${OTHER}', 'c');
      INSERT INTO open_table VALUES (1, 'x'), (2, 'y');
      CREATE FUNCTION pinned() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$ SELECT 1 $$;
      CREATE FUNCTION loose() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
      REVOKE EXECUTE ON FUNCTION pinned() FROM PUBLIC;`);
  });
  afterAll(async () => {
    await client?.end();
    await pg?.close();
  });

  const find = (entries: AccessEntry[], role: string, object: string, operation: string) =>
    entries.find((e) => e.role === role && e.object === object && e.operation === operation);

  it('measures privileges per role, rows per attempt, column grants, and definers', async () => {
    const { entries, definers } = await measureAccess(client, { owner: OWNER });
    expect(find(entries, 'owner', 'guarded', 'SELECT')).toMatchObject({ allowed: true, rows: 2 });
    expect(find(entries, 'owner', 'guarded', 'DELETE')).toMatchObject({ allowed: true, rows: 2 });
    expect(find(entries, 'stranger', 'guarded', 'UPDATE')).toMatchObject({ allowed: true, rows: 0 });
    expect(find(entries, 'anon', 'guarded', 'SELECT')).toMatchObject({ allowed: false });
    expect(find(entries, 'anon', 'guarded', 'SELECT')?.rows).toBeUndefined();
    expect(find(entries, 'stranger', 'open_table', 'DELETE')).toMatchObject({ allowed: true, rows: 2 });
    expect(find(entries, 'stranger', 'inbox', 'UPDATE')).toMatchObject({ allowed: true, columns: ['is_read'], rows: 0 });
    expect(find(entries, 'stranger', 'inbox', 'SELECT')).toMatchObject({ allowed: false });
    expect(find(entries, 'anon', 'pinned()', 'EXECUTE')).toMatchObject({ allowed: false });
    expect(find(entries, 'anon', 'loose()', 'EXECUTE')).toMatchObject({ allowed: true }); // PUBLIC's default
    expect(definers).toEqual([
      { signature: 'loose()', searchPath: null },
      { signature: 'pinned()', searchPath: '""' },
    ]);
  });

  it('leaves nothing behind: every attempt is rolled back', async () => {
    await measureAccess(client, { owner: OWNER });
    const { rows } = await client.query<{ g: number; o: number }>('SELECT (SELECT count(*)::int FROM guarded) AS g, (SELECT count(*)::int FROM open_table) AS o');
    expect(rows[0]).toEqual({ g: 3, o: 2 });
  });
});
