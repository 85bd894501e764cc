/**
 * hv_drift's two stages on real Postgres: the row hashes (hv_drift_candidates) must send every changed
 * row to the field-by-field report — also the changes a weak hash would miss (days or habits swapped,
 * a duplicated pair an XOR cancels, a record outside its week) — and no unchanged row; a legacy status
 * in another letter case is no change. Sampled, it reports what the full check reports for the rows of
 * the segments it takes, and nothing else.
 */
import type pg from 'pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attachPostgres } from '../../../src/db/attach-postgres.ts';
import { connect } from '../../../src/db/connect.ts';
import { loadDataset } from '../../../src/db/load-dataset.ts';
import type { StartedPostgres } from '../../../src/db/types.ts';
import type { LegacyDataset } from '../../../src/generate/dataset.ts';
import { legacyDatasetArbitrary } from '../../../src/generate/legacy-dataset.ts';
import { ourMigration } from '../../../src/migration/implementation.ts';
import { readDrift } from '../../../src/migration/observation.ts';
import type { DriftRow } from '../../../src/contract/observation.ts';

/** One change to the new schema (or the legacy table) of the row with legacy id $1, and what hv_drift must say. */
interface Change {
  name: string;
  sql: string;
  /** Some drift row of that legacy id matches (undefined: no drift at all). */
  expect?: (d: DriftRow) => boolean;
  /** The legacy ids the change touches, when more than $1 (a query, run before the change). */
  touches?: string;
}

const HABIT = (order: number) => `(SELECT h.id FROM public.habits h JOIN public.weeks w ON w.id = h.week_id WHERE w.legacy_id = $1 AND h.display_order = ${order})`;
const CHANGES: Change[] = [
  { name: 'a status', sql: `UPDATE public.habit_records SET status = CASE status WHEN 'green' THEN 'red' ELSE 'green' END WHERE habit_id = ${HABIT(0)} AND record_date = (SELECT week_start_date FROM public.weeks WHERE legacy_id = $1) + 3`, expect: (d) => d.field === 'habits[0].times[3]' },
  {
    name: 'two days swapped (same statuses, other days)',
    sql: `UPDATE public.habit_records r SET status = CASE WHEN r.record_date = w.week_start_date THEN 'yellow' ELSE 'red' END
            FROM public.weeks w WHERE w.legacy_id = $1 AND r.habit_id = ${HABIT(0)} AND r.record_date IN (w.week_start_date, w.week_start_date + 1);
          UPDATE public.habit_tracker SET habits = jsonb_set(jsonb_set(habits, '{0,times,0}', '"red"'), '{0,times,1}', '"yellow"') WHERE id = $1`,
    expect: (d) => d.field === 'habits[0].times[0]',
  },
  { name: 'two habits swapped', sql: `UPDATE public.habits h SET display_order = 1 - h.display_order FROM public.weeks w WHERE w.id = h.week_id AND w.legacy_id = $1 AND h.display_order IN (0, 1)`, expect: (d) => d.field === 'habits[0].name' },
  {
    name: 'a duplicated pair of habits (cancels in an XOR)',
    sql: `WITH src AS (SELECT * FROM public.habits WHERE id = ${HABIT(0)}),
               a AS (INSERT INTO public.habits (week_id, name, display_order) SELECT week_id, name, display_order FROM src, generate_series(1, 2) RETURNING id)
          INSERT INTO public.habit_records (habit_id, record_date, status) SELECT a.id, r.record_date, r.status FROM a, public.habit_records r WHERE r.habit_id = (SELECT id FROM src)`,
    expect: (d) => d.kind === 'extra_habit',
  },
  { name: 'a dropped record', sql: `DELETE FROM public.habit_records WHERE habit_id = ${HABIT(0)} AND record_date = (SELECT week_start_date FROM public.weeks WHERE legacy_id = $1)`, expect: (d) => d.field === 'habits[0].times[0]' },
  { name: 'a record outside its week', sql: `INSERT INTO public.habit_records (habit_id, record_date, status) SELECT ${HABIT(0)}, week_start_date + 30, 'green' FROM public.weeks WHERE legacy_id = $1`, expect: (d) => d.kind === 'record_outside_week' },
  { name: 'an extra habit', sql: `INSERT INTO public.habits (week_id, name, display_order) SELECT id, 'extra', 99 FROM public.weeks WHERE legacy_id = $1`, expect: (d) => d.kind === 'extra_habit' },
  { name: 'the theme', sql: `UPDATE public.weeks SET theme = coalesce(theme, '') || '!' WHERE legacy_id = $1`, expect: (d) => d.field === 'theme' },
  { name: 'the reward', sql: `UPDATE public.weeks SET reward = NULL WHERE legacy_id = $1; UPDATE public.habit_tracker SET reward = 'x' WHERE id = $1`, expect: (d) => d.field === 'reward' },
  { name: 'the reflection', sql: `UPDATE public.weeks SET reflection = '{"drift": true}' WHERE legacy_id = $1`, expect: (d) => d.field === 'reflection' },
  { name: 'updated_at by a microsecond', sql: `UPDATE public.weeks SET updated_at = updated_at + interval '1 microsecond' WHERE legacy_id = $1`, expect: (d) => d.field === 'updated_at' },
  {
    name: 'the child (all its weeks)',
    sql: `UPDATE public.children SET name = name || '!' WHERE id = (SELECT child_id FROM public.weeks WHERE legacy_id = $1)`,
    expect: (d) => d.field === 'child_name',
    touches: `SELECT legacy_id FROM public.weeks WHERE child_id = (SELECT child_id FROM public.weeks WHERE legacy_id = $1) ORDER BY 1`,
  },
  { name: 'the week deleted', sql: `DELETE FROM public.weeks WHERE legacy_id = $1`, expect: (d) => d.kind === 'missing_in_new' },
  { name: 'quarantined but migrated', sql: `INSERT INTO public.migration_quarantine (legacy_id, reason, original) VALUES ($1, 'owner_null', '{}')`, expect: (d) => d.kind === 'quarantined_but_migrated' },
  { name: 'a legacy status in capitals (the same canonical row)', sql: `UPDATE public.habit_tracker SET habits = jsonb_set(habits, '{0,times,2}', to_jsonb(upper(coalesce(habits #>> '{0,times,2}', 'none')))) WHERE id = $1` },
];

