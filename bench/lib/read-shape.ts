import type pg from 'pg';
import type { WeekReader } from '../../src/contract/read-path.ts';
import { toLegacyWeek, weeksEqual, type RawWeekRow } from '../../src/contract/legacy-week.ts';
import { NEW_WEEK_SELECT, readWeekNew } from '../../src/migration/phase-2/read-new.ts';

/**
 * The lever for Phase 2's reads, measured (issue 16, point 5): the new read's legacy shape precomputed
 * per week — the new schema's own SELECT materialized into one row per week, indexed for both reads —
 * so that a read is one row by key again. A bench-only table (dropped by the caller's database);
 * keeping it current would cost each write one rebuild of its week ({@link refreshWeek}).
 */
const TABLE = 'public.hv_bench_week_shape';

export async function createReadShape(client: pg.ClientBase): Promise<void> {
  await client.query(`CREATE TABLE ${TABLE} AS SELECT * FROM (${NEW_WEEK_SELECT}) s`);
  await client.query(`CREATE UNIQUE INDEX ON ${TABLE} ((id::bigint))`);
  await client.query(`CREATE INDEX ON ${TABLE} (user_id, week_start_date DESC, child_name COLLATE "C", (id::bigint))`);
  await client.query(`VACUUM ANALYZE ${TABLE}`);
}

/** Reads from the precomputed shape: the week by legacy id, a user's weeks in the legacy list order. */
export const shapeReader: WeekReader = {
  async week(db, key) {
    if (!('legacyId' in key)) throw new Error('the read-shape bench reads weeks by legacy id only');
    const { rows } = await db.query<RawWeekRow>(`SELECT * FROM ${TABLE} WHERE id::bigint = $1`, [key.legacyId]);
    return rows[0] ? toLegacyWeek(rows[0]) : null;
  },
  async list(db, userId) {
    const { rows } = await db.query<RawWeekRow>(
      `SELECT * FROM ${TABLE} WHERE user_id = $1 ORDER BY week_start_date DESC, child_name COLLATE "C", id::bigint`,
      [userId],
    );
    return rows.map(toLegacyWeek);
  },
};

/** What a write would add to keep the shape current: its week rebuilt from the new tables. */
export async function refreshWeek(db: pg.ClientBase, legacyId: number): Promise<void> {
  // two statements: a DELETE in a WITH that nothing reads runs after the INSERT, which would then conflict
  await db.query(`DELETE FROM ${TABLE} WHERE id::bigint = $1`, [legacyId]);
  await db.query(`INSERT INTO ${TABLE} SELECT * FROM (${NEW_WEEK_SELECT} WHERE w.legacy_id = $1) s`, [legacyId]);
}

/**
 * The shape must read what the new schema reads, or its figure compares unlike things: `keys` read
 * both ways, and a list per user. Throws on the first difference.
 */
export async function assertShapeReadsNew(db: pg.ClientBase, ids: readonly number[], users: readonly string[], list: WeekReader['list']): Promise<void> {
  for (const legacyId of ids) {
    const [a, b] = await Promise.all([shapeReader.week(db, { legacyId }), readWeekNew(db, { legacyId })]);
    if (!weeksEqual(a, b)) throw new Error(`read shape: week ${legacyId} differs from the new schema's read`);
  }
  for (const u of users) {
    const [a, b] = await Promise.all([shapeReader.list(db, u), list(db, u)]);
    if (a.length !== b.length || a.some((w, i) => !weeksEqual(w, b[i]!))) throw new Error(`read shape: the weeks of user ${u} differ from the new schema's list`);
  }
}
