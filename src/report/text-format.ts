/** Small, deterministic text helpers shared by every format. */

/** `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A JSON value on one line: strings bare, undefined as `(missing)`, long text cut with `…`. */
export function compact(v: unknown, max = 200): string {
  const text = v === undefined ? '(missing)' : typeof v === 'string' ? v : safeJson(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Like `compact`, but strings keep their quotes, so `""`, `" green"` and `null` stay distinguishable. */
export function compactJson(v: unknown, max = 200): string {
  const text = v === undefined ? '(missing)' : safeJson(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One habit status in a compact grid: g y r n for the four valid ones, · for null, JSON otherwise. */
export function statusShort(v: unknown): string {
  if (v === 'green' || v === 'yellow' || v === 'red' || v === 'none') return v[0]!;
  if (v === null) return '·';
  return safeJson(v);
}

export const STATUS_LEGEND = 'g = green, y = yellow, r = red, n = none, · = null, ∅ = missing from the array';

/** A week of statuses as `g y r n · ∅ ∅`: at least seven, so a short array shows its missing days. */
export function weekShort(times: readonly unknown[]): string {
  return Array.from({ length: Math.max(7, times.length) }, (_, d) => (d < times.length ? statusShort(times[d]) : '∅')).join(' ');
}

export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Pretty JSON capped at `max` characters (a PR comment has a size limit). */
export function prettyJson(v: unknown, max = 4000): string {
  let text: string;
  try {
    text = JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters in run.json)` : text;
}

/** One line: newlines and tabs become spaces. */
export const oneLine = (s: string) => s.replace(/\s*[\r\n\t]+\s*/g, ' ').trim();
