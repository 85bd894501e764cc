/**
 * The quarantine rules in words, for readers of the reports: each reason's rule (from the comments of
 * QUARANTINE_REASONS in src/migration/mapping-rules.ts) and what one legacy row holds that the rule
 * looks at, measured as the oracle (src/check/canonical.ts) measures it. Pure.
 */
import { codePoints } from '../check/canonical.ts';
import type { LegacyRow } from '../generate/dataset.ts';
import { isoWeekday, type QuarantineReason } from '../migration/mapping-rules.ts';
import { dayName, isRecord } from './counterexample.ts';
import { compactJson } from './text-format.ts';

/** The rule behind each quarantine reason, in one short sentence. */
export const QUARANTINE_RULES: Readonly<Record<QuarantineReason, string>> = {
  owner_null: 'a row migrates only with an owner (user_id not null)',
  owner_unknown: 'the owner (user_id) must be an account in auth.users',
  child_name_length: 'a child name has 1 to 100 characters, counted in code points (children.check_name_length)',
  week_not_monday: 'a week starts on a Monday (weeks.check_week_start_monday)',
  habits_not_array: 'habits is a list (or null)',
  habit_not_object: 'every habit is an object',
  habit_name_invalid: 'every habit has a text name',
  habit_unknown_keys: 'a habit holds only name and times',
  times_not_array: "a habit's times is a list (or null)",
  times_too_long: 'a week has at most 7 days of statuses',
  status_not_string: 'a status is text',
  status_unknown: 'a status is green, yellow, red or none, in any letter case',
  reflection_not_object: 'reflection is an object (or null)',
  duplicate_week: 'one week per owner, child and start date: the lowest id migrates, later ones are quarantined',
  unexpected_error: 'a row that fails for a reason no rule foresaw is kept aside with its SQLSTATE',
};

export const isQuarantineReason = (s: string): s is QuarantineReason => Object.hasOwn(QUARANTINE_RULES, s);

/**
 * What `row` holds that `reason`'s rule looks at, as a clause ("the child name has 101 characters;
 * at most 100 migrate"), whether or not the rule fires. Undefined when the row gives nothing to say.
 */
export function rowFact(reason: QuarantineReason, row: LegacyRow, rows: readonly LegacyRow[] = [], users?: readonly string[]): string | undefined {
  const habits = Array.isArray(row.habits) ? (row.habits as unknown[]) : [];
  const habit = (i: number) => `habit ${i + 1}${isRecord(habits[i]) && typeof habits[i].name === 'string' ? ` (${compactJson(habits[i].name, 40)})` : ''}`;
  const first = <T>(f: (h: unknown, i: number) => T | undefined) => habits.map(f).find((x) => x !== undefined);
  switch (reason) {
    case 'owner_null':
      return row.user_id === null ? 'its user_id is null' : `its owner is ${row.user_id}`;
    case 'owner_unknown':
      if (row.user_id === null) return 'its user_id is null';
      if (!users) return undefined;
      return users.includes(row.user_id) ? `its owner ${row.user_id} is an account` : `its owner ${row.user_id} is not an account in auth.users`;
    case 'child_name_length': {
      const n = codePoints(row.child_name);
      const units = row.child_name.length !== n ? ` (${row.child_name.length} UTF-16 units)` : '';
      if (n === 0) return 'the child name is empty; at least 1 character migrates';
      return `the child name has ${n} character${n === 1 ? '' : 's'}${units}; ${n > 100 ? 'at most 100 migrate' : 'names of 1 to 100 characters migrate'}`;
    }
    case 'week_not_monday': {
      const day = isoWeekday(row.week_start_date);
      return `the week starts on ${row.week_start_date}, a ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][day - 1]}`;
    }
    case 'habits_not_array':
      return `habits is ${kindOf(row.habits)}`;
    case 'habit_not_object':
      return first((h, i) => (isRecord(h) ? undefined : `habit ${i + 1} is ${kindOf(h)}`)) ?? 'every habit is an object';
    case 'habit_name_invalid':
      return first((h, i) => (isRecord(h) && typeof h.name !== 'string' ? `habit ${i + 1}'s name is ${h.name === undefined ? 'missing' : kindOf(h.name)}` : undefined));
    case 'habit_unknown_keys':
      return first((h, i) => {
        const extra = isRecord(h) ? Object.keys(h).filter((k) => k !== 'name' && k !== 'times') : [];
        return extra.length ? `${habit(i)} also holds ${extra.map((k) => JSON.stringify(k)).join(', ')}` : undefined;
      });
    case 'times_not_array':
      return first((h, i) => (isRecord(h) && h.times != null && !Array.isArray(h.times) ? `${habit(i)}'s times is ${kindOf(h.times)}` : undefined));
    case 'times_too_long':
      return first((h, i) => (isRecord(h) && Array.isArray(h.times) && h.times.length > 7 ? `${habit(i)} has ${h.times.length} days` : undefined));
    case 'status_not_string':
    case 'status_unknown':
      return first((h, i) => {
        if (!isRecord(h) || !Array.isArray(h.times)) return undefined;
        const d = h.times.findIndex((t) => (reason === 'status_not_string' ? t !== null && typeof t !== 'string' : typeof t === 'string' && !/^(green|yellow|red|none)$/i.test(t)));
        return d < 0 ? undefined : `${habit(i)}, ${dayName(d)}, is ${compactJson(h.times[d], 40)}${reason === 'status_not_string' ? ` (${kindOf(h.times[d])})` : ''}`;
      });
    case 'reflection_not_object':
      return `reflection is ${kindOf(row.reflection)}`;
    case 'duplicate_week': {
      const twin = rows.find((o) => o.id < row.id && o.user_id === row.user_id && o.child_name === row.child_name && o.week_start_date === row.week_start_date);
      return twin ? `row #${twin.id} has the same owner, child and week and a lower id` : undefined;
    }
    case 'unexpected_error':
      return undefined;
  }
}

/** "a string", "a number", "a list", "null"… for a JSON value. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${compactJson(v, 40)})`;
  return `a ${typeof v} (${String(v)})`;
}
