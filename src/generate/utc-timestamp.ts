/** ISO-8601 UTC timestamps with millisecond precision by pure arithmetic (no Date, no time zone). */
import { fromDayNumber } from '../migration/mapping-rules.ts';

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` of `ms` milliseconds after 1970-01-01T00:00:00.000Z (may be negative). */
export function utcTimestamp(ms: number): string {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`not an integer millisecond count: ${ms}`);
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${fromDayNumber(day)}T${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)}.${pad(milli, 3)}Z`;
}
