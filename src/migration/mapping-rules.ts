/**
 * The mapping rules from a legacy `habit_tracker` row to the normalized schema — decided here, once.
 *
 * Every rule names the anomaly it answers. The SQL backfill (phase-0), the trigger (phase-1), the
 * TypeScript oracle (src/check) and the anomaly catalogue (src/generate) all follow this table; the
 * README renders it. A row either migrates (as is, or with one of the listed normalizations) or is
 * quarantined with exactly one reason: the first in {@link QUARANTINE_REASONS} order that applies.
 */

/** A day's status in the new schema (habit_records.status); null and missing legacy statuses read as none. */
export type Status = 'green' | 'yellow' | 'red' | 'none';
export const STATUSES: readonly Status[] = ['green', 'yellow', 'red', 'none'];

/** Quarantine reasons, in priority order (the first that applies is recorded). */
export const QUARANTINE_REASONS = [
  'owner_null', //          user_id is null: the new schema needs an account (the plan's all-zero uuid fallback violates the FK and merges every orphan child into one phantom family)
  'owner_unknown', //       user_id not in auth.users: the FK would fail; inventing an account is not ours to do
  'child_name_length', //   child name has 0 or more than 100 characters (code points): children.check_name_length
  'week_not_monday', //     week_start_date is not a Monday: weeks.check_week_start_monday; shifting it would move every record to another day
  'habits_not_array', //    habits is neither null nor a JSON array (object, string, number, boolean)
  'habit_not_object', //    an entry of habits is null or not an object: dropping it would shift display_order of the rest
  'habit_name_invalid', //  an entry's name is missing, null or not a string (habits.name is NOT NULL text)
  'habit_unknown_keys', //  an entry has keys other than name and times: the new schema has nowhere to keep them
  'times_not_array', //     an entry's times is present, non-null and not an array
  'times_too_long', //      an entry's times has more than 7 elements: a week has 7 days, the extra cannot be held
  'status_not_string', //   a status is a number, boolean, object or array
  'status_unknown', //      a status string is not green/yellow/red/none in any letter case
  'reflection_not_object', // reflection is neither null nor a JSON object
  'duplicate_week', //      another row of the same (owner, exact child name, week_start_date) has a lower id: unique_child_week; the lowest id wins
  'unexpected_error', //    the row failed for a reason no rule foresaw; the SQLSTATE is kept in the detail
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

/** Normalizations applied to rows that migrate; each is reversible in meaning (the plan's own equivalences). */
export const NORMALIZATIONS = {
  status_null: 'a null or missing status is stored as none (the plan: status || "none")',
  status_case: 'a status in another letter case (GREEN, Red) is stored lower-case',
  times_short: 'times shorter than 7 is padded with none up to 7 days',
  times_missing: 'times null or missing means 7 days of none',
  habits_null: 'habits null (or the column null) means a week with no habits',
  week_period_recomputed:
    'week_period is a display label derived from week_start_date; the new schema does not store it and the legacy view recomputes it. A null or inconsistent label is recorded as a warning with the original text',
  reflection_null: 'reflection null stays null (the DEFAULT {} applies only when the column is omitted)',
} as const;
export type Normalization = keyof typeof NORMALIZATIONS;

/** Warnings recorded in `migration_warnings` (the row still migrates). */
export const WARNINGS = {
  near_duplicate_child:
    'two children of one owner whose names differ only by Unicode normalization (NFC/NFD) or whitespace: kept apart (identity is the exact name), reported for a human',
  week_period_mismatch: 'week_period is null or does not match week_start_date; the original label is kept here',
} as const;
export type WarningCode = keyof typeof WARNINGS;

/** Rules that migrate as is, with the anomaly each answers (documentation, rendered in the README). */
export const AS_IS_RULES = {
  child_identity:
    'a child is (owner user_id, exact child_name): the same name in two families is two children; families never merge',
  habit_names: 'empty and duplicate habit names migrate as they are; display_order keeps them apart',
  many_habits: 'any number of habits (60+) migrates',
  text: "free text (theme, reward, habit names, reflection's strings) migrates byte for byte: no trimming, no Unicode normalization (NFD stays NFD), zero-width characters kept, '' stays '' beside NULL, any length",
  dates: 'leap days, year-boundary weeks, far past and far future dates migrate; records are start + 0..6 days',
  time_period: 'habits.time_period is derived from the name prefix up to the first ")" (the plan\'s regex), null when absent',
} as const;

const ASCII_WS_RUN = /[ \t\n\r\f\v]+/g;

/**
 * Whitespace-insensitive form of a name: runs of ASCII whitespace (space, tab, LF, CR, FF, VT) become
 * one space, then leading and trailing spaces go. SQL: `btrim(regexp_replace(n, '[ \t\n\r\f\v]+', ' ', 'g'), ' ')`.
 * NBSP and other Unicode spaces are NOT whitespace here.
 */
export function collapseWhitespace(name: string): string {
  return name.replace(ASCII_WS_RUN, ' ').replace(/^ | $/g, '');
}

/**
 * Key under which two children of one owner are near duplicates (warning `near_duplicate_child`) when
 * their exact names differ: NFC, then {@link collapseWhitespace} (SQL: `hv_name_key`).
 */
export function nearDuplicateKey(name: string): string {
  return collapseWhitespace(name.normalize('NFC'));
}

/**
 * habits.time_period: the name's prefix up to and including the first ")" when at least one other
 * character precedes it (the plan's `habit.name.match(/^([^)]+\))/)?.[1]`; SQL:
 * `substring(name FROM '^([^)]+\))')`), else null. "아침 (6-9시) 양치" → "아침 (6-9시)".
 */
export function timePeriodOf(name: string): string | null {
  return /^([^)]+\))/u.exec(name)?.[1] ?? null;
}

/** The label the legacy app writes into `week_period`: `2025년 10월 13일 ~ 2025년 10월 19일` (no zero padding). */
export function weekPeriodLabel(weekStartIso: string): string {
  return `${koreanDate(weekStartIso)} ~ ${koreanDate(addDaysIso(weekStartIso, 6))}`;
}

function koreanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y)}년 ${Number(m)}월 ${Number(d)}일`;
}

/** Adds days to an ISO date with pure calendar arithmetic (no Date, no time zone). */
export function addDaysIso(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Days since 1970-01-01 of an ISO date (proleptic Gregorian), without touching Date or TZ. */
export function toDayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  let y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  y -= mo <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(iso: string): number {
  return ((((toDayNumber(iso) + 3) % 7) + 7) % 7) + 1;
}