describe('hv_drift: row hashes, then field by field', () => {
  let server: StartedPostgres;
  let client: pg.Client;
  let target: number;

  beforeAll(async () => {
    server = await attachPostgres(inject('pgAdminUri'));
    client = await connect((await server.createDatabase('drift_function')).uri);
    const [dataset] = fc.sample(legacyDatasetArbitrary({ mode: 'realistic', minRows: 40, maxRows: 40 }), { seed: 7, numRuns: 1 }) as [LegacyDataset];
    await loadDataset(client, dataset);
    // ids far apart: one legacy row per 1024-id segment, so that sampling takes some rows and not others
    await client.query('UPDATE public.habit_tracker SET id = id * 1000 + 7');
    await ourMigration.phases['phase-0'].apply(client);
    await ourMigration.backfill.run(client);
    const { rows } = await client.query<{ id: string }>(
      `SELECT w.legacy_id::text AS id FROM public.weeks w WHERE (SELECT count(*) FROM public.habits h WHERE h.week_id = w.id) >= 2 ORDER BY w.legacy_id LIMIT 1`,
    );
    target = Number(rows[0]!.id);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
  });

  it('reports nothing on a consistent backfill', async () => {
    expect(await readDrift(client)).toEqual([]);
    expect((await client.query('SELECT * FROM public.hv_drift_candidates()')).rows).toEqual([]);
  });

  for (const change of CHANGES) {
    it(`${change.name}: ${change.expect ? 'the rows it touches, and only they, are candidates and are reported' : 'no drift'}`, async () => {
      const sql = (q: string) => q.replace(/\$1/g, String(target));
      const touched = change.touches ? (await client.query<{ legacy_id: string }>(sql(change.touches))).rows.map((r) => Number(r.legacy_id)) : [target];
      await client.query('BEGIN');
      try {
        await client.query(sql(change.sql));
        const candidates = (await client.query<{ legacy_id: string }>('SELECT legacy_id::text FROM public.hv_drift_candidates()')).rows.map((r) => Number(r.legacy_id));
        const drift = await readDrift(client);
        if (change.expect) {
          expect(candidates.sort((a, b) => a - b)).toEqual(touched);
          expect(new Set(drift.map((d) => d.legacy_id))).toEqual(new Set(touched));
          expect(drift.some((d) => d.legacy_id === target && change.expect!(d))).toBe(true);
        } else {
          expect(candidates).toEqual([]);
          expect(drift).toEqual([]);
        }
      } finally {
        await client.query('ROLLBACK');
      }
    });
  }

  it('a week with no legacy id is always reported, sampled or not', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`INSERT INTO public.weeks (user_id, child_id, week_start_date, week_end_date) SELECT user_id, child_id, DATE '2031-01-06', DATE '2031-01-12' FROM public.weeks WHERE legacy_id = ${target}`);
      for (const permille of [1000, 1]) {
        const drift = await readDrift(client, { samplePermille: permille });
        expect(drift.filter((d) => d.legacy_id === null).map((d) => d.kind)).toEqual(['extra_in_new']);
      }
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('sampled: what the full check reports for the rows of the segments taken, and nothing else', async () => {
    await client.query('BEGIN');
    try {
      // a change in every migrated row
      await client.query(`UPDATE public.weeks SET theme = coalesce(theme, '') || '!'`);
      const full = await readDrift(client);
      const all = new Set(full.map((d) => d.legacy_id));
      for (const [permille, salt] of [[300, 0], [300, 1], [700, 5]] as const) {
        const taken = (await client.query<{ id: string }>(
          `SELECT l.id::text FROM (SELECT DISTINCT unnest($1::bigint[]) AS id) l WHERE mod(abs(hashint8((l.id / 1024) # $2::int)), 1000) < $3`,
          [[...all], salt, permille],
        )).rows.map((r) => Number(r.id));
        const sampled = await readDrift(client, { samplePermille: permille, salt });
        expect(taken.length).toBeGreaterThan(0);
        expect(taken.length).toBeLessThan(all.size);
        expect(sampled).toEqual(full.filter((d) => taken.includes(d.legacy_id!)));
      }
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
