/**
 * One `habit_tracker` row, as the legacy app stores it (see ../shared/seed/README.md): the input of
 * every migration, and the shape the new schema is seen in when compared with it. Dates are ISO
 * strings (`YYYY-MM-DD`), timestamps ISO-8601 UTC strings: never a JS `Date`. JSON columns hold
 * arbitrary JSON: adversarial data is not well-typed.
 */
export interface LegacyRow {
  id: number; // bigserial; explicit so a dataset is self-contained
  user_id: string | null;
  child_name: string;
  week_period: string | null;
  week_start_date: string; // YYYY-MM-DD
  theme: string | null;
  habits: unknown; // normally Array<{ name: string; times: Array<Status | null> }>
  reflection: unknown; // normally an object
  reward: string | null;
  created_at: string; // ISO UTC
  updated_at: string; // ISO UTC
  /**
   * JSON columns holding the JSON literal `null` (`'null'::jsonb`) rather than SQL NULL. A JS `null`
   * in a column is SQL NULL unless the column is listed here. Absent = none.
   */
  json_null_columns?: ('habits' | 'reflection')[];
}
