import { weekPeriodLabel, type Status } from '../migration/mapping-rules.ts';

export type { Status };

/**
 * What the app reads: one week in the legacy shape, whichever schema served it. Both readers return
 * exactly this, so a served result can be compared with `weeksEqual` and swapped without the app
 * noticing. Dates are `YYYY-MM-DD`, timestamps UTC text with microseconds (`…T…​.ffffffZ`): nothing
 * depends on the process's or the session's time zone.
 */
export interface LegacyWeek {
  /** habit_tracker id; null for a week that exists only in the new schema. */
  id: number | null;
  user_id: string | null;
  child_name: string;
  /** The display label, always derived from week_start_date (mapping rule week_period_recomputed). */
  week_period: string;
  week_start_date: string;
  theme: string | null;
  habits: LegacyHabit[];
  reflection: unknown;
  reward: string | null;
  created_at: string;
  updated_at: string;
}

export interface LegacyHabit {
  name: string;
  /** Seven statuses, index 0 = Monday; a null, missing or absent status reads as none. */
  times: Status[];
}

/** Which week: by habit_tracker id, or by its natural key (owner, exact child name, Monday). */
export type WeekKey = { legacyId: number } | { userId: string; childName: string; weekStart: string };

/** The key as plain JSON (for the mismatch log). */
export function describeKey(key: WeekKey): Record<string, unknown> {
  return 'legacyId' in key ? { legacyId: key.legacyId } : { userId: key.userId, childName: key.childName, weekStart: key.weekStart };
}

/** A row as both readers select it: scalar columns already as text, habits and reflection as JSON. */
export interface RawWeekRow {
  id: string | null;
  user_id: string | null;
  child_name: string;
  week_start_date: string;
  theme: string | null;
  habits: unknown;
  reflection: unknown;
  reward: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The legacy shape of a row, with the mapping rules' normalizations: habits null → no habits, a null
 * or missing status → none, status letter case folded (ASCII), times padded to 7 days. A row the
 * mapping rules would quarantine comes back as the app shows it, best effort (never an exception).
 */
export function toLegacyWeek(r: RawWeekRow): LegacyWeek {
  return {
    id: r.id === null ? null : Number(r.id),
    user_id: r.user_id,
    child_name: r.child_name,
    week_period: weekPeriodLabel(r.week_start_date),
    week_start_date: r.week_start_date,
    theme: r.theme,
    habits: Array.isArray(r.habits) ? r.habits.map(toHabit) : [],
    reflection: r.reflection ?? null,
    reward: r.reward,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function toHabit(h: unknown): LegacyHabit {
  const o = typeof h === 'object' && h !== null && !Array.isArray(h) ? (h as Record<string, unknown>) : {};
  const times = Array.isArray(o.times) ? o.times : [];
  return {
    name: typeof o.name === 'string' ? o.name : String(o.name ?? ''),
    times: Array.from({ length: Math.max(7, times.length) }, (_, i) => toStatus(times[i])),
  };
}

function toStatus(t: unknown): Status {
  return typeof t === 'string' ? (t.replace(/[A-Z]/g, (c) => c.toLowerCase()) as Status) : 'none';
}

/** Structural equality of two reads (key order of JSON objects ignored). */
export function weeksEqual(a: LegacyWeek | null, b: LegacyWeek | null): boolean {
  return stableJson(a) === stableJson(b);
}

/** JSON with object keys sorted: two equal values print the same. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'object' && x !== null && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}
