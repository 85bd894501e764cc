/**
 * Anomalies of the week: a start that is not a Monday, calendar edges (leap day, year boundary), far
 * past and far future, and a week_period label that disagrees with the start. A moved week never lands
 * on another row's (owner, child, week): it steps on until it is free, so it adds no duplicate.
 */
import fc from 'fast-check';
import { addDaysIso, fromDayNumber, isoWeekday, toDayNumber, weekPeriodLabel } from '../../migration/mapping-rules.ts';
import { defineAnomaly, type InjectionContext, type RowDraft } from './define.ts';
import { mondayOnOrBefore, yearOf } from './inspect.ts';

const MAX_STEPS = 400;

/** Moves the draft to the first free week of `candidates`; false when none is free. */
function moveTo(draft: RowDraft, ctx: InjectionContext, candidates: Iterable<string>): boolean {
  let steps = 0;
  for (const week of candidates) {
    if (++steps > MAX_STEPS) return false;
    if (ctx.isWeekFree(draft.user_id, draft.child_name, week)) {
      draft.week_start_date = week;
      return true;
    }
  }
  return false;
}

function* everyWeekFrom(monday: string, limitIso: string): Generator<string> {
  for (let d = toDayNumber(monday); d <= toDayNumber(limitIso); d += 7) yield fromDayNumber(d);
}

export const weekNotMonday = defineAnomaly({
  id: 'week_not_monday',
  description: 'week_start_date is a Tuesday…Sunday (the label is consistent with it)',
  treatment: { kind: 'quarantine', reason: 'week_not_monday' },
  params: fc.integer({ min: 1, max: 6 }),
  apply(draft, shift, ctx) {
    const monday = mondayOnOrBefore(draft.week_start_date);
    const shifts = [0, 1, 2, 3, 4, 5].map((k) => (((shift - 1 + k) % 6) + 1));
    return moveTo(draft, ctx, shifts.map((s) => addDaysIso(monday, s)));
  },
  detect: (row) => isoWeekday(row.week_start_date) !== 1,
});

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function* leapWeeksFrom(year: number): Generator<string> {
  for (let y = year; y <= 9996; y += 4) {
    if (isLeapYear(y)) yield mondayOnOrBefore(`${String(y).padStart(4, '0')}-02-29`);
  }
}

export const leapDayWeek = defineAnomaly({
  id: 'leap_day_week',
  description: 'a Monday week containing February 29 (2000, 2024, 1600, 2400, …)',
  treatment: { kind: 'as_is', rule: 'dates' },
  params: fc.constantFrom(2024, 2000, 2028, 1600, 2096, 1904, 2400),
  apply: (draft, year, ctx) => moveTo(draft, ctx, leapWeeksFrom(year)),
  detect: (row) => [0, 1, 2, 3, 4, 5, 6].some((d) => addDaysIso(row.week_start_date, d).endsWith('-02-29')),
});

function* yearBoundaryWeeksFrom(year: number): Generator<string> {
  for (let y = year; y <= 9998; y++) {
    const monday = mondayOnOrBefore(`${String(y).padStart(4, '0')}-12-31`);
    if (yearOf(addDaysIso(monday, 6)) !== y) yield monday; // none when Dec 31 is a Sunday
  }
}

export const yearBoundaryWeek = defineAnomaly({
  id: 'year_boundary_week',
  description: 'a Monday week that starts in December and ends in January of the next year',
  treatment: { kind: 'as_is', rule: 'dates' },
  params: fc.integer({ min: 1990, max: 2060 }),
  apply: (draft, year, ctx) => moveTo(draft, ctx, yearBoundaryWeeksFrom(year)),
  detect: (row) => yearOf(row.week_start_date) !== yearOf(addDaysIso(row.week_start_date, 6)),
});

const FAR_PAST = { min: toDayNumber('1000-01-06'), max: toDayNumber('1900-12-24') };
const FAR_FUTURE = { min: toDayNumber('2100-01-04'), max: toDayNumber('9998-11-30') };

export const farPastWeek = defineAnomaly({
  id: 'far_past_week',
  description: 'a Monday week between the years 1000 and 1900',
  treatment: { kind: 'as_is', rule: 'dates' },
  params: fc.integer(FAR_PAST),
  apply(draft, day, ctx) {
    const monday = mondayOnOrBefore(fromDayNumber(Math.max(day, FAR_PAST.min + 6)));
    return moveTo(draft, ctx, everyWeekFrom(monday, '1900-12-31'));
  },
  detect: (row) => yearOf(row.week_start_date) <= 1900,
});

export const farFutureWeek = defineAnomaly({
  id: 'far_future_week',
  description: 'a Monday week between the years 2100 and 9998',
  treatment: { kind: 'as_is', rule: 'dates' },
  params: fc.integer(FAR_FUTURE),
  apply(draft, day, ctx) {
    const monday = mondayOnOrBefore(fromDayNumber(Math.max(day, FAR_FUTURE.min + 6)));
    return moveTo(draft, ctx, everyWeekFrom(monday, '9998-12-31'));
  },
  detect: (row) => yearOf(row.week_start_date) >= 2100,
});

export const WEEK_PERIOD_VARIANTS = ['null', 'other_week', 'zero_padded', 'english', 'empty', 'iso_range'] as const;

function zeroPadded(iso: string): string {
  const end = addDaysIso(iso, 6);
  const ko = (d: string) => `${d.slice(0, -6)}년 ${d.slice(-5, -3)}월 ${d.slice(-2)}일`;
  return `${ko(iso)} ~ ${ko(end)}`;
}

/** A label for `week` that differs from `weekPeriodLabel(week)` (or null). */
export function mismatchedLabel(week: string, variant: (typeof WEEK_PERIOD_VARIANTS)[number], weeks: number): string | null {
  switch (variant) {
    case 'null':
      return null;
    case 'empty':
      return '';
    case 'iso_range':
      return `${week} ~ ${addDaysIso(week, 6)}`;
    case 'english':
      return `Week of ${week}`;
    case 'zero_padded': {
      const padded = zeroPadded(week);
      if (padded !== weekPeriodLabel(week)) return padded;
      return weekPeriodLabel(addDaysIso(week, -7 * weeks));
    }
    case 'other_week':
      return weekPeriodLabel(addDaysIso(week, 7 * weeks));
  }
}

export const weekPeriodMismatch = defineAnomaly({
  id: 'week_period_mismatch',
  description: "week_period is null, empty, another week's label, zero-padded or another format",
  treatment: { kind: 'warn', warning: 'week_period_mismatch' },
  params: fc.record(
    { variant: fc.constantFrom(...WEEK_PERIOD_VARIANTS), weeks: fc.integer({ min: 1, max: 4 }) },
    { noNullPrototype: true },
  ),
  apply(draft, { variant, weeks }) {
    draft.week_period = mismatchedLabel(draft.week_start_date, variant, weeks);
    return true;
  },
  detect: (row) => row.week_period !== weekPeriodLabel(row.week_start_date),
});
