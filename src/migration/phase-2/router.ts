import { createHash } from 'node:crypto';
import type { ReadFlags } from '../../contract/read-path.ts';

export { ALL_LEGACY, type ReadFlags } from '../../contract/read-path.ts';

/**
 * The read router of Phase 2: which schema serves a user's reads, from a percentage flag with
 * sticky bucketing. Pure (no I/O, no clock, no randomness).
 *
 * A user's bucket is the first 4 bytes of sha256(lower-cased, trimmed user id) as an unsigned
 * 32-bit integer, modulo {@link BUCKETS}: the same user lands in the same bucket in every process,
 * on every server, forever (sticky), and raising the percentage only ever adds users (monotone).
 * A user reads from the new schema iff `useNewSchema` is on and `bucket < percentage × 100`:
 * 0 % is nobody, 100 % is everybody, and the threshold has a granularity of 0.01 %.
 *
 * The plan's `if (flags.useNewSchema)` reads the percentage flag and never uses it; here
 * `useNewSchema` is the kill switch (off = every read from legacy, at once: the Phase 2 rollback)
 * and `newSchemaPercentage` is the rollout (5 → 20 → 50 → 100).
 */
export const BUCKETS = 10_000;

/** The user's bucket, 0 … BUCKETS-1. Case and surrounding whitespace of the id do not matter. */
export function bucketOf(userId: string): number {
  const digest = createHash('sha256').update(userId.trim().toLowerCase(), 'utf8').digest();
  return digest.readUInt32BE(0) % BUCKETS;
}

/** The bucket threshold of a percentage: users with a bucket below it are on the new schema. */
export function thresholdOf(percentage: number): number {
  if (!Number.isFinite(percentage) || percentage < 0 || percentage > 100) {
    throw new RangeError(`newSchemaPercentage must be a number from 0 to 100, got ${percentage}`);
  }
  return Math.round(percentage * (BUCKETS / 100));
}

/** Does this user's read go to the new schema under these flags? Sticky and monotone in the percentage. */
export function readsFromNew(userId: string, flags: ReadFlags): boolean {
  return flags.useNewSchema && bucketOf(userId) < thresholdOf(flags.newSchemaPercentage);
}
