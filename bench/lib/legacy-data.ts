/**
 * Legacy data for the benchmarks, in two ways:
 * - `sample`: the project's own realistic generator (sampleDataset, mode realistic), loaded in chunks;
 *   ~12 s of generation per 100k rows.
 * - `sql`: generate_series on the server, same shape and vocabulary (1–8 habits per row, 7 statuses
 *   each weighted green 5 : yellow 2 : red 1 : none 2 : null 1, Monday weeks, consistent labels,
 *   families of 1–3 children); for 1M rows, where JS generation and a JSON load would dominate.
 */
import type pg from 'pg';
import { loadDataset } from '../../src/db/load-dataset.ts';
import { sampleDataset } from '../../src/generate/sample.ts';
import { HABIT_ACTIVITIES, HABIT_PREFIXES, REWARDS, THEMES } from '../../src/generate/vocabulary.ts';

export type DataSource = 'sample' | 'sql';

export interface LoadedData {
  source: DataSource;
  rows: number;
  users: number;
  habits: number;
  records: number;
  generateMs: number;
  loadMs: number;
}

const CHUNK = 10_000;

/** The shape of `sql` data: weeks per child (consecutive Mondays) and the most habits a week has (at least 1). */
export interface LegacyShape {
  weeksPerChild: number;
  maxHabits: number;
}

/** ~6 weeks per child and 2 children per family, 1–8 habits, as the sampled data has. */
export const SAMPLE_SHAPE: LegacyShape = { weeksPerChild: 6, maxHabits: 8 };
/** The plan's realistic production shape: families with a year of weeks, 1–10 habits each. */
export const YEAR_SHAPE: LegacyShape = { weeksPerChild: 52, maxHabits: 10 };

export async function loadLegacy(client: pg.ClientBase, rows: number, source: DataSource, seed = 20251011, shape: LegacyShape = SAMPLE_SHAPE): Promise<LoadedData> {
  const t0 = performance.now();
  let generateMs = 0;
  if (source === 'sample') {
    const dataset = sampleDataset({ seed, rows, mode: 'realistic' });
    generateMs = performance.now() - t0;
    await loadDataset(client, { users: dataset.users, rows: [] });
    for (let i = 0; i < dataset.rows.length; i += CHUNK) {
      await loadDataset(client, { users: [], rows: dataset.rows.slice(i, i + CHUNK) });
    }
  } else {
    await loadSql(client, rows, shape);
  }
  const loadMs = performance.now() - t0 - generateMs;
  await client.query('ANALYZE public.habit_tracker; ANALYZE auth.users');
  const { rows: c } = await client.query<{ users: number; habits: number }>(
    `SELECT (SELECT count(*)::int FROM auth.users) AS users,
            (SELECT coalesce(sum(jsonb_array_length(habits)), 0)::int FROM public.habit_tracker WHERE jsonb_typeof(habits) = 'array') AS habits`,
  );
  return { source, rows, users: c[0]!.users, habits: c[0]!.habits, records: c[0]!.habits * 7, generateMs, loadMs };
}

const sqlArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
const CHILD_NAMES = ['서연', '민준', '하윤', '도윤', '지우', '서준', '하은', '예준', '수아', '시우', '지호', '윤서', '주원', '채원', '건우'];

async function loadSql(client: pg.ClientBase, rows: number, shape: LegacyShape): Promise<void> {
  // 2 children per family; SAMPLE_SHAPE as the sampled data has (2000 rows: 324 children, 176 families).
  const children = Math.max(1, Math.ceil(rows / shape.weeksPerChild));
  const users = Math.ceil(children / 2);
  await client.query(
    `INSERT INTO auth.users (id, email) SELECT md5('bench-user:' || u)::uuid, 'parent' || u || '@example.com' FROM generate_series(1, $1::int) u`,
    [users],
  );
  for (let from = 1; from <= rows; from += 100_000) {
    const to = Math.min(rows, from + 100_000 - 1);
    await client.query(
      `WITH p AS (SELECT ${sqlArray(HABIT_PREFIXES)} AS pre, ${sqlArray(HABIT_ACTIVITIES)} AS act,
                         ${sqlArray(THEMES)} AS themes, ${sqlArray(REWARDS)} AS rewards, ${sqlArray(CHILD_NAMES)} AS names),
            g AS (SELECT g, (g - 1) % $3::int AS c, (g - 1) / $3::int AS w FROM generate_series($1::int, $2::int) g),
            r AS (SELECT g.*, DATE '2023-01-02' + 7 * (w + (c % 40)) AS ws FROM g)
       INSERT INTO public.habit_tracker (id, user_id, child_name, week_period, week_start_date, theme, habits, reflection, reward, created_at, updated_at)
       SELECT r.g, md5('bench-user:' || (r.c / 2 + 1))::uuid,
              p.names[1 + r.c % 15],
              format('%s년 %s월 %s일 ~ %s년 %s월 %s일', extract(year FROM r.ws)::int, extract(month FROM r.ws)::int, extract(day FROM r.ws)::int,
                     extract(year FROM r.ws + 6)::int, extract(month FROM r.ws + 6)::int, extract(day FROM r.ws + 6)::int),
              r.ws,
              CASE WHEN r.g % 6 = 0 THEN NULL ELSE p.themes[1 + r.g % 7] END,
              (SELECT jsonb_agg(jsonb_build_object(
                        'name', ltrim(p.pre[1 + (r.g + k * 7) % 6] || ' ' || p.act[1 + (r.g * 3 + k * 5) % 14]),
                        'times', (SELECT jsonb_agg(CASE
                                    WHEN s < 5 THEN to_jsonb('green'::text) WHEN s < 7 THEN to_jsonb('yellow'::text)
                                    WHEN s < 8 THEN to_jsonb('red'::text) WHEN s < 10 THEN to_jsonb('none'::text) ELSE 'null'::jsonb END ORDER BY d)
                                    FROM generate_series(0, 6) d, LATERAL (SELECT abs(hashint8(r.g * 64 + k * 8 + d)) % 11 AS s) x))
                      ORDER BY k)
                 FROM generate_series(1, 1 + (abs(hashint8(r.g)) % $4::int)::int) k),
              jsonb_build_object('good', '스스로 양치했어요', 'improve', '늦게 자는 날이 많았어요'),
              CASE WHEN r.g % 5 = 0 THEN NULL ELSE p.rewards[1 + r.g % array_length(p.rewards, 1)] END,
              r.ws + time '08:00' + (r.g % 1000) * interval '1 minute',
              r.ws + time '08:00' + (r.g % 1000) * interval '1 minute' + interval '4 days'
         FROM r, p`,
      [from, to, children, shape.maxHabits],
    );
  }
  await client.query(`SELECT setval(pg_get_serial_sequence('public.habit_tracker', 'id'), $1::bigint)`, [rows]);
}
