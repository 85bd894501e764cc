import type pg from 'pg';
import type { LegacyDataset } from '../generate/dataset.ts';

/**
 * Loads a dataset into auth.users and habit_tracker in two statements (jsonb_populate_recordset),
 * then moves the id sequence past the largest id. Round trips do not grow with the row count.
 */
export async function loadDataset(client: pg.ClientBase, dataset: LegacyDataset): Promise<void> {
  if (dataset.users.length > 0) {
    await client.query(
      `INSERT INTO auth.users (id, email) SELECT u.id, u.email FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, email text)`,
      [JSON.stringify(dataset.users)],
    );
  }
  if (dataset.rows.length > 0) {
    // habits and reflection go through as JSON values: null is SQL NULL unless the row lists the
    // column in json_null_columns (the JSON value null). The mapping rules treat both the same, but
    // the legacy table keeps what it was given.
    await client.query(
      `INSERT INTO public.habit_tracker (id, user_id, child_name, week_period, week_start_date, theme, habits, reflection,
                                         reward, created_at, updated_at)
       SELECT r.id, r.user_id, r.child_name, r.week_period, r.week_start_date, r.theme,
              CASE WHEN r.json_null_columns ? 'habits' THEN 'null'::jsonb ELSE nullif(r.habits, 'null'::jsonb) END,
              CASE WHEN r.json_null_columns ? 'reflection' THEN 'null'::jsonb ELSE nullif(r.reflection, 'null'::jsonb) END,
              r.reward, r.created_at, r.updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, user_id uuid, child_name text, week_period text,
              week_start_date date, theme text, habits jsonb, reflection jsonb, reward text,
              created_at timestamptz, updated_at timestamptz, json_null_columns jsonb)`,
      [JSON.stringify(dataset.rows)],
    );
    await client.query(
      `SELECT setval(pg_get_serial_sequence('public.habit_tracker', 'id'), (SELECT max(id) FROM public.habit_tracker))`,
    );
  }
}
