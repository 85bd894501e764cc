/**
 * The free text of a row that the edge anomalies (text-edges.ts) reach: theme, reward, habit names and
 * the string values of reflection. Changing one, and reading them all back from a finished row.
 */
import type { LegacyRow } from '../dataset.ts';
import type { RowDraft } from './define.ts';
import { habitObjects, isJsonObject, pick } from './inspect.ts';

export const FREE_TEXT_COLUMNS = ['theme', 'reward', 'habit_name', 'reflection_value'] as const;
export type FreeTextColumn = (typeof FREE_TEXT_COLUMNS)[number];

/** Where a text goes: which column, and (for habit names and reflection values) which one, modulo their number. */
export interface FreeTextTarget {
  column: FreeTextColumn;
  index: number;
}

/**
 * Replaces one free text of the draft by `change(old)` (old: '' for a null theme, reward or a missing
 * reflection value). False when the draft has no such text: no habit with a string name, or a
 * reflection that is not an object.
 */
export function changeFreeText(draft: RowDraft, { column, index }: FreeTextTarget, change: (old: string) => string): boolean {
  switch (column) {
    case 'theme':
    case 'reward':
      draft[column] = change(draft[column] ?? '');
      return true;
    case 'habit_name': {
      const h = pick(habitObjects(draft.habits).filter((x) => typeof x.name === 'string'), index);
      if (!h) return false;
      h.name = change(h.name as string);
      return true;
    }
    case 'reflection_value': {
      if (!isJsonObject(draft.reflection)) return false;
      const key = pick(Object.keys(draft.reflection).filter((k) => typeof (draft.reflection as Record<string, unknown>)[k] === 'string'), index) ?? 'good';
      draft.reflection[key] = change(typeof draft.reflection[key] === 'string' ? (draft.reflection[key] as string) : '');
      draft.jsonNull.delete('reflection');
      return true;
    }
  }
}

/** Every free text of a finished row: theme and reward when not null, string habit names, reflection's string values (at any depth). */
export function freeTexts(row: Pick<LegacyRow, 'theme' | 'reward' | 'habits' | 'reflection'>): string[] {
  const names = habitObjects(row.habits).flatMap((h) => (typeof h.name === 'string' ? [h.name] : []));
  return [...(row.theme === null ? [] : [row.theme]), ...(row.reward === null ? [] : [row.reward]), ...names, ...stringsIn(row.reflection)];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isJsonObject(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}
