import { UsageError } from './usage-error.ts';

/** Parses an integer flag; a usage error names the flag and what it got. */
export function intFlag(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${name} ${JSON.stringify(raw)}: expected an integer >= ${min}`);
  return n;
}

/** `--time-budget 90s | 2m | 1500ms | 90` (seconds) → milliseconds. */
export function durationFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) throw new UsageError(`${name} ${JSON.stringify(raw)}: expected a duration like 90s, 2m or 1500ms`);
  const n = Number(m[1]);
  return Math.round(m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000);
}

/** `--shard i/n` → { index, count }. */
export function shardFlag(raw: string | undefined): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${JSON.stringify(raw)}: expected i/n with 1 <= i <= n, e.g. 1/3`);
  return { index, count };
}

/** A fresh seed when none is given (printed in every report so the run can be repeated). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
