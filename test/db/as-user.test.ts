import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { withClaims } from '../../src/db/as-user.ts';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';

const SUB = '6f1c2e4a-3b5d-4c7e-9f80-1a2b3c4d5e6f';

describe('Supabase auth shim and withClaims', () => {
  let pg: StartedPostgres;
  let client: pg.Client;
  beforeAll(async () => {
    pg = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await pg.createDatabase('shim')).uri);
  });
  afterAll(async () => {
    await client?.end();
    await pg?.close();
  });

  it('has the API roles with Supabase attributes (INHERIT since supabase/postgres 20230529180330)', async () => {
    const { rows } = await client.query(
      `SELECT rolname, rolcanlogin, rolinherit, rolbypassrls FROM pg_roles
        WHERE rolname IN ('anon', 'authenticated', 'service_role') ORDER BY rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolcanlogin: false, rolinherit: true, rolbypassrls: false },
      { rolname: 'authenticated', rolcanlogin: false, rolinherit: true, rolbypassrls: false },
      { rolname: 'service_role', rolcanlogin: false, rolinherit: true, rolbypassrls: true },
    ]);
  });

  it('auth.uid(), auth.jwt() and auth.role() read the claims set by withClaims, as the given role', async () => {
    const claims = { sub: SUB, role: 'authenticated', email: 'a@example.com' };
    const row = await withClaims(client, claims, 'authenticated', async (c) => {
      const { rows } = await c.query('SELECT auth.uid() AS uid, auth.jwt() AS jwt, auth.role() AS role, current_user AS who');
      return rows[0];
    });
    expect(row).toEqual({ uid: SUB, jwt: claims, role: 'authenticated', who: 'authenticated' });
    // transaction-local: nothing leaks out of the block
    const { rows } = await client.query('SELECT auth.uid() AS uid, current_user AS who');
    expect(rows[0]).toEqual({ uid: null, who: expect.not.stringMatching(/^authenticated$/) });
  });

  it('null claims: anon sees no uid; the API roles can read habit_tracker (RLS decides rows)', async () => {
    const row = await withClaims(client, null, 'anon', async (c) => {
      const { rows } = await c.query('SELECT auth.uid() AS uid, auth.jwt() AS jwt, (SELECT count(*) FROM habit_tracker)::int AS n');
      return rows[0];
    });
    expect(row).toEqual({ uid: null, jwt: null, n: 0 });
  });

  it('rolls back and rethrows when the block fails', async () => {
    await expect(
      withClaims(client, { sub: SUB }, 'service_role', async (c) => {
        await c.query("INSERT INTO habit_tracker (user_id, child_name, week_start_date) VALUES ($1, '하준', '2025-10-13')", [SUB]);
        throw new Error('case failed');
      }),
    ).rejects.toThrow('case failed');
    const { rows } = await client.query('SELECT count(*)::int AS n FROM habit_tracker');
    expect(rows[0].n).toBe(0);
  });
});
