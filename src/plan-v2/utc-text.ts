/**
 * A timestamptz as PostgREST renders it (`2025-10-13T09:00:00.123456+09:00`, in the session's zone)
 * as the contract's UTC text with microseconds (`2025-10-13T00:00:00.123456Z`), digit for digit:
 * the fraction is kept as text, only whole seconds go through Date.
 */
export function utcText(ts: string): string {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(ts);
  if (!m) throw new RangeError(`not a timestamp with a time zone: ${JSON.stringify(ts)}`);
  const offset = (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]) - offset, 0);
  return `${d.toISOString().slice(0, 19)}.${(m[7] ?? '').padEnd(6, '0')}Z`;
}
