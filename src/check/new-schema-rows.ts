/**
 * The direct oracle: the rows the new schema must hold after the backfill, table by table, computed
 * from the oracle's outcomes (src/check/canonical.ts) — not seen through the legacy view, which is code
 * under test too and can cancel an error of the backfill (a 1-based display_order, say). Rows are
 * keyed by natural key, never by id: ids and the timestamps that only record when a row was made
 * are not the mapping's (the README's "Column by column" table says which column comes from where,
 * and which are not compared). Pure.
 */
import type { Outcome } from './canonical.ts';
import { addDaysIso, timePeriodOf } from '../migration/mapping-rules.ts';

export const NEW_SCHEMA_TABLES = ['children', 'weeks', 'habits', 'habit_records'] as const;
export type NewSchemaTable = (typeof NEW_SCHEMA_TABLES)[number];

/** The natural key of each table, in order: a row's key is the JSON array of these values. */
export const NATURAL_KEYS: Readonly<Record<NewSchemaTable, readonly string[]>> = {
  children: ['user_id', 'name'],
  weeks: ['user_id', 'child', 'week_start_date'],
  habits: ['user_id', 'child', 'week_start_date', 'display_order'],
  habit_records: ['user_id', 'child', 'week_start_date', 'display_order', 'record_date'],
};

/** The columns compared besides the key; `weeks.legacy_id` only where the implementation has it. */
export const COMPARED_COLUMNS: Readonly<Record<NewSchemaTable, readonly string[]>> = {
  children: ['avatar_url', 'birth_date', 'created_at'],
  weeks: ['user_id', 'week_end_date', 'theme', 'reflection', 'reward', 'template_id', 'legacy_id', 'created_at', 'updated_at'],
  habits: ['name', 'time_period'],
  habit_records: ['status', 'note'],
};
export const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['weeks.legacy_id']);

/** A table's rows by natural key (`JSON.stringify` of the key's values), each with its compared columns. */
export type KeyedRows = Map<string, Record<string, unknown>>;
export type NewSchemaRows = Record<NewSchemaTable, KeyedRows>;

export const rowKey = (values: readonly unknown[]) => JSON.stringify(values);

/**
 * The rows the mapping rules give the migrated legacy rows of `outcomes`. `templates`: the template a
 * week was created from, by legacy id (Phase 1's createWeek); other weeks have none.
 */
export function expectedNewSchemaRows(outcomes: ReadonlyMap<number, Outcome>, templates: ReadonlyMap<number, string> = new Map()): NewSchemaRows {
  const out: NewSchemaRows = { children: new Map(), weeks: new Map(), habits: new Map(), habit_records: new Map() };
  const migrated = [...outcomes.values()].flatMap((o) => (o.kind === 'migrate' ? [o.row] : [])).sort((a, b) => a.id - b.id);
  for (const row of migrated) {
    const child = [row.user_id, row.child_name];
    // a child is created by its first migrated week, and takes that row's created_at
    if (!out.children.has(rowKey(child))) out.children.set(rowKey(child), { avatar_url: null, birth_date: null, created_at: row.created_at });
    const week = [...child, row.week_start_date];
    out.weeks.set(rowKey(week), {
      user_id: row.user_id,
      week_end_date: addDaysIso(row.week_start_date, 6),
      theme: row.theme,
      reflection: row.reflection ?? null,
      reward: row.reward,
      template_id: templates.get(row.id) ?? null,
      legacy_id: row.id,
      created_at: row.created_at,
      updated_at: row.updated_at,
    });
    row.habits.forEach((habit, order) => {
      out.habits.set(rowKey([...week, order]), { name: habit.name, time_period: timePeriodOf(habit.name) });
      habit.times.forEach((status, day) => {
        out.habit_records.set(rowKey([...week, order, addDaysIso(row.week_start_date, day)]), { status, note: null });
      });
    });
  }
  return out;
}
