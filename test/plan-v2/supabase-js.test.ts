/**
 * The supabase-js translation (src/plan-v2/supabase-js.ts) against real Postgres: the calls the plan
 * makes answer { data, error, count } as supabase-js does — rows as PostgREST renders them, errors
 * returned and never thrown, one transaction per request.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { attachPostgres } from '../../src/db/attach-postgres.ts';
import { connect } from '../../src/db/connect.ts';
import type { StartedPostgres } from '../../src/db/types.ts';
import { createSupabase } from '../../src/plan-v2/supabase-js.ts';

const U = '0f0f0f0f-0000-4000-8000-0000000000a1';
const CHILD = '11111111-0000-4000-8000-000000000001';
const WEEK = '22222222-0000-4000-8000-000000000001';

describe('supabase-js translation', () => {
  let server: StartedPostgres;
  let db: pg.Client;
  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    db = await connect((await server.createDatabase('supabase_js')).uri);
    // the plan's four tables, cut down to what the calls below need
    await db.query(`
      CREATE TABLE children (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid NOT NULL, name text NOT NULL, created_at timestamptz DEFAULT now());
      CREATE TABLE weeks (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), child_id uuid NOT NULL REFERENCES children(id), week_start_date date NOT NULL,
                          theme text DEFAULT 'none yet', reflection jsonb DEFAULT '{}');
      CREATE TABLE habits (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), week_id uuid NOT NULL REFERENCES weeks(id), name text NOT NULL, display_order int DEFAULT 0);
      CREATE TABLE habit_records (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), habit_id uuid NOT NULL REFERENCES habits(id), record_date date NOT NULL,
                                  status text NOT NULL, UNIQUE (habit_id, record_date));
      INSERT INTO children (id, user_id, name) VALUES ('${CHILD}', '${U}', '하준'), ('11111111-0000-4000-8000-000000000002', '${U}', '서연');
      INSERT INTO weeks (id, child_id, week_start_date) VALUES ('${WEEK}', '${CHILD}', '2025-10-13'), (DEFAULT, '11111111-0000-4000-8000-000000000002', '2025-10-13');
      INSERT INTO habits (id, week_id, name, display_order) VALUES ('33333333-0000-4000-8000-000000000001', '${WEEK}', '양치', 0);
      INSERT INTO habit_records (habit_id, record_date, status) VALUES ('33333333-0000-4000-8000-000000000001', '2025-10-14', 'green');`);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  it('select with eq, gt, order, limit; count with head; rows as PostgREST renders them', async () => {
    const s = createSupabase(db);
    const { data, error } = await s.from('weeks').select('week_start_date, child_id').gt('week_start_date', '2025-01-01').order('child_id').limit(1);
    expect(error).toBeNull();
    expect(data).toEqual([{ week_start_date: '2025-10-13', child_id: CHILD }]);
    expect(await s.from('weeks').select('*', { count: 'exact', head: true })).toEqual({ data: null, count: 2, error: null });
    const { data: child } = await s.from('children').select('created_at').eq('name', '하준').single();
    expect(child.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
    expect(s.requests).toBe(3);
  });

  it('single() on no row or on two rows is an error in the answer, not an exception', async () => {
    const s = createSupabase(db);
    const none = await s.from('children').select('id').eq('name', '없음').single();
    expect(none).toMatchObject({ data: null, error: { code: 'PGRST116', details: 'The result contains 0 rows' } });
    expect((await s.from('weeks').select('id').eq('week_start_date', '2025-10-13').single()).error?.details).toBe('The result contains 2 rows');
  });

  it('a filter value is sent as text: undefined is "undefined", which Postgres refuses for a date', async () => {
    const { error } = await createSupabase(db).from('weeks').select('id').eq('week_start_date', undefined);
    expect(error).toMatchObject({ code: '22007' });
  });

  it('embeds: many-to-one as an object, one-to-many as arrays, !inner filtered on the embed', async () => {
    const { data, error } = await createSupabase(db)
      .from('weeks')
      .select('*, children!inner(*), habits(*, habit_records(*))')
      .eq('children.name', '하준')
      .eq('week_start_date', '2025-10-13')
      .single();
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: WEEK, children: { id: CHILD, name: '하준' }, habits: [{ name: '양치', habit_records: [{ record_date: '2025-10-14', status: 'green' }] }] });
    const { data: others } = await createSupabase(db).from('weeks').select('id, children!inner(name), habits(id)').eq('children.name', '서연');
    expect(others).toHaveLength(1);
    expect(others[0].habits).toEqual([]);
  });

  it('insert: a Date becomes its ISO text; an array takes the union of keys with NULL for a missing one, one object its defaults', async () => {
    const s = createSupabase(db);
    const { error } = await s.from('weeks').insert([
      { child_id: CHILD, week_start_date: new Date(Date.UTC(2025, 9, 20)), theme: '우주' },
      { child_id: CHILD, week_start_date: '2025-10-27' },
    ]);
    expect(error).toBeNull();
    const { data: one } = await s.from('weeks').insert({ child_id: CHILD, week_start_date: '2025-11-03', theme: undefined }).select('theme, reflection').single();
    expect(one).toEqual({ theme: 'none yet', reflection: {} });
    const { rows } = await db.query(`SELECT week_start_date, theme FROM weeks WHERE week_start_date IN ('2025-10-20', '2025-10-27') ORDER BY 1`);
    expect(rows).toEqual([{ week_start_date: '2025-10-20', theme: '우주' }, { week_start_date: '2025-10-27', theme: null }]);
  });

  it('upsert: merge or ignore on onConflict (else the primary key); an unknown column or a conflict target without a unique constraint is an error', async () => {
    const s = createSupabase(db);
    const record = { habit_id: '33333333-0000-4000-8000-000000000001', record_date: '2025-10-14', status: 'red' };
    expect((await s.from('habit_records').upsert({ ...record, status: 'yellow' }, { onConflict: 'habit_id,record_date', ignoreDuplicates: true })).error).toBeNull();
    const { data } = await s.from('habit_records').upsert(record, { onConflict: 'habit_id,record_date' }).select('status').single();
    expect(data).toEqual({ status: 'red' });
    expect((await s.from('children').upsert([{ user_id: U, name: '하준' }], { onConflict: 'name' })).error).toMatchObject({ code: '42P10' });
    expect((await s.from('habit_records').upsert({ ...record, source_version: 'dual_write' }, { onConflict: 'habit_id,record_date' })).error).toMatchObject({ code: '42703' });
    const { data: child } = await s.from('children').upsert({ id: CHILD, user_id: U, name: '하준!' }).select('name').single();
    expect(child).toEqual({ name: '하준!' });
    expect((await db.query('SELECT count(*)::int AS n FROM children')).rows[0].n).toBe(2);
  });

  it('rpc of a function that does not exist answers an error (42883)', async () => {
    expect((await createSupabase(db).rpc('create_backfill_progress_table', { sql: 'SELECT 1' })).error).toMatchObject({ code: '42883' });
  });

  it("inside the caller's transaction a failed request rolls back alone; a response holds at most maxRows rows", async () => {
    await db.query('BEGIN');
    try {
      await db.query(`UPDATE children SET name = '하준 (tx)' WHERE id = $1`, [CHILD]);
      const s = createSupabase(db, { maxRows: 1 });
      expect((await s.from('weeks').insert({ child_id: null, week_start_date: '2025-12-01' })).error).toMatchObject({ code: '23502' });
      expect((await s.from('weeks').select('id')).data).toHaveLength(1);
      expect((await db.query('SELECT name FROM children WHERE id = $1', [CHILD])).rows[0].name).toBe('하준 (tx)');
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
