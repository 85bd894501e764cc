/**
 * Deterministic populations of user ids for the router property: a seed and a style give the same
 * ids every time (so a counterexample is its seed, and shrinks to a smaller population).
 */
export const ID_STYLES = ['v4', 'v7-burst', 'sequential', 'upper-case'] as const;
export type IdStyle = (typeof ID_STYLES)[number];

/** xorshift128+ on BigInt: enough for ids, and identical on every platform. */
function prng(seed: number): () => bigint {
  let a = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 1n);
  let b = BigInt.asUintN(64, a ^ 0xbf58476d1ce4e5b9n);
  return () => {
    let x = a;
    const y = b;
    a = y;
    x = BigInt.asUintN(64, x ^ (x << 23n));
    b = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return BigInt.asUintN(64, b + y);
  };
}

const hex = (v: bigint, digits: number) => v.toString(16).padStart(digits, '0').slice(-digits);
const uuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/**
 * `count` distinct user ids:
 * - v4: random (what auth.users holds today);
 * - v7-burst: time-ordered ids created in the same few milliseconds — they share their leading
 *   48 bits, so a router that buckets on the id's prefix puts them all in one bucket;
 * - sequential: ids that differ in their last digits only (imported accounts, test fixtures);
 * - upper-case: v4 ids as some clients print them (the bucket must not depend on case).
 */
export function userIds(seed: number, style: IdStyle, count: number): string[] {
  const next = prng(seed);
  const out: string[] = [];
  const base = next();
  const ms = BigInt.asUintN(48, next());
  for (let i = 0; i < count; i++) {
    const r1 = next();
    const r2 = next();
    let h: string;
    if (style === 'v7-burst') {
      h = `${hex(ms + BigInt(i >> 10), 12)}7${hex(r1, 3)}${hex((r1 >> 12n) & 0x3fffn | 0x8000n, 4)}${hex(r2, 12)}`;
    } else if (style === 'sequential') {
      h = `${hex(base, 12)}4${hex(base >> 48n, 3)}8${hex(base >> 20n, 3)}${hex(BigInt(i), 12)}`;
    } else {
      h = `${hex(r1, 12)}4${hex(r1 >> 48n, 3)}${hex(((r2 >> 60n) & 0x3n) | 0x8n, 1)}${hex(r2, 15)}`;
    }
    const id = uuid(h);
    out.push(style === 'upper-case' ? id.toUpperCase() : id);
  }
  return out;
}
