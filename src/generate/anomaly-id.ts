/**
 * The names of the anomalies the generator injects, apart from the catalogue (src/generate/anomalies.ts)
 * so that what only names one — a dataset, a row draft, a label — imports no generator code.
 */

/** Every anomaly id, in the order entries are applied to a row. */
export const ANOMALY_IDS = [
  'same_child_name_other_family',
  'near_duplicate_child_nfc_nfd',
  'near_duplicate_child_whitespace',
  'duplicate_week',
  'owner_null',
  'owner_unknown',
  'owner_nil_uuid',
  'child_name_empty',
  'child_name_100_code_points',
  'child_name_101_code_points',
  'child_name_emoji',
  'child_name_combining_mark',
  'week_not_monday',
  'leap_day_week',
  'year_boundary_week',
  'far_past_week',
  'far_future_week',
  'habits_null',
  'habits_json_null',
  'habits_empty',
  'habits_not_array',
  'many_habits',
  'habit_not_object',
  'habit_name_invalid',
  'habit_unknown_keys',
  'habit_name_empty',
  'habit_names_duplicate',
  'times_missing',
  'times_not_array',
  'times_short',
  'times_too_long',
  'status_null',
  'status_none',
  'status_case',
  'status_unknown',
  'status_not_string',
  'reflection_null',
  'reflection_json_null',
  'reflection_not_object',
  'reflection_freeform',
  'text_sql_metacharacters',
  'text_unicode',
  'text_edge_whitespace',
  'text_empty_string',
  'text_nfd',
  'text_zero_width',
  'text_very_long',
  'week_period_mismatch',
] as const;
export type AnomalyId = (typeof ANOMALY_IDS)[number];

export function isAnomalyId(value: unknown): value is AnomalyId {
  return typeof value === 'string' && (ANOMALY_IDS as readonly string[]).includes(value);
}
